import {
  CRITERION_LABELS,
  DEADLINE_KIND_LABELS,
  LEGAL_BASIS_LABELS,
  OUTFLOW_REASONS,
  PARTY_LABELS,
  STAGE_LABELS,
} from '@koers/machines/trajectory';
import { DATA_CATEGORY_LABELS } from '@koers/access';
import {
  AGENDA_REASON_LABELS,
  PDF_FONT,
  PDF_FONT_BOLD,
  PDF_FONT_ITALIC,
  PDF_MARGIN,
  PDF_SMALL_SIZE,
  type PdfDoc,
  formatDutchDay,
  renderPdf,
  toWinAnsi,
} from '@koers/casusoverleg';
import {
  ACTION_STATUS_LABELS,
  AUDIT_EVENT_LABELS,
  AUDIT_RESULT_LABELS,
  DEADLINE_STATUS_LABELS,
  ENUM_FIELDS,
  FIELD_LABELS,
  INTAKE_LABELS,
  MEETING_STATUS_LABELS,
  RECORD_KIND_LABELS,
  STEP_LABELS,
  STEP_STATUS_LABELS,
  VALUE_LABELS,
  label,
} from './client-export.labels';
import type { ClientExport, ExportPerson } from './client-export.types';
import { RECOVERY_CHANGE_LABELS, formatRecoveryAnswers } from './client-export.recovery';
import { euros } from '@koers/budget';

/**
 * The data-subject export as a readable Dutch PDF (pdfkit, like the minutes): the same content as the JSON, in
 * sections, with Dutch labels and dates. Pure: everything comes from the export.
 */
export interface ClientExportPdfOptions {
  /** Compress the page content streams (default true). Tests turn it off to read the text back. */
  compress?: boolean;
}

const TIME_ZONE = 'Europe/Amsterdam';
const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});
const DATE = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'long' });

const FONT = PDF_FONT;
const FONT_BOLD = PDF_FONT_BOLD;
const FONT_ITALIC = PDF_FONT_ITALIC;
const BODY = 10;
const SMALL = PDF_SMALL_SIZE;
const MUTED = '#444444';
const MARGIN = PDF_MARGIN;

type Doc = PdfDoc;

const dateTime = (iso: string | null): string => (iso ? DATE_TIME.format(new Date(iso)) : '—');
/** The Amsterdam calendar day of an instant (a journal entry given as a date is stored as 00:00 Amsterdam time). */
const day = (iso: string | null): string => (iso ? DATE.format(new Date(iso)) : '—');
const who = (p: ExportPerson | null): string => {
  if (!p || (!p.displayName && !p.partyKind)) return 'het systeem';
  const party = p.partyKind ? label(PARTY_LABELS, p.partyKind) : null;
  return p.displayName ? (party ? `${p.displayName} (${party})` : p.displayName) : (party ?? '—');
};
const stage = (id: string | null): string => label(STAGE_LABELS, id);
const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

/** A stored value, readable: lists joined, objects as 'veld: waarde', booleans as ja/nee. */
export function formatValue(value: unknown, key?: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (key === 'criteria') return label(CRITERION_LABELS, value);
    if (key && ENUM_FIELDS.has(key)) return label(VALUE_LABELS, value);
    // `reason` is free text, except the outflow reason of a closure.
    if (key === 'reason' && (OUTFLOW_REASONS as readonly string[]).includes(value))
      return label(VALUE_LABELS, value);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v, key)).join(', ') : '—';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${label(FIELD_LABELS, k)}: ${formatValue(v, k)}`)
      .join('; ');
  }
  return String(value);
}

/** Text the standard fonts can show, line breaks kept. */
const pdf = (text: string): string => toWinAnsi(text.replace(/\r\n?/g, '\n'));

class ExportWriter {
  constructor(private readonly doc: Doc) {}

  private get left() {
    return this.doc.page.margins.left;
  }
  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  space(points: number): void {
    this.doc.y += points;
    if (this.doc.y > this.bottom) this.doc.addPage();
  }

  /** A section heading, kept with a few lines of what follows. */
  section(text: string): void {
    this.space(10);
    this.ensureSpace(70);
    this.doc.font(FONT_BOLD).fontSize(14).fillColor('#1a1a1a');
    this.doc.text(pdf(text), this.left, this.doc.y, { width: this.width });
    this.space(4);
  }

  /** A sub-heading (one event, one meeting), kept with two lines. */
  subheading(text: string): void {
    this.space(4);
    this.ensureSpace(45);
    this.doc
      .font(FONT_BOLD)
      .fontSize(BODY + 0.5)
      .fillColor('#000000');
    this.doc.text(pdf(text), this.left, this.doc.y, { width: this.width });
    this.space(1);
  }

  paragraph(
    text: string,
    options: { font?: string; size?: number; color?: string; indent?: number } = {},
  ): void {
    const indent = options.indent ?? 0;
    this.doc
      .font(options.font ?? FONT)
      .fontSize(options.size ?? BODY)
      .fillColor(options.color ?? '#000000');
    this.ensureSpace(this.doc.currentLineHeight(true) + 2);
    this.doc.text(pdf(text), this.left + indent, this.doc.y, { width: this.width - indent, lineGap: 2 });
    this.doc.x = this.left;
  }

  /** 'Label: value' with a bold label; the value wraps beside it. */
  field(name: string, value: string, indent = 0, labelWidth = 140): void {
    const doc = this.doc;
    doc.font(FONT).fontSize(BODY);
    const valueWidth = this.width - indent - labelWidth;
    const height = Math.max(
      doc.heightOfString(pdf(value), { width: valueWidth, lineGap: 2 }),
      doc.currentLineHeight(true),
    );
    this.ensureSpace(Math.min(height, 60));
    const y = doc.y;
    doc.font(FONT_BOLD).fillColor('#000000');
    doc.text(pdf(`${name}:`), this.left + indent, y, { width: labelWidth - 6 });
    const afterLabel = doc.y;
    doc.font(FONT).text(pdf(value), this.left + indent + labelWidth, y, { width: valueWidth, lineGap: 2 });
    doc.y = Math.max(doc.y, afterLabel);
    doc.x = this.left;
  }

  empty(text: string): void {
    this.paragraph(text, { color: MUTED, font: FONT_ITALIC });
  }
}

function drawExport(doc: Doc, data: ClientExport): void {
  const w = new ExportWriter(doc);
  const { client, trajectory } = data;

  doc
    .font(FONT_BOLD)
    .fontSize(20)
    .fillColor('#1a1a1a')
    .text('Overzicht van uw gegevens', MARGIN.left, MARGIN.top);
  doc.font(FONT).fontSize(14).fillColor('#333333').text(pdf(client.displayName));
  w.space(8);
  w.paragraph(
    `Dit overzicht bevat alle gegevens die Koers over ${client.displayName} bewaart: persoonsgegevens, het traject ` +
      'met de volledige geschiedenis, termijnen, meldingen, het journaal, wat het casusoverleg vastlegde, acties, ' +
      'de antwoorden op de vragen van de handreiking, uitnodigingen van ketenpartners en wie het dossier inzag.',
  );
  w.paragraph(
    `Opgesteld op ${dateTime(data.generatedAt)} door ${who(data.generatedBy)}, ${client.team.name} (${client.team.municipality}).`,
    { color: MUTED },
  );
  w.paragraph(
    'Vertrouwelijk. Dit overzicht bevat bijzondere persoonsgegevens en is bestemd voor de betrokkene. ' +
      'Een machineleesbare versie (JSON) is op verzoek beschikbaar.',
    { font: FONT_ITALIC, size: SMALL, color: MUTED },
  );

  w.section('1. Persoonsgegevens');
  w.field('Naam', client.displayName);
  w.field('Geboortedatum', client.birthDate ? formatDutchDay(client.birthDate) : 'niet vastgelegd');
  w.field('BSN', client.bsn ?? 'niet vastgelegd');
  w.field('Geregistreerd op', `${dateTime(client.createdAt)} door ${who(client.createdBy)}`);
  w.field('Casusoverleg', `${client.team.name} (${client.team.municipality})`);
  if (client.anonymisedAt) w.field('Geanonimiseerd op', dateTime(client.anonymisedAt));
  w.field('Kenmerk', client.id);

  w.section('2. Traject');
  w.field('Fase', trajectory.stageLabel);
  w.field('Geopend op', dateTime(trajectory.openedAt));
  w.field('In deze fase sinds', dateTime(trajectory.stageEnteredAt));
  w.field('Afgesloten op', trajectory.closedAt ? dateTime(trajectory.closedAt) : 'nog niet afgesloten');
  const context = Object.entries(trajectory.context).filter(
    ([, v]) => v !== null && !(Array.isArray(v) && v.length === 0),
  );
  if (context.length) {
    w.subheading('Vastgelegde besluiten en gegevens');
    for (const [key, value] of context) w.field(label(FIELD_LABELS, key), formatValue(value, key), 10);
  }
  const basis = data.legalBasis;
  w.subheading('Grondslag voor het delen van uw gegevens');
  w.field('Grondslag', basis.label, 10);
  w.field(
    'Wat gedeeld mag worden',
    basis.allows.map((c) => label(DATA_CATEGORY_LABELS, c)).join(', ') || '—',
    10,
  );
  for (const record of basis.history ?? []) {
    const details = [
      record.scope ? `reikwijdte: ${record.scope}` : null,
      record.justification ? `motivering: ${record.justification}` : null,
      record.reason ? `reden: ${record.reason}` : null,
    ].filter((d) => d !== null);
    w.field(
      dateTime(record.recordedAt),
      `${record.label}, vastgelegd door ${who({ ...record.recordedBy, partyKind: record.recordedBy.party })}` +
        (details.length ? ` (${details.join('; ')})` : ''),
      10,
    );
  }

  w.section(`3. Geschiedenis (${trajectory.history.length})`);
  for (const e of trajectory.history) {
    const move =
      e.fromStage && e.fromStage !== e.toStage ? ` (${stage(e.fromStage)} → ${stage(e.toStage)})` : '';
    w.subheading(`${e.seq}. ${e.typeLabel}${move}`);
    w.field('Wanneer', dateTime(e.occurredAt), 10);
    w.field('Door', who(e.by), 10);
    for (const [key, value] of Object.entries(e.payload))
      w.field(label(FIELD_LABELS, key), formatValue(value, key), 10);
  }

  w.section(`4. Termijnen (${data.deadlines.length})`);
  if (!data.deadlines.length) w.empty('Geen termijnen.');
  for (const d of data.deadlines) {
    w.subheading(`${label(DEADLINE_KIND_LABELS, d.kind)}: ${label(DEADLINE_STATUS_LABELS, d.status)}`);
    w.field('Uiterlijk', dateTime(d.dueAt), 10);
    if (d.doneAt) w.field('Afgerond op', dateTime(d.doneAt), 10);
    if (d.steps.length)
      w.field(
        'Stappen',
        d.steps
          .map(
            (s) =>
              `${label(STEP_LABELS, s.step)} ${dateTime(s.fireAt)} (${label(STEP_STATUS_LABELS, s.status)}${s.firedAt ? ` op ${dateTime(s.firedAt)}` : ''})`,
          )
          .join('\n'),
        10,
      );
  }

  w.section(`5. Meldingen (${data.notifications.length})`);
  if (!data.notifications.length) w.empty('Geen meldingen.');
  for (const n of data.notifications)
    w.field(dateTime(n.createdAt), `${n.title} — aan ${who(n.recipient)}${n.readAt ? ', gelezen' : ''}`);

  w.section(`6. Journaal (${data.journal.length})`);
  if (!data.journal.length) w.empty('Geen journaalregels.');
  for (const j of data.journal) {
    w.subheading(
      `${j.occurredOnDate ? day(j.occurredAt) : dateTime(j.occurredAt)}: ${j.kindLabel} (${j.categoryLabel})`,
    );
    w.field('Door', who(j.author), 10);
    w.paragraph(j.text, { indent: 10 });
  }

  w.section(`7. Casusoverleg (${data.meetings.length})`);
  if (!data.meetings.length) w.empty('Niet besproken in een casusoverleg.');
  for (const m of data.meetings) {
    w.subheading(`Casusoverleg van ${dateTime(m.startsAt)} (${label(MEETING_STATUS_LABELS, m.status)})`);
    if (m.location) w.field('Locatie', m.location, 10);
    if (m.attendees.length) w.field('Aanwezig', m.attendees.map(who).join(', '), 10);
    if (m.agendaItem)
      w.field(
        'Agenda',
        `punt ${m.agendaItem.position}: ${label(AGENDA_REASON_LABELS, m.agendaItem.reason)}${m.agendaItem.note ? ` — ${m.agendaItem.note}` : ''}`,
        10,
      );
    for (const r of m.records) {
      w.field(
        `${label(RECORD_KIND_LABELS, r.kind)} — ${r.categoryLabel} (${who(r.author)})`,
        r.reasons === null ? r.text : `${r.text}\nOnderbouwing: ${r.reasons}`,
        10,
      );
    }
  }

  w.section(`8. Acties (${data.actions.length})`);
  if (!data.actions.length) w.empty('Geen acties.');
  for (const a of data.actions) {
    w.subheading(a.description);
    const owner = a.owner.person ? who(a.owner.person) : label(PARTY_LABELS, a.owner.partyKind);
    w.field('Eigenaar', owner, 10);
    w.field('Uiterlijk', formatDutchDay(a.dueDate), 10);
    w.field(
      'Status',
      label(ACTION_STATUS_LABELS, a.status) + (a.doneAt ? ` op ${dateTime(a.doneAt)}` : ''),
      10,
    );
    if (a.doneNote) w.field('Toelichting', a.doneNote, 10);
  }

  w.section(`9. Antwoorden op de vragen van de handreiking (${data.intake.length})`);
  if (!data.intake.length) w.empty('Geen antwoorden vastgelegd.');
  for (const i of data.intake) {
    w.subheading(`${i.partyLabel}, bijgewerkt op ${dateTime(i.updatedAt)} door ${who(i.updatedBy)}`);
    for (const [key, value] of Object.entries(i.answers)) {
      const text =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? Object.entries(value as Record<string, unknown>)
              .map(([k, v]) => `${label(INTAKE_LABELS, k)}: ${formatValue(v)}`)
              .join('\n')
          : formatValue(value);
      w.field(label(INTAKE_LABELS, key), text, 10, 170);
    }
  }

  w.section(`10. Uitnodigingen van ketenpartners (${data.invitations.length})`);
  if (!data.invitations.length) w.empty('Geen ketenpartners uitgenodigd.');
  for (const i of data.invitations) {
    w.subheading(`${i.party.name} (${label(PARTY_LABELS, i.party.kind)})`);
    w.field('Mag zien', i.scope.map((c) => label(DATA_CATEGORY_LABELS, c)).join(', '), 10);
    w.field('Periode', `${dateTime(i.startsAt)} tot ${dateTime(i.endsAt)}`, 10);
    w.field('Reden', i.reason, 10);
    w.field('Uitgenodigd door', who(i.invitedBy), 10);
    if (i.revokedAt) w.field('Ingetrokken', `${dateTime(i.revokedAt)} door ${who(i.revokedBy)}`, 10);
  }

  w.section(`11. Wie uw gegevens inzag of vastlegde (${data.accessLog.length})`);
  if (!data.accessLog.length) w.empty('Nog geen toegang vastgelegd.');
  for (const a of data.accessLog) {
    const categories = a.categories.map((c) => label(DATA_CATEGORY_LABELS, c)).join(', ') || '—';
    const basis = a.legalBasis ? ` (grondslag: ${label(LEGAL_BASIS_LABELS, a.legalBasis)})` : '';
    w.field(
      dateTime(a.occurredAt),
      `${who(a.user)}: ${label(AUDIT_EVENT_LABELS, a.event)}, ${label(AUDIT_RESULT_LABELS, a.result)} — ${categories}${basis}`,
      0,
      150,
    );
  }

  const { recovery } = data;
  w.section(`12. Herstelmetingen (${recovery.measurements.length})`);
  if (!recovery.measurements.length && !recovery.changes.length) w.empty('Geen herstelmetingen.');
  for (const m of recovery.measurements) {
    w.subheading(`${m.instrumentName}, ${dateTime(m.measuredAt)}`);
    w.field('Totaal', m.totalScore === null ? 'geen (niet alle items beantwoord)' : String(m.totalScore), 10);
    w.field('Antwoorden per item', formatRecoveryAnswers(m.instrumentId, m.answers, m.extraScores), 10);
    w.field('Vastgelegd', `${dateTime(m.recordedAt)} door ${who(m.recordedBy)}`, 10);
  }
  for (const c of recovery.changes) {
    w.field(
      `${label(RECOVERY_CHANGE_LABELS, c.action)} ${dateTime(c.changedAt)}`,
      `door ${who(c.changedBy)}: ${c.reason}`,
      0,
      150,
    );
  }

  const { budget } = data;
  w.section(
    `13. Budget: uitgaven en voorwaardelijke afspraken (${budget.spends.length + budget.conditionalArrangements.length})`,
  );
  if (!budget.spends.length && !budget.conditionalArrangements.length) w.empty('Geen uitgaven of afspraken.');
  for (const s of budget.spends) {
    w.subheading(
      `${s.categoryLabel}: ${euros(s.amountCents)} (${s.kindLabel}, ${s.statusLabel.toLowerCase()})`,
    );
    w.field('Omschrijving', s.description, 10);
    if (s.conditions) w.field('Voorwaarden', s.conditions, 10);
    w.field('Aangevraagd', `${dateTime(s.requestedAt)} door ${who(s.requestedBy)}`, 10);
    if (s.urgent && s.neededBy) w.field('Spoed, nodig op', formatDutchDay(s.neededBy), 10);
    if (s.approvedAt) w.field('Besloten', `${dateTime(s.approvedAt)} door ${who(s.approvedBy)}`, 10);
    if (s.decisionReason) w.field('Toelichting', s.decisionReason, 10);
    if (s.overBudgetReason) w.field('Boven het budget omdat', s.overBudgetReason, 10);
    if (s.cancelledAt) w.field('Ingetrokken', `${dateTime(s.cancelledAt)}: ${s.cancelReason ?? ''}`, 10);
    if (s.repaymentStatusLabel) w.field('Lening', s.repaymentStatusLabel, 10);
    for (const r of s.repayments)
      w.field('Terugbetaald', `${euros(r.amountCents)} op ${formatDutchDay(r.paidOn)}`, 10);
    if (s.writtenOffAt)
      w.field('Kwijtgescholden', `${dateTime(s.writtenOffAt)}: ${s.writeOffReason ?? ''}`, 10);
  }
  for (const a of budget.conditionalArrangements) {
    w.subheading(`Voorwaardelijke afspraak (${a.statusLabel.toLowerCase()})`);
    w.field('Voorwaarden', a.conditions, 10);
    w.field('Toetsen op', formatDutchDay(a.reviewDate), 10);
    if (a.outcomeLabel) w.field('Uitkomst', `${a.outcomeLabel}: ${a.outcomeNote ?? ''}`, 10);
    if (a.cancelledAt) w.field('Vervallen', `${dateTime(a.cancelledAt)}: ${a.cancelReason ?? ''}`, 10);
  }
}

export function renderClientExportPdf(
  data: ClientExport,
  options: ClientExportPdfOptions = {},
): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  return renderPdf(
    {
      title: pdf(`Overzicht van gegevens – ${data.client.displayName}`),
      subject: 'Inzage in persoonsgegevens (vertrouwelijk)',
      at: generatedAt,
      footer: pdf(
        `Overzicht van gegevens – ${data.client.displayName}, ${DATE.format(generatedAt)} · Vertrouwelijk`,
      ),
      compress: options.compress,
    },
    (doc) => drawExport(doc, data),
  );
}
