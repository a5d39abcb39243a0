/**
 * The print-ready frame every generated Word document shares, built on the `docx` package, so that a
 * 会议记录, a 党员名册, a 介绍信 or a 发展党员 template prints the same way: A4, standard margins, 宋体 /
 * Times New Roman body, a 黑体 title that never overlaps itself, a footer 第 X 页 共 Y 页, and bordered
 * tables whose header repeats on every page.
 *
 * API (sizes in half-points as Word stores them — see `fontSizes`; widths in twips, 1/20 pt):
 * - `createDocx({ title, orientation, children, bodySize, creator })` → the .docx bytes: one A4 section
 *   (portrait by default) with the margins below, default fonts and the page-number footer.
 * - `contentWidth(orientation)` → the width between the margins, for laying out tables.
 * - `fontSizes` → the Chinese size names (二号, 小四, 五号 …) in half-points.
 * - `titleParagraphs(lines, { width, size })` → one centred 黑体 paragraph per line. Each line is shrunk
 *   down the size ladder (二号 → 小二 → 三号 → 小三 → 四号 → 小四) until it fits on one line, so a title is
 *   broken only where the caller breaks it, never mid-word; line spacing is automatic, so even a line
 *   that still wraps is never drawn on top of itself.
 * - `paragraph(content, { align, bold, size, indent, lineSpacing, before, after, keepNext })` → a body
 *   paragraph. A string becomes a single run, so a {占位符} for docxtemplater stays whole.
 * - `textRun(text, { bold, size, underline })` → a run in the body font, for paragraphs that mix styles.
 * - `textCell(content, { width, align, bold, size, shade })` → a bordered, vertically centred cell; an
 *   array of lines becomes one paragraph per line.
 * - `gridTable({ columns, rows, size, rowHeight, cellMargin })` → a bordered table of fixed column
 *   widths: the header row repeats on every page and no row splits across a page.
 * - `formTable(rows, { width, labelWidth })` with `formRow(label, value, { split, minLines })` → the
 *   label/value form of a record (时间 | 2026年6月15日); rows keep together unless `split` allows a
 *   long value (会议内容) to run on to the next page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/** Chinese type sizes in half-points (Word's `w:sz`). */
export const fontSizes = {
  二号: 44,
  小二: 36,
  三号: 32,
  小三: 30,
  四号: 28,
  小四: 24,
  五号: 21,
  小五: 18,
} as const;

/** 宋体 for Chinese, Times New Roman for Latin letters and digits; quotes and dashes take the Chinese font. */
const bodyFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', hint: 'eastAsia' };
const titleFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', hint: 'eastAsia' };

export type Orientation = 'portrait' | 'landscape';

/** A4 in twips, portrait. */
const a4 = { width: 11906, height: 16838 };

/**
 * Margins in twips: portrait 2.54 cm top and bottom, 2.5 cm at the sides (Word's 常规 with the sides a
 * little narrower); landscape 2 cm all round so that a wide register keeps its columns readable.
 */
const margins = {
  portrait: { top: 1440, bottom: 1440, left: 1418, right: 1418, footer: 720 },
  landscape: { top: 1134, bottom: 1134, left: 1134, right: 1134, footer: 567 },
} as const;

/** The width between the side margins in twips: 9,070 portrait, 14,570 landscape. */
export function contentWidth(orientation: Orientation = 'portrait'): number {
  const m = margins[orientation];
  const width = orientation === 'portrait' ? a4.width : a4.height;
  return width - m.left - m.right;
}

/** Single (240) or more: always `auto`, which grows with the font and so never draws lines over each other. */
function lineSpacing(multiple: number) {
  return { line: Math.round(240 * multiple), lineRule: LineRuleType.AUTO };
}

type Align = 'left' | 'center' | 'right' | 'justify';
const alignments = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

export interface RunOptions {
  bold?: boolean;
  /** Half-points; the document's body size when omitted. */
  size?: number;
  /** Underlined, like the entries written into a printed form. */
  underline?: boolean;
}

/** A run of text in the body font. */
export function textRun(text: string, opts: RunOptions = {}): TextRun {
  return new TextRun({
    text,
    font: bodyFont,
    ...(opts.size ? { size: opts.size } : {}),
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.underline ? { underline: {} } : {}),
  });
}

export interface ParagraphOptions extends Omit<RunOptions, 'underline'> {
  align?: Align;
  /**
   * Indent the first line by two characters, as Chinese body text is set: in characters for Word, and
   * in twips at the paragraph's size for LibreOffice, which ignores the character indent.
   */
  indent?: boolean;
  /** Line spacing as a multiple of single (1.5 = 1.5 倍行距); always automatic. */
  lineSpacing?: number;
  /** Space before and after in twips. */
  before?: number;
  after?: number;
  /** Keep on the page of the next paragraph (a heading, the label of what follows). */
  keepNext?: boolean;
}

/** A body paragraph. A string is one run, so a {占位符} in it reaches docxtemplater whole. */
export function paragraph(content: string | readonly TextRun[], opts: ParagraphOptions = {}): Paragraph {
  const children = typeof content === 'string' ? [textRun(content, opts)] : [...content];
  return new Paragraph({
    ...(opts.align ? { alignment: alignments[opts.align] } : {}),
    ...(opts.indent
      ? { indent: { firstLine: 2 * (opts.size ?? fontSizes.小四) * 10, firstLineChars: 200 } }
      : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
    spacing: { ...lineSpacing(opts.lineSpacing ?? 1), before: opts.before ?? 0, after: opts.after ?? 0 },
    children,
  });
}

/** The title sizes tried in turn until a line fits: 二号 down to 小四, the body size. */
const titleLadder = [
  fontSizes.二号,
  fontSizes.小二,
  fontSizes.三号,
  fontSizes.小三,
  fontSizes.四号,
  fontSizes.小四,
];

/** The width of a line in ems: a Chinese character is one em, a Latin letter, digit or space about half. */
function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1;
  return n;
}

/** The largest size of the ladder, not above `max`, at which `text` fits on one line of `width` twips. */
export function fittingTitleSize(text: string, width: number, max: number = fontSizes.二号): number {
  const sizes = titleLadder.filter((s) => s <= max);
  // A size in half-points is a tenth of an em in twips: an em of size s is 10·s twips wide.
  return sizes.find((s) => ems(text) * s * 10 <= width) ?? sizes.at(-1) ?? max;
}

/**
 * The title of a document, one centred 黑体 paragraph per line, each shrunk to fit its line. Break a
 * long title where it reads naturally (the org, then the kind of record), never inside a word.
 */
export function titleParagraphs(
  lines: string | readonly string[],
  opts: { width?: number; size?: number; after?: number } = {},
): Paragraph[] {
  const list = typeof lines === 'string' ? [lines] : lines;
  const width = opts.width ?? contentWidth('portrait');
  return list.map(
    (text, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { ...lineSpacing(1), before: 0, after: i === list.length - 1 ? (opts.after ?? 240) : 0 },
        children: [new TextRun({ text, font: titleFont, size: fittingTitleSize(text, width, opts.size) })],
      }),
  );
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const cellBorders = { top: thin, bottom: thin, left: thin, right: thin };

export interface CellOptions extends Omit<ParagraphOptions, 'indent' | 'keepNext'> {
  /** Twips; give it so that every reader lays the column out the same. */
  width?: number;
  /** Light grey background, for a header. */
  shade?: boolean;
}

/** A bordered, vertically centred table cell; an array is one paragraph per line (an empty cell keeps one). */
export function textCell(content: string | readonly string[], opts: CellOptions = {}): TableCell {
  const lines = typeof content === 'string' ? [content] : content.length ? content : [''];
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    borders: cellBorders,
    ...(opts.width ? { width: { size: opts.width, type: WidthType.DXA } } : {}),
    ...(opts.shade ? { shading: { fill: 'F2F2F2' } } : {}),
    children: lines.map((l) => paragraph(l, opts)),
  });
}

export interface GridColumn {
  header: string;
  /** Twips. */
  width: number;
  /** Alignment of the column's cells; centred when omitted. */
  align?: Align;
}

/** Padding inside cells, twips. */
export interface CellMargin {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
const defaultCellMargin: CellMargin = { top: 40, bottom: 40, left: 100, right: 100 };

/**
 * A register: a bordered table with fixed column widths, its header row repeated at the top of every
 * page, and rows that never split across a page.
 */
export function gridTable(t: {
  columns: readonly GridColumn[];
  rows: readonly (readonly string[])[];
  /** Half-points; the body size when omitted. */
  size?: number;
  /** Least row height in twips, so that a register has an even rhythm. */
  rowHeight?: number;
  cellMargin?: CellMargin;
}): Table {
  const height = t.rowHeight ? { height: { value: t.rowHeight, rule: HeightRule.ATLEAST } } : {};
  const size = t.size ? { size: t.size } : {};
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    ...height,
    children: t.columns.map((c) =>
      textCell(c.header, { width: c.width, bold: true, align: 'center', shade: true, ...size }),
    ),
  });
  const body = t.rows.map(
    (cells) =>
      new TableRow({
        cantSplit: true,
        ...height,
        children: t.columns.map((c, i) =>
          textCell(cells[i] ?? '', { width: c.width, align: c.align ?? 'center', ...size }),
        ),
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: t.columns.reduce((sum, c) => sum + c.width, 0), type: WidthType.DXA },
    columnWidths: t.columns.map((c) => c.width),
    margins: t.cellMargin ?? defaultCellMargin,
    rows: [header, ...body],
  });
}

/** One row of a label/value form. */
export interface FormRow {
  label: string;
  lines: readonly string[];
  /** May run on to the next page: for long values such as 会议内容, which could outgrow a page. */
  split: boolean;
  /** Blank lines kept for writing by hand, at least. */
  minLines: number;
}

/** A row of a form: a label and its value, one line or several. */
export function formRow(
  label: string,
  value: string | readonly string[],
  opts: { split?: boolean; minLines?: number } = {},
): FormRow {
  return {
    label,
    lines: typeof value === 'string' ? [value] : value,
    split: opts.split ?? false,
    minLines: opts.minLines ?? 1,
  };
}

/** The label/value form of a record: labels bold and centred in a narrow column, values beside them. */
export function formTable(
  rows: readonly FormRow[],
  opts: { width?: number; labelWidth?: number; lineSpacing?: number } = {},
): Table {
  const width = opts.width ?? contentWidth('portrait');
  const labelWidth = opts.labelWidth ?? 1800;
  const valueWidth = width - labelWidth;
  const spacing = opts.lineSpacing ?? 1.25;
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [labelWidth, valueWidth],
    margins: { top: 60, bottom: 60, left: 108, right: 108 },
    rows: rows.map((r) => {
      const lines = [...r.lines, ...Array<string>(Math.max(0, r.minLines - r.lines.length)).fill('')];
      return new TableRow({
        cantSplit: !r.split,
        children: [
          textCell(r.label, { width: labelWidth, bold: true, align: 'center', lineSpacing: spacing }),
          textCell(lines, { width: valueWidth, align: 'justify', lineSpacing: spacing }),
        ],
      });
    }),
  });
}

/** 第 X 页 共 Y 页, centred in 小五. */
function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: bodyFont,
            size: fontSizes.小五,
            children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
          }),
        ],
      }),
    ],
  });
}

/** A whole document on A4 with the shared fonts, margins and page-number footer; returns its bytes. */
export function createDocx(d: {
  /** The file's title in its properties (文件 → 属性), usually the printed title. */
  title: string;
  children: readonly (Paragraph | Table)[];
  orientation?: Orientation;
  /** Half-points; 小四 (12 pt) when omitted. */
  bodySize?: number;
  creator?: string;
}): Promise<Buffer> {
  const orientation = d.orientation ?? 'portrait';
  const { footer, ...margin } = margins[orientation];
  const doc = new Document({
    creator: d.creator ?? 'Dangjian 党建工作平台',
    title: d.title,
    styles: {
      default: {
        document: {
          run: {
            font: bodyFont,
            size: d.bodySize ?? fontSizes.小四,
            language: { eastAsia: 'zh-CN', value: 'en-US' },
          },
          paragraph: { spacing: lineSpacing(1) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              ...a4,
              orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
            },
            margin: { ...margin, footer, header: footer },
          },
        },
        footers: { default: pageFooter() },
        children: [...d.children],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
