import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipPartText } from '../../test/fixtures/member-xlsx.ts';
import { expectPrintReady } from '../../test/print-ready.ts';
import {
  addLedgerSheet,
  columnWidths,
  drawBorders,
  type LedgerCell,
  type LedgerLayout,
  planPage,
  rowHeight,
  setPlainPrintPage,
  startLedgerSheet,
  textWidth,
  wideScale,
} from './xlsx.ts';

const layout: LedgerLayout = {
  title: '软件教工党支部 2026年支部党员大会记录',
  subtitle: ['说明：本台账只收录已归档的活动记录。'],
  columns: [{ header: '日期' }, { header: '组织' }, { header: '主题', maxWidth: 20 }, { header: '实到' }],
};
const rows: LedgerCell[][] = [
  ['2026-03-05', '信息工程学院软件教工党支部', '学习贯彻党的二十届三中全会精神暨年度民主评议党员', 12],
  ['2026-04-09', '软件教工党支部', '四月支委会', 9],
];

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The widths of `n` columns of `width` characters. */
const columnsOf = (n: number, width = 20) => Array.from({ length: n }, () => width);

describe('textWidth and columnWidths', () => {
  it('counts a CJK character as a little over two digits and takes the longest line', () => {
    expect(textWidth('2026-03-05')).toBe(10);
    expect(textWidth('党支部')).toBeCloseTo(6.3);
    expect(textWidth('赞成3票')).toBeCloseTo(7.3);
    expect(textWidth('短\n长一些的一行')).toBeCloseTo(12.6);
  });

  it('sizes a column to its longest value, at least its header (wrapped up to three lines), at most its cap', () => {
    const widths = columnWidths(
      [
        { header: '日期' },
        { header: '组织' },
        { header: '主题', maxWidth: 20 },
        { header: '实到' },
        { header: '3. 推荐和确定入党积极分子' },
        { header: '固定', width: 9 },
      ],
      [[...rows[0]!, '2026-03-05', '很长很长很长很长很长的内容']],
    );
    expect(widths).toEqual([12, 30, 20, 7, 12, 9]);
  });

  it('gives a wrapped row the height of its lines', () => {
    expect(rowHeight(['短'], [10])).toBe(19);
    expect(rowHeight(['一二三四五六七八九十', '短'], [10, 10])).toBe(3 * 15 + 4);
    expect(rowHeight(['一行\n两行'], [10])).toBe(2 * 15 + 4);
  });
});

describe('planPage', () => {
  it('prints a narrow table portrait and scaled to the width', () => {
    expect(planPage(columnsOf(4, 15), 1)).toEqual({
      orientation: 'portrait',
      fitsWidth: true,
      repeatColumns: 0,
      firstPageColumns: 4,
    });
  });

  it('turns a table wider than the portrait page to landscape', () => {
    expect(planPage(columnsOf(6), 1)).toMatchObject({ orientation: 'landscape', fitsWidth: true });
    expect(planPage(columnsOf(2), 0, 'landscape')).toMatchObject({ orientation: 'landscape' });
  });

  it('prints a table too wide to read when fitted across pages, its key columns on every page', () => {
    const plan = planPage(columnsOf(30, 13), 2);
    expect(plan).toMatchObject({ orientation: 'landscape', fitsWidth: false, repeatColumns: 2 });
    // At 70 % a landscape page holds about 15 columns of 13 characters.
    expect(plan.firstPageColumns).toBeGreaterThan(10);
    expect(plan.firstPageColumns).toBeLessThan(20);
  });
});

describe('addLedgerSheet', () => {
  it('writes a workbook that prints like a ledger: A4, title, borders, repeated header, footer', async () => {
    const wb = new ExcelJS.Workbook();
    const ledger = addLedgerSheet(wb, '记录', layout, rows);
    expect(ledger.headerRow).toBe(3);
    const buf = await bytes(wb);
    const { sheet, headerRow, table } = await expectPrintReady(buf, 'unit-ledger');
    expect(headerRow).toBe(3);
    expect(table).toEqual([['日期', '组织', '主题', '实到'], ...rows]);
    // Numbers stay numbers, dates stay text as the modules write them.
    expect(sheet.getCell('D4').value).toBe(12);
    expect(sheet.getCell('A4').value).toBe('2026-03-05');
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    });
    expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    // The title is merged across the table, the subtitle too.
    expect(sheet.getCell('D1').isMerged).toBe(true);
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(sheet.getCell('D2').isMerged).toBe(true);
    // 组织 fits its longest name; 主题 stops at its cap and wraps onto three lines.
    expect(sheet.getColumn(2).width).toBe(30);
    expect(sheet.getColumn(3).width).toBe(20);
    expect(sheet.getCell('C4').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(4).height).toBe(3 * 15 + 4);
    const xml = zipPartText(buf, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
  });

  it('prints a wide table at a readable scale across pages with its key columns repeated', async () => {
    const wb = new ExcelJS.Workbook();
    const columns = Array.from({ length: 30 }, (_, i) => ({ header: `第${i + 1}列`, width: 13 }));
    addLedgerSheet(
      wb,
      '台账',
      {
        title: '发展党员工作台账',
        columns: [{ header: '序号' }, { header: '姓名' }, ...columns],
        keyColumns: 2,
      },
      [[1, '张三', ...columns.map(() => '2026-03-05')]],
    );
    const buf = await bytes(wb);
    const { sheet } = await expectPrintReady(buf, 'unit-wide');
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      scale: wideScale,
      printTitlesRow: '2:2',
      printTitlesColumn: 'A:B',
      pageOrder: 'overThenDown',
    });
    expect(sheet.pageSetup.fitToPage).toBeFalsy();
    // The title starts after the repeated columns, so no page repeats a clipped piece of it.
    expect(sheet.getCell('A1').value).toBeNull();
    expect(sheet.getCell('C1').value).toBe('发展党员工作台账');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(zipPartText(buf, 'xl/workbook.xml')).toContain(
      '<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;台账&apos;!$A:$B,&apos;台账&apos;!$2:$2</definedName>',
    );
  });
});

describe('startLedgerSheet with the streaming writer', () => {
  it('writes the same print setup, print titles and sizes its columns from the sample', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const ledger = startLedgerSheet(wb, '党员名册', { ...layout, keyColumns: 1 }, rows.slice(0, 1));
    for (const r of rows) ledger.addRow(r).commit();
    ledger.sheet.commit();
    await wb.commit();
    const buf = Buffer.concat(chunks);

    const { sheet, table } = await expectPrintReady(buf, 'unit-stream');
    expect(table.slice(1)).toEqual(rows);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    });
    expect(sheet.getColumn(2).width).toBe(30);
    // The streaming writer writes <sheetPr> when the sheet is added: fit-to-page must be set by then.
    expect(zipPartText(buf, 'xl/worksheets/sheet1.xml')).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(zipPartText(buf, 'xl/workbook.xml')).toContain('_xlnm.Print_Titles');
  });
});

describe('setPlainPrintPage and drawBorders', () => {
  it('give a sheet that is not one table A4, its scaling, page numbers and framed ranges', async () => {
    const wb = new ExcelJS.Workbook();
    const dict = wb.addWorksheet('字典');
    dict.getCell('A1').value = '代码';
    drawBorders(dict, 1, 1, 3, 2);
    setPlainPrintPage(dict, columnsOf(30, 13), 'landscape');
    const note = wb.addWorksheet('填写说明');
    setPlainPrintPage(note, [70], 'portrait');
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load((await bytes(wb)) as unknown as ArrayBuffer);
    const [wide, narrow] = loaded.worksheets;
    expect(wide!.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: wideScale });
    expect(wide!.getCell('B3').border).toMatchObject({ top: { style: 'thin' }, right: { style: 'thin' } });
    expect(wide!.getCell('C3').border).toBeUndefined();
    expect(narrow!.pageSetup).toMatchObject({
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(narrow!.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });
});
