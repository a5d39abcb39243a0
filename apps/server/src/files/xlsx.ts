/**
 * The print-ready frame every generated spreadsheet shares, so that a 台账, a roster export or an
 * import template prints like a ledger a 组织部 files: A4 in the orientation that fits, a merged title
 * (and subtitle lines) above a bordered table, the header row repeated on every page, columns as wide
 * as their content (long text wraps instead of running into the next column), page numbers in the
 * footer, the panes frozen below the header.
 *
 * Scaling: a table is scaled down to the page width, never to one page. A table so wide that fitting
 * it would shrink the text below `minFitScale` (the 发展党员工作台账 has 42 columns) is printed at
 * `wideScale` instead, across several pages side by side, with its identifying columns (序号, 姓名)
 * repeated on every page.
 *
 * API:
 * - `addLedgerSheet(workbook, name, layout, rows)` → a finished sheet from rows held in memory.
 * - `startLedgerSheet(workbook, name, layout, sample)` → a sheet of the streaming `WorkbookWriter`
 *   whose columns are sized from `sample` (the first batch); `addRow` styles each row before it is
 *   committed.
 * - `setPlainPrintPage(sheet, widths, orientation?)` → A4, the same scaling and page numbers for a sheet
 *   that is not one table (instructions, the 字典 of the import template); `drawBorders` frames a range.
 * - `textWidth(text)` → the width of a text in column units (a CJK character a little over 2);
 *   `rowHeight(values, widths)` → the height that shows every wrapped line of a row.
 */
import type ExcelJS from 'exceljs';

/** A cell of a ledger row: text (dates stay text, as the modules write them), a number or nothing. */
export type LedgerCell = string | number | null;

/** A column of the table. */
export interface LedgerColumn {
  header: string;
  /** Width in characters; by default the longest value's (see `textWidth`), up to `maxWidth`. */
  width?: number;
  /** Cap on the content-based width; longer text wraps onto more lines. */
  maxWidth?: number;
  /** Cells keep what is typed as text ('@'), so Excel does not turn an ID number or a date into a number. */
  text?: boolean;
}

/** What a sheet prints: its title, the lines under it and the table's columns. */
export interface LedgerLayout {
  title: string;
  /** Lines under the title (scope, period, 导出日期, a note), one merged row each. */
  subtitle?: readonly string[];
  columns: readonly LedgerColumn[];
  /** Leading columns that identify a row (序号, 姓名): frozen on screen, repeated on every page of a wide table. */
  keyColumns?: number;
  /** By default portrait when the table fits the portrait width, landscape otherwise. */
  orientation?: 'portrait' | 'landscape';
}

/** A sheet laid out as a ledger. */
export interface LedgerSheet {
  sheet: ExcelJS.Worksheet;
  /** Row number of the table's header row (the title rows are above it). */
  headerRow: number;
  /** Adds a data row: bordered, wrapped, vertically centred cells in a row tall enough for every line. */
  addRow(values: readonly LedgerCell[]): ExcelJS.Row;
}

/** Default cap on a content-based column width, in characters. */
const defaultMaxWidth = 30;
/** Narrowest column, in characters. */
const minWidth = 6;
/** Columns up to this wide hold short values and are centred. */
const shortColumn = 14;
/** Below this scale the text is too small to read: the table goes across pages instead. */
const minFitScale = 0.6;
/** The scale (percent) of a table too wide to fit the page width. */
export const wideScale = 70;

/** Margins in inches: 1.27 cm at the sides, room for the page number at the foot. */
const margins = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 };
/** A4 in points. */
const a4 = { portrait: 595.3, landscape: 841.9 } as const;
/** The footer on every page: 第 1 页，共 3 页. */
const pageFooter = '&C第 &P 页，共 &N 页';

const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const thinBox: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const titleFont: Partial<ExcelJS.Font> = { bold: true, size: 16 };
const subtitleFont: Partial<ExcelJS.Font> = { size: 10 };
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/**
 * Width of a CJK or full-width character in column units (a column unit is one digit of the default
 * 11 pt font, 7 px; a CJK character of 11 pt is 14.7 px).
 */
const cjkWidth = 2.1;

/** Width of a text in column units: a CJK or full-width character counts `cjkWidth`, others 1; the longest line. */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let w = 0;
    for (const ch of line) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? cjkWidth : 1;
    widest = Math.max(widest, w);
  }
  return widest;
}

/** Points a column of `width` characters takes on paper (Excel: 7 px a character plus 5 px padding). */
const columnPoints = (width: number) => (width * 7 + 5) * 0.75;

/** Width between the side margins, in points. */
const printableWidth = (orientation: 'portrait' | 'landscape') =>
  a4[orientation] - (margins.left + margins.right) * 72;

/**
 * Each column's width: the fixed one, or the longest value plus padding within [header, cap]. A header
 * wraps onto up to three lines, so a long one (3. 推荐和确定入党积极分子) does not widen its column alone.
 */
export function columnWidths(
  columns: readonly LedgerColumn[],
  rows: readonly (readonly LedgerCell[])[],
): number[] {
  return columns.map((c, i) => {
    if (c.width !== undefined) return c.width;
    const header = Math.ceil(textWidth(c.header));
    const headerNeed = Math.min(header, Math.max(Math.ceil(header / 3), minWidth)) + 2;
    let longest = 0;
    for (const r of rows) {
      const v = r[i];
      if (v !== null && v !== undefined && v !== '') longest = Math.max(longest, textWidth(String(v)));
    }
    return Math.max(minWidth, headerNeed, Math.min(Math.ceil(longest) + 2, c.maxWidth ?? defaultMaxWidth));
  });
}

/** How the table goes onto the page. */
export interface PagePlan {
  orientation: 'portrait' | 'landscape';
  /** Scaled to the page width (true), or printed at `wideScale` across several pages (false). */
  fitsWidth: boolean;
  /** Leading columns repeated on every page (only when the table goes across pages). */
  repeatColumns: number;
  /** Columns on the first page: the title is centred over them. */
  firstPageColumns: number;
}

/** Orientation and scaling for a table of these column widths. */
export function planPage(
  widths: readonly number[],
  keyColumns: number,
  orientation?: 'portrait' | 'landscape',
): PagePlan {
  const table = widths.reduce((sum, w) => sum + columnPoints(w), 0);
  // Portrait when it fits at 90 % or more: a ledger reads best with more rows to the page.
  const chosen = orientation ?? (table * 0.9 <= printableWidth('portrait') ? 'portrait' : 'landscape');
  const page = printableWidth(chosen);
  if (page / table >= minFitScale)
    return { orientation: chosen, fitsWidth: true, repeatColumns: 0, firstPageColumns: widths.length };
  const room = page / (wideScale / 100);
  let used = 0;
  let firstPageColumns = 0;
  while (firstPageColumns < widths.length && used + columnPoints(widths[firstPageColumns]!) <= room)
    used += columnPoints(widths[firstPageColumns++]!);
  return { orientation: chosen, fitsWidth: false, repeatColumns: keyColumns, firstPageColumns };
}

/** A column's letter: 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A4 in the plan's orientation, scaled to the page width or printed at `wideScale` across pages. */
function pageSetupOf(plan: PagePlan): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: plan.orientation,
    margins,
    horizontalCentered: plan.fitsWidth,
    ...(plan.repeatColumns > 0 ? { printTitlesColumn: `A:${columnLetter(plan.repeatColumns)}` } : {}),
    ...(plan.fitsWidth
      ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
      : { fitToPage: false, scale: wideScale, pageOrder: 'overThenDown' }),
  };
}

/** The page setup, footer and frozen panes of a ledger, as `addWorksheet` options (the streaming writer reads them only there). */
function sheetOptions(
  plan: PagePlan,
  headerRow: number,
  keyColumns: number,
): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    // exceljs leaves out a column of width 9 as "default": make the sheet's default 9 too, not Excel's 8.43.
    properties: { defaultColWidth: 9 },
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: keyColumns }],
    pageSetup: { ...pageSetupOf(plan), printTitlesRow: `${headerRow}:${headerRow}` },
    headerFooter: { oddFooter: pageFooter },
  };
}

/** Lines a text in a font of `size` points takes in a merged cell `width` characters wide (widths are in 11 pt characters). */
const linesOf = (text: string, width: number, size: number) =>
  text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((textWidth(line) * size) / 11 / width)), 0);

/** A merged line over columns first..last; merged cells never grow by themselves, so its height is set. */
function addBanner(
  sheet: ExcelJS.Worksheet,
  text: string,
  first: number,
  last: number,
  spanWidth: number,
  font: Partial<ExcelJS.Font>,
  align: 'center' | 'left',
): void {
  const row = sheet.addRow([]);
  const cell = row.getCell(first);
  cell.value = text;
  if (last > first) sheet.mergeCells(row.number, first, row.number, last);
  cell.font = font;
  cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  const size = font.size ?? 11;
  row.height = linesOf(text, spanWidth, size) * size * 1.5 + 4;
}

/** Height of one line of 11 pt text, in points (the CJK fonts need a little more than Calibri's 15). */
const lineHeight = 15;
/** Room above and below the text of a row, in points. */
const rowPadding = 4;

/** Lines a cell's text wraps onto in a column `width` characters wide (less the cell's padding). */
const wrappedLines = (text: string, width: number) =>
  text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / (width - 1.5))), 0);

/**
 * The height that shows every line of the row's wrapped cells. Set on every row because a spreadsheet
 * opened by LibreOffice keeps the stored row height: wrapped text would be cut off.
 */
export function rowHeight(values: readonly LedgerCell[], widths: readonly number[]): number {
  let lines = 1;
  values.forEach((v, i) => {
    if (v !== null && v !== '') lines = Math.max(lines, wrappedLines(String(v), widths[i] ?? minWidth));
  });
  return lines * lineHeight + rowPadding;
}

/** Short values (序号, 性别, a date) read best centred; longer text starts at the left. */
const alignmentOf = (width: number): Partial<ExcelJS.Alignment> => ({
  horizontal: width <= shortColumn ? 'center' : 'left',
  vertical: 'middle',
  wrapText: true,
});

/** Thin borders round every cell of the table's width, wrapped centred text, a height that shows it all. */
function styleDataRow(row: ExcelJS.Row, values: readonly LedgerCell[], widths: readonly number[]): void {
  widths.forEach((width, i) => {
    const cell = row.getCell(i + 1);
    cell.border = thinBox;
    cell.alignment = alignmentOf(width);
  });
  row.height = rowHeight(values, widths);
}

/**
 * Starts a ledger sheet: page setup, title and subtitle rows, the header row. Columns without a fixed
 * width are sized from `sample`: all the rows for a workbook in memory, the first batch for the
 * streaming writer (whose columns are written with the first row).
 */
export function startLedgerSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  layout: LedgerLayout,
  sample: readonly (readonly LedgerCell[])[],
): LedgerSheet {
  const { columns, keyColumns = 0 } = layout;
  const subtitle = layout.subtitle ?? [];
  const widths = columnWidths(columns, sample);
  const plan = planPage(widths, keyColumns, layout.orientation);
  const headerRow = subtitle.length + 2;
  const sheet = workbook.addWorksheet(name, sheetOptions(plan, headerRow, keyColumns));
  sheet.columns = columns.map((c, i) => ({
    width: widths[i]!,
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));

  // The repeated columns of a wide table show on every page: the title starts after them, so that
  // no page repeats a clipped piece of it.
  const first = plan.repeatColumns + 1;
  const last = Math.max(first, plan.firstPageColumns);
  const spanWidth = widths.slice(first - 1, last).reduce((a, b) => a + b, 0);
  addBanner(sheet, layout.title, first, last, spanWidth, titleFont, 'center');
  for (const line of subtitle) addBanner(sheet, line, first, last, spanWidth, subtitleFont, 'left');

  const headers = columns.map((c) => c.header);
  const header = sheet.addRow(headers);
  for (let c = 1; c <= columns.length; c++) {
    const cell = header.getCell(c);
    cell.border = thinBox;
    cell.font = { bold: true };
    cell.fill = headerFill;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  header.height = rowHeight(headers, widths);

  return {
    sheet,
    headerRow,
    addRow(values) {
      const row = sheet.addRow([...values]);
      styleDataRow(row, values, widths);
      return row;
    },
  };
}

/** A finished ledger sheet of rows held in memory, its columns sized from all of them. */
export function addLedgerSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  layout: LedgerLayout,
  rows: readonly (readonly LedgerCell[])[],
): LedgerSheet {
  const ledger = startLedgerSheet(workbook, name, layout, rows);
  for (const r of rows) ledger.addRow(r);
  return ledger;
}

/**
 * A4 and page numbers for a sheet that is not one table (instructions, the 字典 of the import
 * template), planned from its column widths like a ledger.
 */
export function setPlainPrintPage(
  sheet: ExcelJS.Worksheet,
  widths: readonly number[],
  orientation?: 'portrait' | 'landscape',
): void {
  sheet.pageSetup = { ...sheet.pageSetup, ...pageSetupOf(planPage(widths, 0, orientation)) };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: pageFooter };
}

/** Thin borders round every cell of a rectangle (rows and columns 1-based, inclusive). */
export function drawBorders(
  sheet: ExcelJS.Worksheet,
  top: number,
  left: number,
  bottom: number,
  right: number,
): void {
  for (let r = top; r <= bottom; r++)
    for (let c = left; c <= right; c++) sheet.getCell(r, c).border = thinBox;
}
