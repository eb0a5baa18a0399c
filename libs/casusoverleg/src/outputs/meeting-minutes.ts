import {
  PDF_FONT,
  PDF_FONT_BOLD,
  PDF_FONT_ITALIC,
  PDF_MARGIN,
  PDF_SMALL_SIZE,
  type PdfDoc,
  renderPdf,
} from './pdf-document';

/**
 * Minutes ("verslag") of one casusoverleg, as Markdown and as PDF. Pure: everything comes from the input,
 * nothing is read from a clock, a database or the environment. The minutes name clients: they are meant for
 * the participants of the meeting only (see the confidentiality note they carry).
 */
export interface MinutesInput {
  teamName: string;
  meeting: {
    id: string;
    startsAt: Date;
    durationMinutes: number;
    location: string | null;
    status: 'planned' | 'held' | 'cancelled';
  };
  chairName: string | null;
  /** Dutch party labels, e.g. 'Gemeente', 'Verslavingszorg', 'Politie'. */
  participants: { displayName: string; partyLabel: string }[];
  items: {
    position: number;
    /** The client's display name (minutes are for participants only). */
    clientLabel: string;
    /** Dutch: why it is on the agenda, e.g. 'Geëscaleerd', 'Nieuwe casus'. */
    reasonLabel: string;
    /** Dutch stage label, e.g. 'Wachtlijst'. */
    stageLabel: string;
    notes: { text: string; authorName: string }[];
    decisions: { summary: string; reasons: string; authorName: string }[];
    actions: {
      description: string;
      ownerLabel: string;
      dueDate: string /* YYYY-MM-DD */;
      status: 'open' | 'done';
    }[];
  }[];
  generatedAt: Date;
}

export interface MinutesPdfOptions {
  /** Compress the page content streams (default true). Tests turn it off to read the text back. */
  compress?: boolean;
}

// --- Dutch wording and formatting -------------------------------------------------------------------

const TIME_ZONE = 'Europe/Amsterdam';
const DATE_LONG = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const DATE_SHORT = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});

const MEETING_STATUS_LABEL: Record<MinutesInput['meeting']['status'], string> = {
  planned: 'Gepland',
  held: 'Gehouden',
  cancelled: 'Geannuleerd',
};
const ACTION_STATUS_LABEL: Record<'open' | 'done', string> = { open: 'open', done: 'afgerond' };

const CONFIDENTIAL =
  'Vertrouwelijk. Dit verslag bevat persoonsgegevens van cliënten en is alleen bestemd voor de deelnemers ' +
  'aan het casusoverleg. Niet doorsturen of buiten Koers bewaren.';

function assertValidDate(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new RangeError(`${what} is not a valid date`);
}

/** Checks what the renderers rely on; throws RangeError on input no meeting can have. */
function validate(input: MinutesInput): void {
  assertValidDate(input.meeting.startsAt, 'meeting.startsAt');
  assertValidDate(input.generatedAt, 'generatedAt');
  const minutes = input.meeting.durationMinutes;
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new RangeError('meeting.durationMinutes must be positive');
}

function endOf(input: MinutesInput): Date {
  return new Date(input.meeting.startsAt.getTime() + input.meeting.durationMinutes * 60_000);
}

/** 'dinsdag 3 maart 2026' (Europe/Amsterdam). */
export function formatDutchDate(date: Date): string {
  return DATE_LONG.format(date);
}

/** '14:00–16:00' (Europe/Amsterdam). */
export function formatDutchTimeRange(start: Date, end: Date): string {
  return `${TIME.format(start)}–${TIME.format(end)}`;
}

/** A YYYY-MM-DD date as '12 maart 2026'; anything else is shown as given. */
export function formatDutchDay(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Noon UTC is the same calendar day in Europe/Amsterdam, whatever the season.
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return isoDate;
  return DATE_SHORT.format(date);
}

function sortedItems(input: MinutesInput): MinutesInput['items'] {
  return [...input.items].sort((a, b) => a.position - b.position);
}

// --- Markdown --------------------------------------------------------------------------------------

/** Lines of user text: line breaks normalised, control characters and blank lines dropped, each line trimmed. */
function textLines(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
  );
}

/**
 * Escapes one line of user text for use inline in Markdown (CommonMark + GFM): emphasis, code, links, images,
 * HTML, entities, strikethrough, table pipes and heading closers become literal; so do block markers at the
 * start of the line (headings, quotes, list items, thematic breaks, setext underlines).
 */
export function escapeMarkdownLine(line: string): string {
  let out = line.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
  out = out.replace(/^([+\-=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return out;
}

/** User text on one line (headings, labels): whitespace and line breaks collapse to single spaces. */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdownLine(textLines(text).join(' ').replace(/\s+/g, ' '));
}

/**
 * User text that may span lines, inside a block whose continuation lines are indented by `indent`: each line
 * escaped, joined by hard line breaks (a backslash before the newline).
 */
export function escapeMarkdownBlock(text: string, indent = ''): string {
  const lines = textLines(text).map(escapeMarkdownLine);
  return lines.length ? lines.join(`\\\n${indent}`) : '_(leeg)_';
}

export function renderMinutesMarkdown(input: MinutesInput): string {
  validate(input);
  const md = escapeMarkdownInline;
  const out: string[] = [];
  const items = sortedItems(input);
  const { meeting } = input;

  out.push(`# Verslag casusoverleg – ${md(input.teamName)}`, '');
  const meta = [
    `**Datum:** ${formatDutchDate(meeting.startsAt)}`,
    `**Tijd:** ${formatDutchTimeRange(meeting.startsAt, endOf(input))} (${meeting.durationMinutes} minuten)`,
  ];
  if (meeting.location !== null && meeting.location.trim() !== '')
    meta.push(`**Locatie:** ${md(meeting.location)}`);
  if (input.chairName !== null && input.chairName.trim() !== '')
    meta.push(`**Voorzitter:** ${md(input.chairName)}`);
  meta.push(`**Status:** ${MEETING_STATUS_LABEL[meeting.status]}`);
  out.push(meta.join('\\\n'), '');
  if (meeting.status === 'cancelled') out.push('**Dit casusoverleg is geannuleerd.**', '');
  out.push(`> **Vertrouwelijk.** ${CONFIDENTIAL.slice('Vertrouwelijk. '.length)}`, '');

  out.push('## Aanwezigen', '');
  if (input.participants.length === 0) out.push('Geen aanwezigen vastgelegd.');
  for (const p of input.participants) out.push(`- ${md(p.displayName)} (${md(p.partyLabel)})`);
  out.push('');

  out.push('## Agenda', '');
  if (items.length === 0) out.push('Er stonden geen casussen op de agenda.');
  items.forEach((item, i) =>
    out.push(`${i + 1}. ${md(item.clientLabel)}: ${md(item.reasonLabel)} (fase: ${md(item.stageLabel)})`),
  );
  out.push('');

  if (items.length > 0) out.push('## Besproken casussen', '');
  items.forEach((item, i) => {
    out.push(`### ${i + 1}. ${md(item.clientLabel)}`, '');
    out.push(`**Reden op de agenda:** ${md(item.reasonLabel)}\\\n**Fase:** ${md(item.stageLabel)}`, '');

    out.push('#### Notities', '');
    if (item.notes.length === 0) out.push('Geen notities.');
    for (const note of item.notes) {
      out.push(`- ${escapeMarkdownBlock(note.text, '  ')}\\\n  _${md(note.authorName)}_`);
    }
    out.push('');

    out.push('#### Besluiten', '');
    if (item.decisions.length === 0) out.push('Geen besluiten.');
    item.decisions.forEach((d, j) => {
      const pad = ' '.repeat(`${j + 1}. `.length);
      out.push(
        `${j + 1}. **${md(d.summary)}**\\\n` +
          `${pad}Onderbouwing: ${escapeMarkdownBlock(d.reasons, pad)}\\\n` +
          `${pad}Vastgelegd door: ${md(d.authorName)}`,
      );
    });
    out.push('');

    out.push('#### Acties', '');
    if (item.actions.length === 0) out.push('Geen acties.');
    for (const a of item.actions) {
      out.push(
        `- [${a.status === 'done' ? 'x' : ' '}] ${escapeMarkdownBlock(a.description, '  ')}\\\n` +
          `  Eigenaar: ${md(a.ownerLabel)} · Uiterlijk: ${md(formatDutchDay(a.dueDate))} · ` +
          `Status: ${ACTION_STATUS_LABEL[a.status]}`,
      );
    }
    out.push('');
  });

  out.push('---', '');
  out.push(`_Gegenereerd door Koers op ${DATE_TIME.format(input.generatedAt)}._`, '');
  return out.join('\n');
}

// --- PDF -------------------------------------------------------------------------------------------

/** Code points (beyond Latin-1) that WinAnsiEncoding, the encoding of PDF's standard fonts, can show. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const WIN_ANSI_FALLBACK: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2015': '\u2014',
  '\u2032': "'",
  '\u2033': '"',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
};

/**
 * Text the standard fonts can show: NFC (so a decomposed 'é' is one glyph), control characters dropped, and
 * characters outside WinAnsiEncoding replaced by a look-alike, their base letters ('ő' → 'o', 'Ĳ' → 'IJ') or '?'.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (code === 0x0a) out += '\n';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += code === 0x09 ? ' ' : '';
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(code)) out += char;
    else if (WIN_ANSI_FALLBACK[char] !== undefined) out += WIN_ANSI_FALLBACK[char];
    else {
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== char && [...base].every((c) => c.codePointAt(0)! <= 0xff) ? base : '?';
    }
  }
  return out;
}

/** User text for the PDF: WinAnsi-safe, line breaks kept, blank lines dropped. */
function pdfText(text: string): string {
  const lines = textLines(text);
  return lines.length ? toWinAnsi(lines.join('\n')) : '(leeg)';
}
function pdfInline(text: string): string {
  return toWinAnsi(textLines(text).join(' ').replace(/\s+/g, ' '));
}

const FONT = PDF_FONT;
const FONT_BOLD = PDF_FONT_BOLD;
const FONT_ITALIC = PDF_FONT_ITALIC;
const BODY_SIZE = 10.5;
const SMALL_SIZE = PDF_SMALL_SIZE;
const LINE_GAP = 2.5;
const MARGIN = PDF_MARGIN;

type Doc = PdfDoc;

/** A run of text in one font; the runs of one line are set one after the other and wrap together. */
interface Run {
  font: string;
  text: string;
  color?: string;
}
/** A list entry: a marker hanging in the margin ('•', '1.', '[x]'), then lines of runs beside it. */
interface Entry {
  marker: string;
  lines: Run[][];
}

const MARKER_WIDTH = 20;
const MUTED = '#444444';

/** Draws the minutes with pdfkit: flowing text, wrapped to the page width, with page breaks as needed. */
class MinutesPdfWriter {
  constructor(private readonly doc: Doc) {}

  private get left(): number {
    return this.doc.page.margins.left;
  }
  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  private get pageBodyHeight(): number {
    return this.bottom - this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  space(points: number): void {
    this.doc.y += points;
    if (this.doc.y > this.bottom) this.doc.addPage();
  }

  bodyLine(): number {
    this.doc.font(FONT).fontSize(BODY_SIZE);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  /** A heading, moved to the next page unless `keep` points of what follows fit below it. */
  heading(text: string, size: number, keep = this.bodyLine() * 2): void {
    const doc = this.doc;
    doc.font(FONT_BOLD).fontSize(size);
    const height = doc.heightOfString(text, { width: this.width });
    this.ensureSpace(height + size * 0.35 + keep);
    doc.font(FONT_BOLD).fontSize(size).fillColor('#1a1a1a');
    doc.text(text, this.left, doc.y, { width: this.width });
    doc.x = this.left;
    this.space(size * 0.35);
  }

  paragraph(text: string, options: { font?: string; size?: number; color?: string } = {}): void {
    const doc = this.doc;
    doc
      .font(options.font ?? FONT)
      .fontSize(options.size ?? BODY_SIZE)
      .fillColor(options.color ?? '#000000');
    this.ensureSpace(doc.currentLineHeight(true) + LINE_GAP);
    doc.text(text, this.left, doc.y, { width: this.width, lineGap: LINE_GAP });
    doc.x = this.left;
  }

  /** 'Label: value' with a bold label; the value wraps under itself. */
  field(label: string, value: string, labelWidth = 120): void {
    const doc = this.doc;
    this.ensureSpace(this.bodyLine() * 2);
    const y = doc.y;
    doc.font(FONT_BOLD).fontSize(BODY_SIZE).fillColor('#000000');
    doc.text(`${label}:`, this.left, y, { width: labelWidth, lineBreak: false });
    doc
      .font(FONT)
      .text(value, this.left + labelWidth, y, { width: this.width - labelWidth, lineGap: LINE_GAP });
    doc.x = this.left;
  }

  private entryHeight(entry: Entry): number {
    const doc = this.doc;
    let height = 0;
    for (const runs of entry.lines) {
      doc.font(runs[0]?.font ?? FONT).fontSize(BODY_SIZE);
      height += doc.heightOfString(runs.map((r) => r.text).join(''), {
        width: this.width - MARKER_WIDTH,
        lineGap: LINE_GAP,
      });
    }
    return height;
  }

  /** What must fit on the page before an entry starts: all of it when short, else its first two lines. */
  entryKeep(entry: Entry): number {
    const height = this.entryHeight(entry);
    return height <= this.pageBodyHeight / 3 ? height : this.bodyLine() * 2;
  }

  entry(entry: Entry): void {
    const doc = this.doc;
    const x = this.left + MARKER_WIDTH;
    const width = this.width - MARKER_WIDTH;
    this.ensureSpace(this.entryKeep(entry));
    const y = doc.y;
    doc.font(FONT_BOLD).fontSize(BODY_SIZE).fillColor('#000000');
    doc.text(entry.marker, this.left, y, { width: MARKER_WIDTH, lineBreak: false });
    doc.y = y;
    for (const runs of entry.lines) {
      runs.forEach((run, i) => {
        doc
          .font(run.font)
          .fillColor(run.color ?? '#000000')
          .text(run.text, i === 0 ? x : undefined, i === 0 ? doc.y : undefined, {
            width,
            lineGap: LINE_GAP,
            continued: i < runs.length - 1,
          });
      });
    }
    doc.x = this.left;
    this.space(3);
  }

  /** A titled list; `empty` is said when there is nothing in it. The title stays with the first entry. */
  list(title: string, size: number, entries: Entry[], empty: string): void {
    const first = entries[0];
    this.heading(title, size, first ? this.entryKeep(first) : this.bodyLine());
    if (!first) this.paragraph(empty, { color: MUTED });
    for (const entry of entries) this.entry(entry);
  }

  rule(): void {
    const doc = this.doc;
    this.space(4);
    doc
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.space(8);
  }
}

function drawMinutes(doc: Doc, input: MinutesInput): void {
  const w = new MinutesPdfWriter(doc);
  const { meeting } = input;
  const items = sortedItems(input);

  doc.font(FONT_BOLD).fontSize(20).fillColor('#1a1a1a').text('Verslag casusoverleg', MARGIN.left, MARGIN.top);
  doc.font(FONT).fontSize(14).fillColor('#333333').text(pdfInline(input.teamName));
  w.space(10);

  w.field('Datum', formatDutchDate(meeting.startsAt));
  w.field(
    'Tijd',
    `${formatDutchTimeRange(meeting.startsAt, endOf(input))} (${meeting.durationMinutes} minuten)`,
  );
  if (meeting.location !== null && meeting.location.trim() !== '')
    w.field('Locatie', pdfInline(meeting.location));
  if (input.chairName !== null && input.chairName.trim() !== '')
    w.field('Voorzitter', pdfInline(input.chairName));
  w.field('Status', MEETING_STATUS_LABEL[meeting.status]);
  w.space(6);
  if (meeting.status === 'cancelled') {
    w.paragraph('Dit casusoverleg is geannuleerd.', { font: FONT_BOLD });
    w.space(4);
  }
  w.paragraph(toWinAnsi(CONFIDENTIAL), { font: FONT_ITALIC, size: SMALL_SIZE + 0.5, color: MUTED });
  w.space(12);

  w.list(
    'Aanwezigen',
    14,
    input.participants.map((p) => ({
      marker: '•',
      lines: [
        [
          { font: FONT, text: pdfInline(p.displayName) },
          { font: FONT, text: ` (${pdfInline(p.partyLabel)})`, color: MUTED },
        ],
      ],
    })),
    'Geen aanwezigen vastgelegd.',
  );
  w.space(8);

  w.list(
    'Agenda',
    14,
    items.map((item, i) => ({
      marker: `${i + 1}.`,
      lines: [
        [
          { font: FONT_BOLD, text: pdfInline(item.clientLabel) },
          { font: FONT, text: `: ${pdfInline(item.reasonLabel)} (fase: ${pdfInline(item.stageLabel)})` },
        ],
      ],
    })),
    'Er stonden geen casussen op de agenda.',
  );

  if (items.length > 0) {
    w.space(8);
    // Kept with the first case's heading, its two fields and the first sub-heading.
    w.heading('Besproken casussen', 14, w.bodyLine() * 6);
  }
  items.forEach((item, i) => {
    w.space(6);
    const notes: Entry[] = item.notes.map((note) => ({
      marker: '•',
      lines: [
        [{ font: FONT, text: pdfText(note.text) }],
        [{ font: FONT_ITALIC, text: pdfInline(note.authorName), color: MUTED }],
      ],
    }));
    // The case's heading stays with its two fields, the heading 'Notities' and the first note.
    const firstNote = notes[0] ? w.entryKeep(notes[0]) : w.bodyLine();
    w.heading(`${i + 1}. ${pdfInline(item.clientLabel)}`, 12.5, w.bodyLine() * 2 + 30 + firstNote);
    w.field('Reden op de agenda', pdfInline(item.reasonLabel));
    w.field('Fase', pdfInline(item.stageLabel));
    w.space(6);

    w.list('Notities', 11, notes, 'Geen notities.');
    w.space(4);

    w.list(
      'Besluiten',
      11,
      item.decisions.map((d, j) => ({
        marker: `${j + 1}.`,
        lines: [
          [{ font: FONT_BOLD, text: pdfText(d.summary) }],
          [
            { font: FONT_ITALIC, text: 'Onderbouwing: ' },
            { font: FONT, text: pdfText(d.reasons) },
          ],
          [{ font: FONT_ITALIC, text: `Vastgelegd door: ${pdfInline(d.authorName)}`, color: MUTED }],
        ],
      })),
      'Geen besluiten.',
    );
    w.space(4);

    w.list(
      'Acties',
      11,
      item.actions.map((a) => ({
        marker: a.status === 'done' ? '[x]' : '[ ]',
        lines: [
          [{ font: FONT, text: pdfText(a.description) }],
          [
            {
              font: FONT,
              text:
                `Eigenaar: ${pdfInline(a.ownerLabel)} · Uiterlijk: ${pdfInline(formatDutchDay(a.dueDate))} · ` +
                `Status: ${ACTION_STATUS_LABEL[a.status]}`,
              color: MUTED,
            },
          ],
        ],
      })),
      'Geen acties.',
    );
  });

  w.ensureSpace(40); // the rule and the closing line stay together
  w.rule();
  w.paragraph(`Gegenereerd door Koers op ${DATE_TIME.format(input.generatedAt)}.`, {
    font: FONT_ITALIC,
    size: SMALL_SIZE,
    color: MUTED,
  });
}

export function renderMinutesPdf(input: MinutesInput, options: MinutesPdfOptions = {}): Promise<Buffer> {
  try {
    validate(input);
  } catch (error) {
    return Promise.reject(error);
  }
  const title = `Verslag casusoverleg – ${pdfInline(input.teamName)}, ${DATE_SHORT.format(input.meeting.startsAt)}`;
  return renderPdf(
    {
      title,
      subject: 'Verslag casusoverleg (vertrouwelijk)',
      at: input.generatedAt,
      footer: toWinAnsi(`${title} · Vertrouwelijk`),
      compress: options.compress,
    },
    (doc) => drawMinutes(doc, input),
  );
}
