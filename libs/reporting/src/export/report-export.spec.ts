import ExcelJS from 'exceljs';
import type { FlowReport } from '../report.types';
import { csvText, dutchNumber, renderCsv } from './report-csv';
import { buildExportDocument, dutchDate } from './report-export';
import { XLSX_HEADER_ROW, renderXlsx } from './report-xlsx';

const stats = (count: number, medianDays: number | null) => ({
  count,
  medianDays,
  q1Days: medianDays === null ? null : medianDays - 5,
  q3Days: medianDays === null ? null : medianDays + 5,
  meanDays: medianDays,
});

/** A small report: a handful of counts below 5 next to larger ones. */
function sampleReport(): FlowReport {
  return {
    generatedAt: '2031-03-08T09:00:00.000Z',
    period: { from: '2031-01-01', to: '2031-12-31' },
    scope: {
      kind: 'team',
      teams: [
        {
          id: 't1',
          name: '=Casusoverleg Voorbeeldstad',
          municipality: { id: 'm1', name: 'Voorbeeldstad', code: 'GM9999' },
        },
      ],
    },
    drilldown: true,
    withheld: [],
    unavailable: ['recovery'],
    inflow: {
      rows: [
        {
          source: 'police',
          label: 'Politie',
          signals: 12,
          included: 9,
          notIncluded: 3,
          undecided: 0,
          figure: 'inflow.police',
        },
        {
          source: 'self',
          label: 'Cliënt zelf',
          signals: 7,
          included: 7,
          notIncluded: 0,
          undecided: 0,
          figure: 'inflow.self',
        },
      ],
      total: { signals: 19, included: 16, notIncluded: 3, undecided: 0 },
      figure: 'inflow.all',
    },
    outflow: {
      rows: [
        {
          reason: 'goal_achieved',
          label: 'Doel bereikt',
          total: 6,
          stillUsing: { yes: 0, no: 6, unknown: 0 },
          figure: 'outflow.goal_achieved',
        },
      ],
      total: 6,
      stillUsing: { yes: 0, no: 6, unknown: 0 },
      figure: 'outflow.all',
    },
    caseload: {
      date: '2031-03-08',
      rows: [
        { stage: 'signal', label: 'Signaal', count: 8, figure: 'caseload.signal' },
        { stage: 'waiting_list', label: 'Wachtlijst', count: 2, figure: 'caseload.waiting_list' },
      ],
      total: 10,
      figure: 'caseload.all',
    },
    stageDurations: {
      rows: [
        {
          stage: 'waiting_list',
          label: 'Wachtlijst',
          ...stats(9, 25.5),
          ongoing: { count: 2, medianDays: 10 },
          figure: 'stage_duration.waiting_list',
        },
      ],
      signalToAdmission: { ...stats(3, 40), figure: 'signal_to_admission' },
    },
    relapses: { relapsed: 6, treatmentAborted: 0, total: 6, clients: 5, figure: 'relapses.all' },
    deadlines: {
      rows: [
        {
          kind: 'consent',
          label: 'Toestemming',
          onTime: 10,
          late: 2,
          total: 12,
          overdueOpen: 0,
          figure: 'deadlines.consent',
        },
      ],
      total: { onTime: 10, late: 2, total: 12, overdueOpen: 0 },
      figure: 'deadlines.all',
    },
    spending: {
      rows: [
        {
          category: 'clinic_deposit',
          label: 'Borg privékliniek',
          clients: 2,
          spends: 2,
          amountCents: 75_000,
          figure: 'spending.clinic_deposit',
        },
        {
          category: 'sports_subscription',
          label: 'Sportabonnement',
          clients: 8,
          spends: 9,
          amountCents: 32_400,
          figure: 'spending.sports_subscription',
        },
        {
          category: 'travel',
          label: 'Reiskosten',
          clients: 6,
          spends: 11,
          amountCents: 12_345,
          figure: 'spending.travel',
        },
      ],
      total: { clients: 14, spends: 22, amountCents: 119_745 },
      figure: 'spending.all',
    },
    recovery: null,
  };
}

const section = (document: ReturnType<typeof buildExportDocument>, key: string) =>
  document.sections.find((s) => s.key === key)!;

describe('buildExportDocument', () => {
  it('shows the team exact figures, in Dutch, with amounts in euros', () => {
    const document = buildExportDocument(sampleReport(), 'team');
    expect(document.periodLine).toBe('1 januari 2031 t/m 31 december 2031');
    expect(section(document, 'inflow').rows).toEqual([
      ['Politie', 12, 9, 3, 0],
      ['Cliënt zelf', 7, 7, 0, 0],
      ['Totaal', 19, 16, 3, 0],
    ]);
    expect(section(document, 'spending').rows[0]).toEqual(['Borg privékliniek', 2, 2, 750]);
    expect(section(document, 'caseload').title).toBe('Caseload per fase op 8 maart 2031');
    expect(document.explanations.join(' ')).toContain('Niet opgenomen: herstel');
  });

  it('suppresses small counts for the council, and what would give them back', () => {
    const document = buildExportDocument(sampleReport(), 'council');
    // Not included 3 is small; in its row it is 12 - 9 - 0, so 9 goes too, and in its column the total 3 is itself small.
    expect(section(document, 'inflow').rows).toEqual([
      ['Politie', 12, 'x', '<5', 0],
      ['Cliënt zelf', 7, 7, 0, 0],
      ['Totaal', 19, 'x', '<5', 0],
    ]);
    // 2 of 10 waiting: the other stages would give it back from the total.
    expect(section(document, 'caseload').rows).toEqual([
      ['Signaal', 'x'],
      ['Wachtlijst', '<5'],
      ['Totaal', 10],
    ]);
    // A median over 3 people is not shown; over 9 it is.
    expect(section(document, 'stageDurations').rows).toEqual([
      ['Wachtlijst', 9, 25.5, 20.5, 30.5, 25.5, '<5', 'x'],
      ['Van signaal tot eerste opname', '<5', 'x', 'x', 'x', 'x', null, null],
    ]);
    // Two clients' deposits: hidden with their amount; then the smallest other spends and amount, or the totals
    // would give them back.
    expect(section(document, 'spending').rows).toEqual([
      ['Borg privékliniek', '<5', '<5', 'x'],
      ['Sportabonnement', 8, 'x', 324],
      ['Reiskosten', 6, 11, 'x'],
      ['Totaal', 14, 22, 1197.45],
    ]);
    expect(document.audienceNote).toContain('<5');
  });
});

describe('CSV', () => {
  it('writes numbers with decimal commas and texts that cannot be formulas', () => {
    expect(dutchNumber(12, 'count')).toBe('12');
    expect(dutchNumber(25.5, 'days')).toBe('25,5');
    expect(dutchNumber(25, 'days')).toBe('25,0');
    expect(dutchNumber(1197.45, 'euro')).toBe('1197,45');
    expect(dutchNumber(-2, 'score')).toBe('-2,0');
    expect(csvText('Politie')).toBe('Politie');
    expect(csvText('a;b')).toBe('"a;b"');
    expect(csvText('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvText('-1')).toBe("'-1");
  });

  it('is UTF-8 with a byte-order mark, semicolons and CRLF, one block per section', () => {
    const text = renderCsv(buildExportDocument(sampleReport(), 'council')).toString('utf8');
    expect(text.startsWith('\uFEFFRapportage in- en uitstroom\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toBe("'=Casusoverleg Voorbeeldstad (Voorbeeldstad)");
    const at = lines.indexOf('Uitgaven per categorie');
    expect(lines.slice(at, at + 6)).toEqual([
      'Uitgaven per categorie',
      'Categorie;Cliënten;Uitgaven;Bedrag',
      'Borg privékliniek;<5;<5;x',
      'Sportabonnement;8;x;324,00',
      'Reiskosten;6;11;x',
      'Totaal;14;22;1197,45',
    ]);
    expect(lines).toContain('Wachtlijst;9;25,5;20,5;30,5;25,5;<5;x');
  });
});

describe('XLSX', () => {
  it('has a sheet per section with a title row, Dutch headers and numbers stored as numbers', async () => {
    const buffer = await renderXlsx(buildExportDocument(sampleReport(), 'council'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Instroom',
      'Uitstroom',
      'Caseload',
      'Tijd per fase',
      'Terugval',
      'Termijnen',
      'Uitgaven',
      'Toelichting',
    ]);
    const sheet = workbook.getWorksheet('Uitgaven')!;
    expect(String(sheet.getCell(1, 1).value)).toBe(
      'Uitgaven per categorie · =Casusoverleg Voorbeeldstad (Voorbeeldstad) · 1 januari 2031 t/m 31 december 2031',
    );
    expect(sheet.getCell(1, 1).type).toBe(ExcelJS.ValueType.String);
    expect((sheet.getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      'Categorie',
      'Cliënten',
      'Uitgaven',
      'Bedrag',
    ]);
    const total = sheet.getRow(XLSX_HEADER_ROW + 4);
    expect((total.values as unknown[]).slice(1)).toEqual(['Totaal', 14, 22, 1197.45]);
    expect(total.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(total.getCell(4).numFmt).toContain('€');
    expect(sheet.getCell(XLSX_HEADER_ROW + 1, 2).value).toBe('<5');
    const notes = workbook.getWorksheet('Toelichting')!;
    const text = notes.getColumn(1).values.join('\n');
    expect(text).toContain('<5 staat voor 1 tot en met 4');
  });
});

describe('dutchDate', () => {
  it('writes a calendar date in Dutch', () => {
    expect(dutchDate('2031-03-08')).toBe('8 maart 2031');
  });
});
