import { PDF_FONT, PDF_FONT_BOLD, formatDutchDay, renderPdf } from '@koers/casusoverleg';
import { amsterdamDate } from '@koers/clock';
import { BODY_SIZE, DocumentWriter, MUTED, winAnsi } from './document-writer';
import type { RenderOptions } from './three-party-agreement.pdf';

export interface SummaryRecoveryLine {
  name: string;
  range: { min: number; max: number };
  count: number;
  completeCount: number;
  first: { date: string; total: number } | null;
  last: { date: string; total: number } | null;
  change: number | null;
  /** The latest total at or above the instrument's threshold, with its label; null without either. */
  threshold: { atLeast: number; label: string; reached: boolean } | null;
}

/**
 * The one-page client summary for the meeting: only what the reader may see (need-to-know). A section whose
 * category the reader may not see is null and left out entirely, heading and all.
 */
export interface ClientSummaryInput {
  generatedAt: Date;
  reader: { displayName: string; partyLabel: string };
  client: { displayName: string; teamName: string };
  /** Dutch labels of the data categories the summary may show this reader. */
  visibleLabels: string[];
  stage: { label: string; enteredAt: Date; daysInStage: number; closedAt: Date | null };
  /** Blockers of categories the reader may see (Dutch sentences and who can lift them). */
  blockers: { message: string; liftedBy: string }[];
  /** The next pending deadline of a category the reader may see. */
  nextDeadline: { label: string; dueAt: Date; overdue: boolean } | null;
  actions: { description: string; owner: string; dueDate: string; overdue: boolean }[] | null;
  decisions: { at: Date; text: string; reasons: string | null }[] | null;
  housing: {
    kind: string | null;
    agreement: {
      landlord: string;
      careProvider: string;
      startDate: string;
      evaluationDue: string | null;
    } | null;
  } | null;
  finances: { arrangement: string | null; postalAddressUntil: string | null } | null;
  recovery: SummaryRecoveryLine[] | null;
}

/** At most this many of each list: the summary is one page. */
export const SUMMARY_LIMITS = { blockers: 6, actions: 5, decisions: 3 } as const;

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});
const day = (instant: Date) => formatDutchDay(amsterdamDate(instant));
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** Renders the summary on one page; what does not fit is left out with a note to look in Koers. */
export function renderClientSummaryPdf(
  input: ClientSummaryInput,
  options: RenderOptions = {},
): Promise<Buffer> {
  return renderPdf(
    {
      title: winAnsi(`Cliëntoverzicht – ${input.client.displayName}`),
      subject: 'Cliëntoverzicht voor het casusoverleg (vertrouwelijk)',
      at: input.generatedAt,
      footer: winAnsi(
        `Cliëntoverzicht – ${input.client.displayName}, ${day(input.generatedAt)} · Vertrouwelijk`,
      ),
      compress: options.compress,
    },
    (doc) => drawSummary(new DocumentWriter(doc), input),
  );
}

function drawSummary(w: DocumentWriter, input: ClientSummaryInput): void {
  // Room kept at the bottom for the closing note: nothing may start a second page.
  const reserve = 42;
  let truncated = false;
  const room = (lines: number) => {
    w.doc.font(PDF_FONT).fontSize(BODY_SIZE);
    const ok = w.fits((w.doc.currentLineHeight(true) + 3) * lines + reserve);
    if (!ok) truncated = true;
    return ok;
  };
  const section = (title: string) => {
    if (!room(3)) return false;
    w.heading(title, 11.5, 0);
    return true;
  };
  const line = (marker: string, text: string, maxLines = 2) => {
    if (!room(maxLines)) return false;
    w.item(marker, text, { maxLines });
    return true;
  };

  w.title('Cliëntoverzicht', input.client.displayName);
  w.muted(
    `${input.client.teamName} · opgesteld op ${DATE_TIME.format(input.generatedAt)} voor ${input.reader.displayName} ` +
      `(${input.reader.partyLabel})`,
  );

  const { stage } = input;
  w.heading('Fase', 11.5, 0);
  w.field(
    'Fase',
    stage.closedAt
      ? `${stage.label} sinds ${day(stage.closedAt)}`
      : `${stage.label}, ${stage.daysInStage} ${stage.daysInStage === 1 ? 'dag' : 'dagen'} (sinds ${day(stage.enteredAt)})`,
    { labelWidth: 130 },
  );
  w.field(
    'Eerstvolgende termijn',
    input.nextDeadline
      ? `${input.nextDeadline.label}: ${DATE_TIME.format(input.nextDeadline.dueAt)}${input.nextDeadline.overdue ? ' (verlopen)' : ''}`
      : 'geen',
    { labelWidth: 130 },
  );

  if (section('Waar loopt het vast')) {
    if (input.blockers.length === 0) w.muted('Geen knelpunten.', BODY_SIZE - 1);
    for (const blocker of input.blockers.slice(0, SUMMARY_LIMITS.blockers)) {
      if (!line('•', `${blocker.message} (${blocker.liftedBy})`)) break;
    }
  }

  if (input.actions && section('Open acties')) {
    if (input.actions.length === 0) w.muted('Geen open acties.', BODY_SIZE - 1);
    for (const action of input.actions.slice(0, SUMMARY_LIMITS.actions)) {
      const due = `${formatDutchDay(action.dueDate)}${action.overdue ? ', verlopen' : ''}`;
      if (!line('•', `${action.description} — ${action.owner}, uiterlijk ${due}`)) break;
    }
    if (input.actions.length > SUMMARY_LIMITS.actions) {
      w.muted(`En nog ${input.actions.length - SUMMARY_LIMITS.actions} open acties in Koers.`);
    }
  }

  if (input.decisions && section('Laatste besluiten')) {
    if (input.decisions.length === 0) w.muted('Nog geen besluiten vastgelegd.', BODY_SIZE - 1);
    for (const decision of input.decisions.slice(0, SUMMARY_LIMITS.decisions)) {
      const reasons = decision.reasons ? ` Onderbouwing: ${decision.reasons}` : '';
      if (!line('•', `${day(decision.at)}: ${decision.text}.${reasons}`.replace(/\.\./g, '.'), 3)) break;
    }
  }

  if (input.housing && section('Wonen')) {
    const { housing } = input;
    if (!housing.kind) w.muted('Nog geen woning vastgelegd.', BODY_SIZE - 1);
    else {
      w.field('Woning', housing.kind, { labelWidth: 130 });
      if (housing.agreement && room(2)) {
        const a = housing.agreement;
        w.field(
          'Driepartijenovereenkomst',
          `${a.landlord} en ${a.careProvider}, vanaf ${formatDutchDay(a.startDate)}` +
            (a.evaluationDue ? `; evaluatie uiterlijk ${formatDutchDay(a.evaluationDue)}` : ''),
          { labelWidth: 130 },
        );
      }
    }
  }

  if (input.finances && section('Financiën')) {
    w.field('Schuldregeling', input.finances.arrangement ?? 'nog niet vastgelegd', { labelWidth: 130 });
    if (input.finances.postalAddressUntil) {
      w.field('Postadres tot', formatDutchDay(input.finances.postalAddressUntil), { labelWidth: 130 });
    }
  }

  if (input.recovery && section('Herstel (metingen)')) {
    const measured = input.recovery.filter((r) => r.count > 0);
    if (measured.length === 0) w.muted('Nog geen herstelmetingen.', BODY_SIZE - 1);
    for (const r of measured) {
      if (!room(2)) break;
      w.field(r.name, recoveryText(r), { labelWidth: 130 });
    }
  }

  if (truncated) w.muted('Niet alles past op één pagina: zie Koers voor de rest.');
  // The closing note sits in the reserved room at the bottom of the page.
  w.doc.y = Math.max(w.doc.y, w.bottom - reserve + 6);
  w.rule();
  w.doc.font(PDF_FONT_BOLD).fontSize(8).fillColor(MUTED);
  w.doc.text(
    winAnsi(
      `Dit overzicht toont alleen wat ${input.reader.partyLabel} mag zien: ${input.visibleLabels.join(', ')}.`,
    ),
    w.left,
    w.doc.y,
    { width: w.width, height: 22, ellipsis: true },
  );
}

function recoveryText(r: SummaryRecoveryLine): string {
  if (!r.last) return `${r.count} meting${r.count === 1 ? '' : 'en'}, nog geen volledige (geen totaal).`;
  const range = `${r.range.min}–${r.range.max}`;
  const parts = [`laatste ${r.last.total} (${range}) op ${formatDutchDay(r.last.date)}`];
  if (r.first && r.change !== null) {
    parts.push(`eerste ${r.first.total} op ${formatDutchDay(r.first.date)}, verschil ${signed(r.change)}`);
  }
  if (r.threshold?.reached) parts.push(`${r.threshold.label} (${r.threshold.atLeast} of meer)`);
  parts.push(`${r.completeCount} van ${r.count} metingen volledig`);
  return `${parts.join('; ')}.`;
}
