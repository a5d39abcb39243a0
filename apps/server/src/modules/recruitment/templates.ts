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
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { refuseHostile } from '../../http/file-type.ts';
import * as repo from './repo.ts';

/** Every placeholder a template may use, with its meaning. */
export const recruitmentPlaceholders = {
  姓名: '姓名',
  性别: '性别',
  出生日期: '出生日期',
  所在党支部: '所在党支部',
  申请日期: '递交入党申请书日期',
  谈话日期: '党组织派人谈话日期',
  积极分子日期: '确定为入党积极分子日期',
  发展对象日期: '确定为发展对象日期',
  培养联系人: '培养联系人姓名',
  入党介绍人: '入党介绍人姓名',
  政审日期: '政治审查日期',
  政审结论: '政治审查结论',
  培训学时: '集中培训天数和学时',
  支部大会日期: '支部大会日期（转正审批表为讨论转正的支部大会）',
  应到: '应到会有表决权党员数',
  实到: '实到会有表决权党员数',
  赞成: '赞成票数',
  反对: '反对票数',
  弃权: '弃权票数',
  审批日期: '上级党委审批日期',
  预备期开始: '预备期开始日期',
  预备期结束: '预备期满日期',
  转正日期: '转正日期',
  公示开始: '公示开始日期',
  公示结束: '公示结束日期',
  公示事项: '公示事项（如“入党积极分子”）',
  学校: '学校名称',
  今天: '生成日期',
} as const;
export type RecruitmentPlaceholder = keyof typeof recruitmentPlaceholders;
export const placeholderKeys = Object.keys(recruitmentPlaceholders) as RecruitmentPlaceholder[];

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

const font = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const bodySize = 24;
const titleSize = 36;
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const borders = { top: thin, bottom: thin, left: thin, right: thin };
const labelWidth = 2200;
const valueWidth = 6786;

/** Runs of a line, each {占位符} in a run of its own so that docxtemplater sees it whole. */
function runs(text: string, bold = false, size = bodySize): TextRun[] {
  return text
    .split(/(\{[^}]+\})/)
    .filter((t) => t !== '')
    .map((t) => new TextRun({ text: t, font, size, bold }));
}

function para(
  text: string,
  opts: { bold?: boolean; size?: number; align?: 'center' | 'right'; indent?: boolean } = {},
) {
  return new Paragraph({
    ...(opts.align === 'center' ? { alignment: AlignmentType.CENTER } : {}),
    ...(opts.align === 'right' ? { alignment: AlignmentType.RIGHT } : {}),
    ...(opts.indent ? { indent: { firstLine: 480 } } : {}),
    spacing: { line: 400 },
    children: runs(text, opts.bold ?? false, opts.size ?? bodySize),
  });
}

function table(rows: readonly [string, string | readonly string[]][]): Table {
  return new Table({
    width: { size: labelWidth + valueWidth, type: WidthType.DXA },
    columnWidths: [labelWidth, valueWidth],
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: labelWidth, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              borders,
              children: [para(label, { bold: true, align: 'center' })],
            }),
            new TableCell({
              width: { size: valueWidth, type: WidthType.DXA },
              borders,
              children: (typeof value === 'string' ? [value] : value).map((l) => para(l)),
            }),
          ],
        }),
    ),
  });
}

const blank = new Array(6).fill('') as string[];
const votes = '应到{应到}人，实到{实到}人；赞成{赞成}票，反对{反对}票，弃权{弃权}票';

/** The body of each built-in template. */
function builtInBody(kind: RecruitmentTemplateKind): (Paragraph | Table)[] {
  const title = (t: string) => [
    para('{学校}', { align: 'center' }),
    para(t, { bold: true, size: titleSize, align: 'center' }),
    para(''),
  ];
  const sign = [para(''), para('{所在党支部}', { align: 'right' }), para('{今天}', { align: 'right' })];
  switch (kind) {
    case 'talk_record':
      return [
        ...title('入党申请人谈话记录'),
        table([
          ['谈话对象', '{姓名}（{性别}，{出生日期}出生）'],
          ['所在党支部', '{所在党支部}'],
          ['递交申请日期', '{申请日期}'],
          ['谈话时间', '{谈话日期}'],
          ['谈话地点', ''],
          ['谈话人', ''],
          ['谈话内容', blank],
          ['谈话对象签字', ''],
          ['谈话人签字', ''],
        ]),
        ...sign,
      ];
    case 'public_notice':
      return [
        ...title('关于拟确定{姓名}同志为{公示事项}的公示'),
        para('经{所在党支部}研究，拟确定{姓名}同志为{公示事项}，现将有关情况予以公示。', { indent: true }),
        para('{姓名}，{性别}，{出生日期}出生，{申请日期}递交入党申请书。', { indent: true }),
        para('公示期：{公示开始}至{公示结束}。', { indent: true }),
        para(
          '公示期间，党员和群众可通过来电、来信、来访等方式，向党组织反映公示对象的有关情况和问题。反映问题应实事求是，署真实姓名。',
          { indent: true },
        ),
        para('联系电话：＿＿＿＿＿＿＿＿', { indent: true }),
        ...sign,
      ];
    case 'political_review':
      return [
        ...title('发展对象政治审查综合材料'),
        table([
          ['姓名', '{姓名}'],
          ['性别', '{性别}'],
          ['出生日期', '{出生日期}'],
          ['所在党支部', '{所在党支部}'],
          ['确定为发展对象', '{发展对象日期}'],
          ['入党介绍人', '{入党介绍人}'],
          ['政治审查日期', '{政审日期}'],
          ['审查情况', blank],
          ['政治审查结论', '{政审结论}'],
        ]),
        ...sign,
      ];
    case 'admission_approval':
      return [
        ...title('接收预备党员审批表'),
        table([
          ['姓名', '{姓名}'],
          ['性别', '{性别}'],
          ['出生日期', '{出生日期}'],
          ['所在党支部', '{所在党支部}'],
          ['递交入党申请书', '{申请日期}'],
          ['确定为入党积极分子', '{积极分子日期}'],
          ['确定为发展对象', '{发展对象日期}'],
          ['培养联系人', '{培养联系人}'],
          ['入党介绍人', '{入党介绍人}'],
          ['政治审查', '{政审日期}，结论：{政审结论}'],
          ['集中培训', '{培训学时}'],
          ['支部大会', ['{支部大会日期}', votes]],
          ['上级党委审批', '{审批日期}'],
          ['预备期', '{预备期开始}至{预备期结束}'],
        ]),
        ...sign,
      ];
    case 'confirmation_approval':
      return [
        ...title('预备党员转正审批表'),
        table([
          ['姓名', '{姓名}'],
          ['性别', '{性别}'],
          ['所在党支部', '{所在党支部}'],
          ['入党介绍人', '{入党介绍人}'],
          ['预备期', '{预备期开始}至{预备期结束}'],
          ['支部大会讨论转正', ['{支部大会日期}', votes]],
          ['上级党委审批', '{审批日期}'],
          ['转正日期', '{转正日期}'],
        ]),
        ...sign,
      ];
  }
}

async function buildBuiltIn(kind: RecruitmentTemplateKind): Promise<Buffer> {
  const doc = new Document({
    creator: 'Dangjian 党建工作平台',
    title: recruitmentTemplateKindLabels[kind],
    styles: { default: { document: { run: { font, size: bodySize } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1460, right: 1460 },
          },
        },
        children: builtInBody(kind),
      },
    ],
  });
  return Packer.toBuffer(doc);
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
