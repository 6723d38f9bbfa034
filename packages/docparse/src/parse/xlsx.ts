import type { Worksheet } from 'exceljs';
import { unreadable } from '../errors.js';
import type { ParsedDocument, Section } from '../types.js';
import { renderRecords } from './rows.js';
import { cellText } from './xlsx-cells.js';

function sheetRecords(sheet: Worksheet): string[][] {
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const record: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      record[column - 1] = cellText(cell.value, cell.numFmt);
    });
    records.push(Array.from(record, (value) => value ?? ''));
  });
  return records;
}

/**
 * One table section per worksheet (heading path: its name), one line per data row named by the first row.
 * ExcelJS is loaded on first use: it is large, and most services importing this package never read a workbook.
 */
export async function parseXlsx(bytes: Uint8Array): Promise<ParsedDocument> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch (error) {
    throw unreadable('Excel workbook', 'the file is damaged or incomplete', error);
  }
  const sections: Section[] = workbook.worksheets.map((sheet) => ({
    text: renderRecords(sheetRecords(sheet)),
    headingPath: [sheet.name],
    kind: 'table',
  }));
  const parsed: ParsedDocument = { type: 'xlsx', sections };
  if (workbook.title) parsed.title = workbook.title;
  return parsed;
}
