// XLSX (exceljs) for a council clerk: one sheet per section, a title row with the section, the teams and the
// period, the audience's note, Dutch headers, numbers stored as numbers (with a number format per column), and
// a Toelichting sheet with the definitions. Suppressed cells are texts ("<5", "x").

import ExcelJS from 'exceljs';
import type { ColumnKind, ExportDocument } from './report-export';

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '0',
  days: '0.0',
  score: '0.0',
  euro: '"€" #,##0.00',
};

/** The header row's position: title, note, blank line, header. */
export const XLSX_HEADER_ROW = 4;

export async function renderXlsx(document: ExportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  workbook.title = `${document.title} ${document.periodLine}`;
  workbook.created = new Date(document.generatedAt);
  for (const section of document.sections) {
    const sheet = workbook.addWorksheet(section.sheet);
    const title = sheet.getCell(1, 1);
    title.value = `${section.title} · ${document.scopeLine} · ${document.periodLine}`;
    title.font = { bold: true, size: 13 };
    const note = sheet.getCell(2, 1);
    note.value = document.audienceNote;
    note.font = { italic: true };
    const header = sheet.getRow(XLSX_HEADER_ROW);
    header.values = section.columns.map((c) => c.header);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'bottom' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    section.rows.forEach((values, r) => {
      const row = sheet.getRow(XLSX_HEADER_ROW + 1 + r);
      values.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        cell.value = value;
        const format = NUMBER_FORMATS[section.columns[c].kind];
        if (typeof value === 'number' && format) cell.numFmt = format;
        if (section.columns[c].kind !== 'text') cell.alignment = { horizontal: 'right' };
      });
      if (values[0] === 'Totaal') row.font = { bold: true };
    });
    section.columns.forEach((column, c) => {
      sheet.getColumn(c + 1).width = column.kind === 'text' ? 34 : Math.max(12, column.header.length + 2);
    });
    sheet.views = [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }];
  }
  const notes = workbook.addWorksheet('Toelichting');
  notes.getColumn(1).width = 120;
  notes.addRow([`${document.title} · ${document.scopeLine} · ${document.periodLine}`]).font = {
    bold: true,
    size: 13,
  };
  notes.addRow([document.audienceNote]).font = { italic: true };
  notes.addRow([]);
  for (const line of document.explanations) notes.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
