/**
 * Streams the rows of a checked workbook's first sheet through exceljs's streaming reader and maps
 * each to a draft at once, so only the drafts stay in memory, never the workbook.
 */
import {
  AppError,
  columnLetter,
  type ImportCell,
  type ImportHeader,
  type ImportRowDraft,
  importFileLimits,
  mapImportHeader,
  mapImportRow,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import type { CheckedXlsx } from './guard.ts';

/** The roster sheet of an uploaded file, read. */
export interface ReadSheet {
  sheetName: string;
  header: ImportHeader;
  rows: ImportRowDraft[];
}

/** Formula cells are listed up to this many in the refusal. */
const listedFormulas = 20;

/** A cell value as exceljs gives it, flattened; formulas are reported by the caller. */
function flatten(v: ExcelJS.CellValue): ImportCell | { formula: true } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v) return { formula: true };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('error' in v) return String(v.error);
  return null;
}

/**
 * Finds the header row among the first rows (title rows above it are skipped), then maps every
 * data row. Refuses formulas (values are what is imported, not how they were computed), content
 * beyond the column limit and more rows than the limit.
 */
export async function readMemberSheet(file: CheckedXlsx): Promise<ReadSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file.stream(), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let header: ImportHeader | null = null;
  const rows: ImportRowDraft[] = [];
  const formulas: string[] = [];
  let formulaCount = 0;
  let dataRows = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const raw = row.values as ExcelJS.CellValue[];
        if (raw.length - 1 > importFileLimits.maxColumns)
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `第${row.number}行 ${columnLetter(raw.length - 1)}列有内容，超过 ${importFileLimits.maxColumns} 列的上限：请删除多余的列后上传`,
          );
        const cells: ImportCell[] = new Array(raw.length);
        for (let i = 1; i < raw.length; i++) {
          const v = flatten(raw[i]);
          if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
            if (formulaCount++ < listedFormulas) formulas.push(`${columnLetter(i)}${row.number}`);
            cells[i] = null;
          } else cells[i] = v;
        }
        if (!header) {
          header = mapImportHeader(cells, row.number);
          if (!header && row.number >= importFileLimits.headerSearchRows) throw noHeader(file.sheetName);
          continue;
        }
        if (++dataRows > importFileLimits.maxRows)
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `工作表“${file.sheetName}”超过 ${importFileLimits.maxRows.toLocaleString('en-US')} 行的上限，请分成几个文件导入`,
          );
        const draft = mapImportRow(header, cells, row.number, file.date1904);
        if (draft) rows.push(draft);
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'MALFORMED_REQUEST',
      '文件内容无法解析：请用 Excel 或 WPS 打开后重新保存为 .xlsx 再上传',
    );
  }
  if (formulaCount > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `文件中有 ${formulaCount} 个单元格含有公式（${formulas.join('、')}${formulaCount > listedFormulas ? ' 等' : ''}）：请复制后“选择性粘贴 → 数值”，再上传`,
      { fields: formulas.map((cell) => ({ path: cell, message: `${cell}：含有公式` })) },
    );
  if (!header) throw noHeader(file.sheetName);
  return { sheetName: file.sheetName, header, rows };
}

function noHeader(sheetName: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `工作表“${sheetName}”的前 ${importFileLimits.headerSearchRows} 行中没有表头：表头应包含“姓名”“身份证号”等列名，请使用导入模板`,
  );
}
