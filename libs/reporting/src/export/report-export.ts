// The flow report as tables for a file (CSV or XLSX), in Dutch, with the council's small-number suppression.
// Pure: report in, document out; the renderers only lay it out.

import {
  type FlowReport,
  type ReportSection,
  REPORT_SECTIONS,
  type StageDurationRow,
  type DurationStats,
} from '../report.types';
import { type Suppression, suppressionMark, suppressionOf, type SuppressionGroup } from './suppression';

export const AUDIENCES = ['council', 'team'] as const;
export type Audience = (typeof AUDIENCES)[number];

export type ColumnKind = 'text' | 'count' | 'days' | 'euro' | 'score';
/** A cell as the file shows it: a number (counts, days, euros, scores), a text, or empty. */
export type ExportValue = number | string | null;

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
}

export interface ExportSection {
  key: ReportSection;
  /** Worksheet name (at most 31 characters, no []:*?/\). */
  sheet: string;
  title: string;
  columns: ExportColumn[];
  rows: ExportValue[][];
}

export interface ExportDocument {
  title: string;
  /** The casusoverleg teams (and municipalities) the figures are about. */
  scopeLine: string;
  /** "1 januari 2031 t/m 31 december 2031". */
  periodLine: string;
  audience: Audience;
  /** What a reader must know about the numbers (suppression), one line. */
  audienceNote: string;
  sections: ExportSection[];
  /** Definitions and notes, one per line (the Toelichting). */
  explanations: string[];
  generatedAt: string;
}

const SECTION_TITLES: Record<ReportSection, string> = {
  inflow: 'Instroom per bron',
  outflow: 'Uitstroom per reden',
  caseload: 'Caseload per fase',
  stageDurations: 'Tijd per fase',
  relapses: 'Terugval',
  deadlines: 'Termijnen',
  spending: 'Uitgaven per categorie',
  recovery: 'Herstel (eerste en laatste meting)',
};

const DATE_LONG = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date (YYYY-MM-DD) in Dutch: "5 januari 2031". */
export function dutchDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return DATE_LONG.format(new Date(Date.UTC(year, month - 1, day)));
}

/** A cell that takes part in suppression: the id ties it to its groups and dependents. */
interface Cell {
  id: string;
  value: number | null;
  isCount: boolean;
}
type Draft = (Cell | string | number | null)[];

/** Collects the cells of every table, then shows them suppressed (council) or as they are (team). */
class CellBook {
  private readonly values: Record<string, number> = {};
  private readonly counts: string[] = [];
  private readonly groups: SuppressionGroup[] = [];
  private readonly dependents: Record<string, string[]> = {};

  count(id: string, value: number): Cell {
    this.values[id] = value;
    this.counts.push(id);
    return { id, value, isCount: true };
  }

  /** A number derived from the people behind `basis` (a mean, a median, an amount): hidden along with it. */
  derived(id: string, value: number | null, basis: Cell): Cell {
    if (value !== null) this.values[id] = value;
    const cell = { id, value, isCount: false };
    this.tie(basis, cell);
    return cell;
  }

  /** `cells` are hidden whenever `basis` is. */
  tie(basis: Cell, ...cells: Cell[]): void {
    (this.dependents[basis.id] ??= []).push(...cells.map((c) => c.id));
  }

  group(total: Cell, parts: Cell[]): void {
    this.groups.push({ total: total.id, parts: parts.map((p) => p.id) });
  }

  /** Decides what to hide (council) or nothing (team); call once every cell is in the book. */
  suppress(audience: Audience): Map<string, Suppression> {
    return audience === 'council'
      ? suppressionOf({
          values: this.values,
          counts: this.counts,
          groups: this.groups,
          dependents: this.dependents,
        })
      : new Map();
  }

  static render(rows: Draft[], hidden: Map<string, Suppression>): ExportValue[][] {
    return rows.map((row) =>
      row.map((cell) => {
        if (cell === null || typeof cell !== 'object') return cell;
        const why = hidden.get(cell.id);
        return why ? suppressionMark(why, cell.isCount) : cell.value;
      }),
    );
  }
}

const COUNT = (header: string): ExportColumn => ({ header, kind: 'count' });
const DAYS = (header: string): ExportColumn => ({ header, kind: 'days' });
const TEXT = (header: string): ExportColumn => ({ header, kind: 'text' });

/** Column and row groups of a table of counts with a total row and, optionally, a total column. */
function groupTable(book: CellBook, body: Cell[][], totals: Cell[], rowTotals?: Cell[]): void {
  totals.forEach((total, column) =>
    book.group(
      total,
      body.map((row) => row[column]),
    ),
  );
  if (rowTotals) {
    [...body, totals].forEach((row, i) => {
      const total = rowTotals[i];
      book.group(
        total,
        row.filter((cell) => cell !== total),
      );
    });
  }
}

function durationCells(book: CellBook, id: string, stats: DurationStats): Cell[] {
  const n = book.count(`${id}.n`, stats.count);
  return [
    n,
    book.derived(`${id}.median`, stats.medianDays, n),
    book.derived(`${id}.q1`, stats.q1Days, n),
    book.derived(`${id}.q3`, stats.q3Days, n),
    book.derived(`${id}.mean`, stats.meanDays, n),
  ];
}

interface SectionDraft {
  key: ReportSection;
  title: string;
  columns: ExportColumn[];
  rows: Draft[];
}

function sectionDrafts(report: FlowReport, book: CellBook): SectionDraft[] {
  const drafts: SectionDraft[] = [];
  if (report.inflow) {
    const body = report.inflow.rows.map((row) => [
      book.count(`in.${row.source}.signals`, row.signals),
      book.count(`in.${row.source}.included`, row.included),
      book.count(`in.${row.source}.not`, row.notIncluded),
      book.count(`in.${row.source}.undecided`, row.undecided),
    ]);
    const t = report.inflow.total;
    const totals = [
      book.count('in.total.signals', t.signals),
      book.count('in.total.included', t.included),
      book.count('in.total.not', t.notIncluded),
      book.count('in.total.undecided', t.undecided),
    ];
    groupTable(
      book,
      body,
      totals,
      [...body, totals].map((row) => row[0]),
    );
    drafts.push({
      key: 'inflow',
      title: SECTION_TITLES.inflow,
      columns: [
        TEXT('Bron van het signaal'),
        COUNT('Signalen'),
        COUNT('Geïncludeerd'),
        COUNT('Niet geïncludeerd'),
        COUNT('Nog geen besluit'),
      ],
      rows: [...report.inflow.rows.map((row, i) => [row.label, ...body[i]]), ['Totaal', ...totals]],
    });
  }
  if (report.outflow) {
    const body = report.outflow.rows.map((row) => [
      book.count(`out.${row.reason}.total`, row.total),
      book.count(`out.${row.reason}.yes`, row.stillUsing.yes),
      book.count(`out.${row.reason}.no`, row.stillUsing.no),
      book.count(`out.${row.reason}.unknown`, row.stillUsing.unknown),
    ]);
    const s = report.outflow.stillUsing;
    const totals = [
      book.count('out.total.total', report.outflow.total),
      book.count('out.total.yes', s.yes),
      book.count('out.total.no', s.no),
      book.count('out.total.unknown', s.unknown),
    ];
    groupTable(
      book,
      body,
      totals,
      [...body, totals].map((row) => row[0]),
    );
    drafts.push({
      key: 'outflow',
      title: SECTION_TITLES.outflow,
      columns: [
        TEXT('Reden van uitstroom'),
        COUNT('Uitgestroomd'),
        COUNT('Gebruikt nog'),
        COUNT('Gebruikt niet meer'),
        COUNT('Gebruik onbekend'),
      ],
      rows: [...report.outflow.rows.map((row, i) => [row.label, ...body[i]]), ['Totaal', ...totals]],
    });
  }
  if (report.caseload) {
    const body = report.caseload.rows.map((row) => [book.count(`case.${row.stage}`, row.count)]);
    const totals = [book.count('case.total', report.caseload.total)];
    groupTable(book, body, totals);
    drafts.push({
      key: 'caseload',
      title: `${SECTION_TITLES.caseload} op ${dutchDate(report.caseload.date)}`,
      columns: [TEXT('Fase'), COUNT('Cliënten')],
      rows: [...report.caseload.rows.map((row, i) => [row.label, ...body[i]]), ['Totaal', ...totals]],
    });
  }
  if (report.stageDurations) {
    const stageRow = (row: StageDurationRow): Draft => {
      const ongoing = book.count(`dur.${row.stage}.ongoing`, row.ongoing.count);
      return [
        row.label,
        ...durationCells(book, `dur.${row.stage}`, row),
        ongoing,
        book.derived(`dur.${row.stage}.ongoingMedian`, row.ongoing.medianDays, ongoing),
      ];
    };
    const toAdmission = report.stageDurations.signalToAdmission;
    drafts.push({
      key: 'stageDurations',
      title: SECTION_TITLES.stageDurations,
      columns: [
        TEXT('Fase'),
        COUNT('Afgeronde periodes'),
        DAYS('Mediaan (dagen)'),
        DAYS('1e kwartiel (dagen)'),
        DAYS('3e kwartiel (dagen)'),
        DAYS('Gemiddelde (dagen)'),
        COUNT('Nog in deze fase'),
        DAYS('Mediaan tot nu (dagen)'),
      ],
      rows: [
        ...report.stageDurations.rows.map(stageRow),
        ['Van signaal tot eerste opname', ...durationCells(book, 'dur.toAdmission', toAdmission), null, null],
      ],
    });
  }
  if (report.relapses) {
    const r = report.relapses;
    const relapsed = book.count('rel.relapsed', r.relapsed);
    const aborted = book.count('rel.aborted', r.treatmentAborted);
    const total = book.count('rel.total', r.total);
    book.group(total, [relapsed, aborted]);
    drafts.push({
      key: 'relapses',
      title: SECTION_TITLES.relapses,
      columns: [TEXT('Soort'), COUNT('Aantal')],
      rows: [
        ['Terugval tijdens nazorg', relapsed],
        ['Behandeling afgebroken', aborted],
        ['Totaal', total],
        ['Cliënten met terugval', book.count('rel.clients', r.clients)],
      ],
    });
  }
  if (report.deadlines) {
    const body = report.deadlines.rows.map((row) => [
      book.count(`dl.${row.kind}.onTime`, row.onTime),
      book.count(`dl.${row.kind}.late`, row.late),
      book.count(`dl.${row.kind}.total`, row.total),
      book.count(`dl.${row.kind}.open`, row.overdueOpen),
    ]);
    const t = report.deadlines.total;
    const totals = [
      book.count('dl.total.onTime', t.onTime),
      book.count('dl.total.late', t.late),
      book.count('dl.total.total', t.total),
      book.count('dl.total.open', t.overdueOpen),
    ];
    groupTable(book, body, totals);
    for (const row of [...body, totals]) book.group(row[2], [row[0], row[1]]);
    drafts.push({
      key: 'deadlines',
      title: SECTION_TITLES.deadlines,
      columns: [
        TEXT('Soort termijn'),
        COUNT('Op tijd'),
        COUNT('Te laat'),
        COUNT('Afgerond'),
        COUNT('Open en verlopen'),
      ],
      rows: [...report.deadlines.rows.map((row, i) => [row.label, ...body[i]]), ['Totaal', ...totals]],
    });
  }
  if (report.spending) {
    const money = (cents: number) => Math.round(cents) / 100;
    const rowCells = (id: string, clients: number, spends: number, cents: number) => {
      const people = book.count(`sp.${id}.clients`, clients);
      const count = book.count(`sp.${id}.spends`, spends);
      const amount = book.derived(`sp.${id}.amount`, money(cents), people);
      book.tie(people, count);
      return [people, count, amount];
    };
    const body = report.spending.rows.map((row) =>
      rowCells(row.category, row.clients, row.spends, row.amountCents),
    );
    const t = report.spending.total;
    const totals = rowCells('total', t.clients, t.spends, t.amountCents);
    // Clients do not add up (one client, several categories); spends and amounts do.
    book.group(
      totals[1],
      body.map((row) => row[1]),
    );
    book.group(
      totals[2],
      body.map((row) => row[2]),
    );
    drafts.push({
      key: 'spending',
      title: SECTION_TITLES.spending,
      columns: [TEXT('Categorie'), COUNT('Cliënten'), COUNT('Uitgaven'), { header: 'Bedrag', kind: 'euro' }],
      rows: [...report.spending.rows.map((row, i) => [row.label, ...body[i]]), ['Totaal', ...totals]],
    });
  }
  if (report.recovery) {
    const rows = report.recovery.rows.map((row): Draft => {
      const id = `rec.${row.instrument}`;
      const clients = book.count(`${id}.clients`, row.clients);
      const parts = [
        book.count(`${id}.improved`, row.improved),
        book.count(`${id}.unchanged`, row.unchanged),
        book.count(`${id}.worsened`, row.worsened),
      ];
      book.group(clients, parts);
      const means = [
        book.derived(`${id}.first`, row.meanFirst, clients),
        book.derived(`${id}.last`, row.meanLast, clients),
        book.derived(`${id}.change`, row.meanChange, clients),
        book.derived(`${id}.median`, row.medianChange, clients),
      ];
      const threshold =
        row.atOrAboveThreshold === null ? null : book.count(`${id}.threshold`, row.atOrAboveThreshold);
      return [row.label, clients, ...means, ...parts, threshold];
    });
    drafts.push({
      key: 'recovery',
      title: SECTION_TITLES.recovery,
      columns: [
        TEXT('Instrument'),
        COUNT('Cliënten (2+ metingen)'),
        { header: 'Gemiddelde eerste score', kind: 'score' },
        { header: 'Gemiddelde laatste score', kind: 'score' },
        { header: 'Gemiddelde verandering', kind: 'score' },
        { header: 'Mediaan verandering', kind: 'score' },
        COUNT('Verbeterd'),
        COUNT('Gelijk gebleven'),
        COUNT('Verslechterd'),
        COUNT('Laatste score 47 of hoger'),
      ],
      rows,
    });
  }
  return drafts;
}

const SHEET_NAMES: Record<ReportSection, string> = {
  inflow: 'Instroom',
  outflow: 'Uitstroom',
  caseload: 'Caseload',
  stageDurations: 'Tijd per fase',
  relapses: 'Terugval',
  deadlines: 'Termijnen',
  spending: 'Uitgaven',
  recovery: 'Herstel',
};

function explanations(report: FlowReport, audience: Audience): string[] {
  const left = REPORT_SECTIONS.filter((s) => report.withheld.includes(s) || report.unavailable.includes(s));
  return [
    `Periode: ${dutchDate(report.period.from)} tot en met ${dutchDate(report.period.to)} (Nederlandse tijd).`,
    'Instroom: signalen die in de periode binnenkwamen, per bron; het inclusiebesluit zoals het aan het eind van de periode bekend was.',
    'Uitstroom: trajecten die in de periode zijn afgesloten, per reden, en of de cliënt bij afsluiting nog gebruikte.',
    'Caseload: lopende trajecten per fase aan het eind van de genoemde dag.',
    'Tijd per fase: periodes in een fase die in de periode eindigden (mediaan en kwartielen in dagen); "nog in deze fase": periodes die aan het eind van de periode nog liepen.',
    'Terugval: terug naar de fase motivatie vanuit nazorg (terugval) of vanuit opname (behandeling afgebroken).',
    'Termijnen: termijnen die in de periode zijn afgerond, op tijd of te laat; "open en verlopen": aan het eind van de periode nog open en over de datum.',
    'Uitgaven: goedgekeurde uitgaven, naar de dag van goedkeuring.',
    'Herstel: cliënten met ten minste twee volledig ingevulde metingen in de periode; verandering = laatste min eerste score.',
    ...(audience === 'council'
      ? [
          'Kleine aantallen zijn weggelaten omdat ze personen herkenbaar kunnen maken: <5 staat voor 1 tot en met 4.',
          'x: weggelaten zodat een klein aantal niet uit totalen is terug te rekenen, of berekend op minder dan 5 personen.',
        ]
      : [
          'Let op: dit bestand bevat ongecorrigeerde kleine aantallen en is alleen bedoeld voor het casusoverleg.',
        ]),
    ...(left.length > 0
      ? [`Niet opgenomen: ${left.map((s) => SECTION_TITLES[s].toLowerCase()).join(', ')}.`]
      : []),
  ];
}

/** The report as a document of tables, suppressed for the council, exact for the team. */
export function buildExportDocument(report: FlowReport, audience: Audience): ExportDocument {
  const book = new CellBook();
  const drafts = sectionDrafts(report, book);
  const hidden = book.suppress(audience);
  const teams = report.scope.teams;
  const municipalities = [...new Set(teams.map((t) => t.municipality.name))];
  return {
    title: 'Rapportage in- en uitstroom',
    scopeLine:
      report.scope.kind === 'region'
        ? `Regio: ${teams.map((t) => t.name).join(', ')}`
        : report.scope.kind === 'municipality'
          ? `${municipalities.join(', ')}: ${teams.map((t) => t.name).join(', ')}`
          : teams.map((t) => `${t.name} (${t.municipality.name})`).join(', '),
    periodLine: `${dutchDate(report.period.from)} t/m ${dutchDate(report.period.to)}`,
    audience,
    audienceNote:
      audience === 'council'
        ? 'Voor de gemeenteraad: aantallen van 1 tot en met 4 staan als <5, x is weggelaten ter bescherming.'
        : 'Voor het casusoverleg: exacte aantallen, niet geschikt om buiten het casusoverleg te delen.',
    sections: drafts.map((draft) => ({
      key: draft.key,
      sheet: SHEET_NAMES[draft.key],
      title: draft.title,
      columns: draft.columns,
      rows: CellBook.render(draft.rows, hidden),
    })),
    explanations: explanations(report, audience),
    generatedAt: report.generatedAt,
  };
}
