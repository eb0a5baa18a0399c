// CSV for Dutch spreadsheet programs: semicolon-separated with decimal commas (what Excel with Dutch regional
// settings reads and writes), UTF-8 with a byte-order mark (so é and € survive), CRLF line ends. The tables are
// stacked as in the XLSX: title lines, then per section its title, header, rows and an empty line.

import type { ColumnKind, ExportDocument, ExportValue } from './report-export';

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** A number with a decimal comma: whole numbers as they are, days and scores with one decimal, euros two. */
export function dutchNumber(value: number, kind: ColumnKind): string {
  const digits = kind === 'euro' ? 2 : kind === 'days' || kind === 'score' ? 1 : 0;
  const text = digits === 0 && Number.isInteger(value) ? String(value) : value.toFixed(digits);
  return text.replace('.', ',');
}

/**
 * A text field, quoted when it holds the separator, a quote or a line end. A text that a spreadsheet would take
 * for a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: team names are typed in by people.
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function field(value: ExportValue, kind: ColumnKind): string {
  if (value === null) return '';
  return typeof value === 'number' ? dutchNumber(value, kind) : csvText(value);
}

export function renderCsv(document: ExportDocument): Buffer {
  const lines: string[] = [
    csvText(document.title),
    csvText(document.scopeLine),
    csvText(`Periode: ${document.periodLine}`),
    csvText(document.audienceNote),
    '',
  ];
  for (const section of document.sections) {
    lines.push(csvText(section.title));
    lines.push(section.columns.map((c) => csvText(c.header)).join(CSV_SEPARATOR));
    for (const row of section.rows)
      lines.push(row.map((value, i) => field(value, section.columns[i].kind)).join(CSV_SEPARATOR));
    lines.push('');
  }
  lines.push(csvText('Toelichting'));
  for (const line of document.explanations) lines.push(csvText(line));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
