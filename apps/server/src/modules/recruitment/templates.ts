/**
 * Word templates of the 发展党员 materials. Each kind has a built-in template (generated with `docx` at first
 * use, in the layout branches keep on paper) that the school may replace with its own .docx using the same
 * {占位符}; the uploaded file is checked (a Word file docxtemplater can compile, only known placeholders)
 * before it is stored, and deleting it restores the built-in one.
 */
import {
  AppError,
  type RecruitmentTemplateInfo,
  type RecruitmentTemplateKind,
  recruitmentLimits,
  recruitmentTemplateKindLabels,
  recruitmentTemplateKinds,
} from '@dangjian/core';
import {
  BorderStyle,
  type Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import {
  contentWidth,
  createDocx,
  fontSizes,
  paragraph,
  textCell,
  textRun,
  titleParagraphs,
} from '../../files/docx.ts';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { refuseHostile } from '../../http/file-type.ts';
import * as repo from './repo.ts';

/**
 * Every placeholder a template may use, with its meaning. Dates are those of the recorded steps, never the day of
 * the download; a signature box's date not yet recorded is left blank for writing by hand (“　年　月　日”).
 */
export const recruitmentPlaceholders = {
  姓名: '姓名',
  性别: '性别',
  出生日期: '出生日期',
  民族: '民族',
  学历: '学历',
  所在党支部: '所在党支部',
  党总支: '所在党总支（党委直属的支部为“（党委直属）”）',
  党委: '基层党委名称',
  申请日期: '递交入党申请书日期',
  谈话日期: '党组织派人谈话日期',
  积极分子日期: '确定为入党积极分子日期',
  发展对象日期: '确定为发展对象日期',
  培养联系人: '培养联系人姓名',
  入党介绍人: '入党介绍人姓名',
  培养经历: '材料所记录的步骤之前的经历（如“2024年3月1日递交入党申请书，2024年9月10日被确定为入党积极分子”）',
  政审日期: '政治审查日期',
  政审结论: '政治审查结论',
  培训学时: '集中培训天数和学时',
  支部大会日期: '支部大会日期（转正审批表为讨论转正的支部大会）',
  应到: '应到会有表决权党员数',
  实到: '实到会有表决权党员数',
  赞成: '赞成票数（含书面表决）',
  反对: '反对票数（含书面表决）',
  弃权: '弃权票数',
  支部决议: '支部大会决议：日期、表决结果和决定',
  总支意见: '党总支审查意见（平台不记录，留空手写；党委直属的支部注明不经党总支审查）',
  上级谈话情况: '上级党委派人谈话的日期和谈话人（未谈话时留空）',
  上级谈话日期: '上级党委派人谈话日期（未谈话时为空白“年　月　日”）',
  党委意见: '基层党委审批意见（未审批时留空）',
  审批日期: '上级党委审批日期（未审批时为空白“年　月　日”）',
  预备期开始: '预备期开始日期（接收为预备党员）',
  预备期结束: '预备期满日期',
  转正申请日期: '提出转正申请日期',
  转正日期: '转正日期',
  公示开始: '公示开始日期（所记录的公示期）',
  公示结束: '公示结束日期（所记录的公示期）',
  公示事项: '公示事项（如“入党积极分子”）',
  公示内容: '公示的内容（如“拟接收张三同志为中共预备党员”）',
  学校: '学校名称',
  落款日期: '落款日期：材料所记录步骤的日期（谈话、政治审查、支部大会；公示为公示开始日）',
  今天: '同{落款日期}（旧名，供已上传的模板使用；不是下载当天）',
} as const;
export type RecruitmentPlaceholder = keyof typeof recruitmentPlaceholders;
export const placeholderKeys = Object.keys(recruitmentPlaceholders) as RecruitmentPlaceholder[];

/** The date of a signature box whose step is not recorded yet: left blank for writing by hand. */
export const blankDate = '　　　　年　　月　　日';

/** What a material's placeholders are filled with (null → （未填写）). */
export type PlaceholderValues = Record<RecruitmentPlaceholder, string | null>;

const options = {
  errorLogging: false,
  paragraphLoop: true,
  linebreaks: true,
  delimiters: { start: '{', end: '}' },
} as const;

interface TemplateErrorProps {
  id?: string;
  xtag?: string;
  context?: string;
}

/** What is wrong with a template docxtemplater cannot compile, in Chinese (at most three problems). */
function explain(e: unknown): string {
  const errors = (e as { properties?: { errors?: { properties?: TemplateErrorProps }[] } }).properties
    ?.errors;
  const parts = (errors ?? []).map(({ properties: p = {} }) => {
    const at = `“${p.context ?? p.xtag ?? ''}”`;
    if (p.id === 'unclosed_tag') return `${at}缺少右括号 }`;
    if (p.id === 'unopened_tag') return `${at}缺少左括号 {`;
    if (p.id === 'duplicate_open_tag' || p.id === 'duplicate_close_tag') return `${at}括号重复`;
    return `${at}格式不正确`;
  });
  return parts.length ? parts.slice(0, 3).join('；') : '文件内容无法识别';
}

/**
 * The placeholders a .docx uses. Answers 422 naming the problem when the file is not a Word document,
 * docxtemplater cannot compile it, or it uses placeholders that are not known.
 */
export function templateTags(content: Buffer): string[] {
  let zip: PizZip;
  try {
    zip = new PizZip(content);
  } catch {
    throw new AppError('RULE_VIOLATION', '模板文件：不是有效的 Word 文档（.docx）');
  }
  if (!zip.file('word/document.xml'))
    throw new AppError('RULE_VIOLATION', '模板文件：不是有效的 Word 文档（.docx），缺少正文');
  const tags = new Set<string>();
  try {
    new Docxtemplater(zip, {
      ...options,
      parser: (tag: string) => {
        tags.add(tag.trim());
        return { get: () => null };
      },
    });
  } catch (e) {
    throw new AppError('RULE_VIOLATION', `模板文件：Word 模板无法解析（${explain(e)}）`);
  }
  const unknown = [...tags].filter((t) => !(t in recruitmentPlaceholders));
  if (unknown.length)
    throw new AppError(
      'RULE_VIOLATION',
      `模板占位符：${unknown.map((t) => `{${t}}`).join('、')} 不是可用的占位符，可用的有：${placeholderKeys.map((k) => `{${k}}`).join('')}`,
    );
  return [...tags];
}

/** Fills a template; missing values print （未填写）. */
export function renderTemplate(content: Buffer, values: PlaceholderValues): Buffer {
  const doc = new Docxtemplater(new PizZip(content), {
    ...options,
    nullGetter: (part) => (part.module ? '' : '（未填写）'),
  });
  doc.render(values);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---- built-in templates ----

/** Column widths of the forms, twips: label, value, label, value across the page's 9,070. */
const cols = [1700, 2835, 1700, 2835] as const;
const wide = cols[1] + cols[2] + cols[3];
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const borders = { top: thin, bottom: thin, left: thin, right: thin };
const spacing = 1;

/** A row of a built-in form: two label/value pairs, one label with a wide value, or a signature box. */
type SheetRow =
  | { pairs: readonly [string, string, string, string] }
  | { label: Label; lines: readonly string[]; minLines?: number }
  | { box: Label; lines: readonly string[]; minLines: number; signer: string; date: string; seal?: boolean };
/** A label, or its lines where a long one should break (上级党委 / 派人谈话 / 情况). */
type Label = string | readonly string[];

const label = (text: Label, width: number) =>
  textCell(text, { width, bold: true, align: 'center', lineSpacing: spacing });

/** A value cell spanning the three columns right of the label. */
function wideCell(children: Paragraph[]): TableCell {
  return new TableCell({
    columnSpan: 3,
    width: { size: wide, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    children,
  });
}

/**
 * A box of an approval form as in the standard 入党志愿书: the opinion, blank lines for writing by hand, then the
 * signer's line with （盖章） and the date, right-aligned. (files/docx.ts has label/value rows but no such box.)
 */
function boxParagraphs(r: Extract<SheetRow, { box: Label }>): Paragraph[] {
  const blankLines = Math.max(0, r.minLines - r.lines.length);
  return [
    ...r.lines.map((l) => paragraph(l, { align: 'justify', indent: true, lineSpacing: spacing })),
    ...Array.from({ length: blankLines }, () => paragraph('', { lineSpacing: spacing })),
    paragraph(
      [
        textRun(`${r.signer}（签名）：`),
        textRun('　　　　　　　　', { underline: true }),
        // A line's trailing spaces are not laid out: a no-break space keeps the signature line in place.
        textRun(r.seal === false ? '\u00a0' : '　（盖章）'),
      ],
      { align: 'right', lineSpacing: spacing },
    ),
    paragraph(r.date, { align: 'right', lineSpacing: spacing, after: 60 }),
  ];
}

/** A bordered form on the page's width: the layout of the printed 审批表 and 记录. */
function sheet(rows: readonly SheetRow[]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: contentWidth(), type: WidthType.DXA },
    columnWidths: [...cols],
    margins: { top: 60, bottom: 60, left: 108, right: 108 },
    rows: rows.map((r) => {
      if ('pairs' in r)
        return new TableRow({
          cantSplit: true,
          children: r.pairs.map((t, i) =>
            i % 2 === 0
              ? label(t, cols[i]!)
              : textCell(t, { width: cols[i]!, align: 'center', lineSpacing: spacing }),
          ),
        });
      if ('box' in r)
        return new TableRow({
          cantSplit: true,
          children: [label(r.box, cols[0]), wideCell(boxParagraphs(r))],
        });
      const lines = [...r.lines, ...Array<string>(Math.max(0, (r.minLines ?? 1) - r.lines.length)).fill('')];
      return new TableRow({
        cantSplit: true,
        children: [
          label(r.label, cols[0]),
          wideCell(lines.map((l) => paragraph(l, { align: 'justify', lineSpacing: spacing }))),
        ],
      });
    }),
  });
}

/** The school's name over the title, as on the printed forms. */
function heading(title: string): Paragraph[] {
  return [
    paragraph('{学校}', { align: 'center', size: fontSizes.四号, after: 120 }),
    ...titleParagraphs(title, { size: fontSizes.小二, after: 240 }),
  ];
}

/** The signature at the foot of a material: the branch and the date of the step it records. */
const signature = (): Paragraph[] => [
  paragraph('', { lineSpacing: 1.5 }),
  paragraph('{所在党支部}', { align: 'right', lineSpacing: 1.5 }),
  paragraph('{落款日期}', { align: 'right', lineSpacing: 1.5 }),
];

const person: readonly SheetRow[] = [
  { pairs: ['姓名', '{姓名}', '性别', '{性别}'] },
  { pairs: ['出生日期', '{出生日期}', '民族', '{民族}'] },
  { pairs: ['学历', '{学历}', '所在党支部', '{所在党支部}'] },
];
const branchBox = (minLines: number): SheetRow => ({
  box: ['支部大会', '决议'],
  lines: ['{支部决议}'],
  minLines,
  signer: '支部书记',
  date: '{支部大会日期}',
});
/**
 * Always present, as on the standard form; a branch directly under the 党委 says so in it. The platform records
 * no 党总支 review, so its date is always left for writing by hand.
 */
const generalBox: SheetRow = {
  box: ['党总支', '审查意见'],
  lines: ['{总支意见}'],
  minLines: 3,
  signer: '党总支书记',
  date: blankDate,
};
const committeeBox: SheetRow = {
  box: ['基层党委', '审批意见'],
  lines: ['{党委意见}'],
  minLines: 3,
  signer: '党委书记',
  date: '{审批日期}',
};

/** The body of each built-in template. */
function builtInBody(kind: RecruitmentTemplateKind): (Paragraph | Table)[] {
  const body = (t: string) => paragraph(t, { align: 'justify', indent: true, lineSpacing: 1.5 });
  switch (kind) {
    case 'talk_record':
      return [
        ...heading('入党申请人谈话记录'),
        sheet([
          { pairs: ['谈话对象', '{姓名}', '性别', '{性别}'] },
          { pairs: ['出生日期', '{出生日期}', '所在党支部', '{所在党支部}'] },
          { pairs: ['递交申请日期', '{申请日期}', '谈话时间', '{谈话日期}'] },
          { pairs: ['谈话地点', '', '谈话人', ''] },
          { label: '谈话内容', lines: [], minLines: 24 },
          { pairs: ['谈话对象签字', '', '谈话人签字', ''] },
        ]),
        ...signature(),
      ];
    case 'public_notice':
      return [
        ...heading('关于{公示内容}的公示'),
        body('经{所在党支部}研究，{公示内容}，现将有关情况予以公示。'),
        body('{姓名}，{性别}，{出生日期}出生，{培养经历}。'),
        body('公示期：{公示开始}至{公示结束}。'),
        body(
          '公示期间，党员和群众可通过来电、来信、来访等方式，向党组织反映公示对象的有关情况和问题。反映问题应实事求是，署真实姓名。',
        ),
        body('联系人：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿'),
        ...signature(),
      ];
    case 'political_review':
      return [
        ...heading('发展对象政治审查综合材料'),
        sheet([
          ...person,
          { pairs: ['确定发展对象', '{发展对象日期}', '入党介绍人', '{入党介绍人}'] },
          { label: '政治审查日期', lines: ['{政审日期}'] },
          { label: '本人政治表现', lines: [], minLines: 9 },
          { label: ['直系亲属和', '主要社会关系'], lines: [], minLines: 8 },
          {
            box: '审查结论',
            lines: ['政治审查结论：{政审结论}。'],
            minLines: 3,
            signer: '支部书记',
            date: '{落款日期}',
          },
        ]),
      ];
    case 'admission_approval':
      return [
        ...heading('接收预备党员审批表'),
        sheet([
          ...person,
          {
            label: '培养考察经过',
            lines: [
              '{申请日期}递交入党申请书，{积极分子日期}确定为入党积极分子，{发展对象日期}确定为发展对象。',
            ],
          },
          { pairs: ['培养联系人', '{培养联系人}', '入党介绍人', '{入党介绍人}'] },
          { pairs: ['政治审查', '{政审日期}', '审查结论', '{政审结论}'] },
          { label: '集中培训', lines: ['{培训学时}'] },
          { label: '公示情况', lines: ['{公示开始}至{公示结束}'] },
          branchBox(2),
          generalBox,
          {
            box: ['上级党委', '派人谈话', '情况'],
            lines: ['{上级谈话情况}'],
            minLines: 2,
            signer: '谈话人',
            date: '{上级谈话日期}',
            seal: false,
          },
          committeeBox,
        ]),
      ];
    case 'confirmation_approval':
      return [
        ...heading('预备党员转正审批表'),
        sheet([
          ...person,
          { pairs: ['入党介绍人', '{入党介绍人}', '入党时间', '{预备期开始}'] },
          { pairs: ['预备期满', '{预备期结束}', '提出转正申请', '{转正申请日期}'] },
          { label: '公示情况', lines: ['{公示开始}至{公示结束}'] },
          { label: '预备期表现', lines: [], minLines: 4 },
          branchBox(2),
          generalBox,
          committeeBox,
        ]),
      ];
  }
}

function buildBuiltIn(kind: RecruitmentTemplateKind): Promise<Buffer> {
  return createDocx({ title: recruitmentTemplateKindLabels[kind], children: builtInBody(kind) });
}

const builtIns = new Map<RecruitmentTemplateKind, Promise<Buffer>>();
/** The built-in template of a kind, generated once per process. */
export function builtInTemplate(kind: RecruitmentTemplateKind): Promise<Buffer> {
  let t = builtIns.get(kind);
  if (!t) {
    t = buildBuiltIn(kind);
    builtIns.set(kind, t);
  }
  return t;
}

/** The template in use for a kind: the school's upload, else the built-in one. */
export async function currentTemplate(
  db: Db | Trx,
  kind: RecruitmentTemplateKind,
): Promise<{ content: Buffer; custom: boolean; fileName: string }> {
  const row = await repo.templateOfKind(db, kind);
  if (row) return { content: row.content, custom: true, fileName: row.file_name };
  return {
    content: await builtInTemplate(kind),
    custom: false,
    fileName: `${recruitmentTemplateKindLabels[kind]}（内置模板）.docx`,
  };
}

const placeholderList = placeholderKeys.map((key) => ({ key, label: recruitmentPlaceholders[key] }));

/** GET /api/recruitment/templates: every kind, built-in or uploaded, with the placeholders. */
export async function listTemplates(db: Db | Trx): Promise<RecruitmentTemplateInfo[]> {
  const rows = await repo.templateInfoRows(db);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return recruitmentTemplateKinds.map((kind) => {
    const r = byKind.get(kind);
    return {
      kind,
      label: recruitmentTemplateKindLabels[kind],
      custom: r !== undefined,
      fileName: r?.file_name ?? null,
      uploaderName: r?.uploader_name ?? null,
      uploadedAt: r ? new Date(r.uploaded_at).toISOString() : null,
      placeholders: placeholderList,
    };
  });
}

/** PUT /api/recruitment/templates/{kind}: checks and stores the school's template. */
export async function uploadTemplate(
  trx: Trx,
  actor: Actor,
  kind: RecruitmentTemplateKind,
  fileName: string,
  content: Buffer,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (content.length === 0) throw new AppError('VALIDATION_FAILED', '模板文件：不能上传空文件');
  if (content.length > recruitmentLimits.fileBytes.max)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `模板文件：超过 ${recruitmentLimits.fileBytes.max / 1024 / 1024} MB 的上限`,
    );
  // The Word reader below checks the format; executables, web pages and macro documents go first.
  refuseHostile(content, '模板文件');
  const tags = templateTags(content);
  const row = {
    file_name: fileName.replace(/[\\/]/g, '_'),
    size: content.length,
    content,
    uploaded_by: actor.userId,
    uploader_name: actor.displayName,
    uploaded_at: now,
  };
  await repo.upsertTemplate(trx, kind, row);
  Object.assign(change, {
    targetType: 'recruitment_template',
    targetId: kind,
    summary: `上传${recruitmentTemplateKindLabels[kind]}模板“${row.file_name}”`,
    after: { fileName: row.file_name, size: row.size, placeholders: tags },
  });
}

/** DELETE /api/recruitment/templates/{kind}: back to the built-in template. */
export async function resetTemplate(
  trx: Trx,
  kind: RecruitmentTemplateKind,
  change: AuditChange,
): Promise<void> {
  const gone = await repo.deleteTemplate(trx, kind);
  Object.assign(change, {
    targetType: 'recruitment_template',
    targetId: kind,
    summary: `恢复${recruitmentTemplateKindLabels[kind]}的内置模板`,
    before: gone ? { fileName: gone.file_name } : null,
  });
}
