/**
 * What every generated spreadsheet must be to print like a ledger, checked on the file itself: A4,
 * scaled to the page width (never to one page) or, when too wide, at a readable scale across pages;
 * the header row repeated on every page; a bold title above it; thin borders round every cell of the
 * table; no text wider than its column unless it wraps in a row tall enough; page numbers in the
 * footer; the panes frozen below the header.
 *
 * XLSX_CHECK=/tmp/xlsx-check keeps each checked file there, to convert with LibreOffice and look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { textWidth } from '../src/files/xlsx.ts';

/** A checked sheet: where its table starts and the values of its header and data rows. */
export interface PrintedSheet {
  sheet: ExcelJS.Worksheet;
  title: string;
  headerRow: number;
  /** The header row's values, then each data row's (1-based cells flattened to an array). */
  table: unknown[][];
}

const isThin = (b: Partial<ExcelJS.Border> | undefined) => b?.style === 'thin';

/** Loads the workbook, asserts that `sheetName` (the first sheet by default) prints like a ledger and returns it. */
export async function expectPrintReady(buf: Buffer, name: string, sheetName?: string): Promise<PrintedSheet> {
  const dir = process.env.XLSX_CHECK;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.xlsx`), buf);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const sheet = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!sheet) throw new Error(`${name}: no sheet ${sheetName ?? ''}`);
  const where = `${name} / ${sheet.name}`;
  const page = sheet.pageSetup;

  expect(page.paperSize, `${where}: A4`).toBe(9);
  expect(['portrait', 'landscape'], where).toContain(page.orientation);
  if (page.fitToPage)
    expect(page, `${where}: fit to width, never to one page`).toMatchObject({
      fitToWidth: 1,
      fitToHeight: 0,
    });
  else expect(page.scale, `${where}: a readable scale`).toBeGreaterThanOrEqual(60);
  expect(page.margins, `${where}: margins`).toBeDefined();
  expect(sheet.headerFooter.oddFooter, `${where}: page numbers`).toMatch(/第 &P 页，共 &N 页/);

  const [from, to] = (page.printTitlesRow ?? '').split(':').map(Number);
  expect(from, `${where}: the header row repeats on every page`).toBeGreaterThan(1);
  expect(to, where).toBe(from);
  const headerRow = from!;
  expect(sheet.views[0], `${where}: frozen below the header`).toMatchObject({
    state: 'frozen',
    ySplit: headerRow,
  });

  const titleCell = sheet
    .getRow(1)
    .findCell((sheet.getRow(1).values as unknown[]).findIndex((v) => typeof v === 'string' && v !== ''));
  expect(titleCell?.value, `${where}: a title`).toBeTruthy();
  expect(titleCell?.font?.bold, `${where}: a bold title`).toBe(true);

  const header = sheet.getRow(headerRow);
  const columns = header.cellCount;
  expect(columns, where).toBeGreaterThan(0);
  const table: unknown[][] = [];
  for (let r = headerRow; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      const at = `${where} ${cell.address}`;
      const b = cell.border ?? {};
      expect(
        isThin(b.top) && isThin(b.left) && isThin(b.bottom) && isThin(b.right),
        `${at}: thin borders`,
      ).toBe(true);
      if (r === headerRow) expect(cell.font?.bold, `${at}: a bold header`).toBe(true);
      if (cell.value === null || cell.value === undefined || cell.value === '') continue;
      const text = String(cell.value);
      const width = sheet.getColumn(c).width ?? 9;
      if (textWidth(text) <= width - 1 && !text.includes('\n')) continue;
      // Longer than its column: it must wrap, in a row tall enough for its lines.
      expect(cell.alignment?.wrapText, `${at}: “${text}” wraps`).toBe(true);
      const lines = text
        .split('\n')
        .reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / width)), 0);
      expect(row.height ?? 15, `${at}: the row shows all ${lines} lines of “${text}”`).toBeGreaterThanOrEqual(
        lines * 14,
      );
    }
    table.push((row.values as unknown[]).slice(1));
  }
  return { sheet, title: String(titleCell?.value), headerRow, table };
}
