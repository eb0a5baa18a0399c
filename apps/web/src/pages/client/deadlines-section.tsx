import { DEADLINE_KIND_LABELS, type DeadlineKind } from '@koers/machines/trajectory';
import {
  ACTION_STATUS_LABELS,
  DEADLINE_STATE_LABELS,
  DEADLINE_STEP_LABELS,
  STEP_STATUS_LABELS,
} from '../../trajectory/labels';
import type { DeadlineView } from '../../trajectory/trajectory-view';
import { ErrorAlert, Heading, Loading, Paragraph, StatusBadge } from '../../ui/components';
import { formatDate, formatDateTime } from '../../ui/format';
import type { Loaded } from '../../ui/use-api';

const STATE_BADGE = { pending: 'neutral', overdue: 'danger', met: 'safe', met_late: 'warning' } as const;

/** The ladder of a deadline in words: which steps were sent or are planned. */
function ladder(deadline: DeadlineView): string {
  const current = deadline.steps.filter((s) => s.revision === deadline.revision && s.status !== 'withdrawn');
  if (current.length === 0) return '—';
  return current
    .map((s) => {
      const when = s.status === 'fired' && s.firedAt ? formatDateTime(s.firedAt) : formatDate(s.fireAt);
      return `${DEADLINE_STEP_LABELS[s.step] ?? s.step} ${STEP_STATUS_LABELS[s.status] ?? s.status} (${when})`;
    })
    .join('; ');
}

export function DeadlinesSection({ deadlines }: { deadlines: Loaded<DeadlineView[]> }) {
  const all = deadlines.data ?? [];
  const open = all.filter((d) => d.state === 'pending' || d.state === 'overdue');
  const done = all.filter((d) => d.state === 'met' || d.state === 'met_late');
  return (
    <section aria-labelledby="termijnen" className="koers-card">
      <Heading level={2} id="termijnen">
        Termijnen
      </Heading>
      <ErrorAlert error={deadlines.error} />
      {!deadlines.data && deadlines.loading && <Loading what="Termijnen" />}
      {deadlines.data && open.length === 0 && <Paragraph>Er lopen geen termijnen.</Paragraph>}
      {open.length > 0 && (
        <ul className="koers-deadlines" aria-label="Lopende termijnen">
          {open.map((d) => (
            <li key={d.id} className="koers-deadlines__item">
              <div className="koers-deadlines__head">
                <span className="koers-deadlines__what">
                  {DEADLINE_KIND_LABELS[d.kind as DeadlineKind] ?? d.label}
                </span>
                <StatusBadge kind={STATE_BADGE[d.state]}>{DEADLINE_STATE_LABELS[d.state]}</StatusBadge>
              </div>
              <span>Uiterlijk {formatDate(d.dueAt)}</span>
              <span className="koers-cell-sub">{ladder(d)}</span>
            </li>
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <details className="koers-details">
          <summary>Afgeronde termijnen ({done.length})</summary>
          <ul className="utrecht-unordered-list">
            {done.map((d) => (
              <li key={d.id}>
                {DEADLINE_KIND_LABELS[d.kind as DeadlineKind] ?? d.label}: uiterlijk {formatDate(d.dueAt)},{' '}
                {DEADLINE_STATE_LABELS[d.state].toLowerCase()}
                {d.doneAt ? ` op ${formatDate(d.doneAt)}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export interface ActionView {
  id: string;
  description: string;
  owner: { partyKind: string | null; partyLabel: string | null; displayName: string | null };
  dueDate: string;
  status: string;
  doneAt: string | null;
}

export function ActionsSection({ actions }: { actions: Loaded<ActionView[]> }) {
  const list = actions.data ?? [];
  return (
    <section aria-labelledby="acties" className="koers-card">
      <Heading level={2} id="acties">
        Acties uit het casusoverleg
      </Heading>
      <ErrorAlert error={actions.error} />
      {!actions.data && actions.loading && <Loading what="Acties" />}
      {actions.data && list.length === 0 && <Paragraph>Er zijn geen acties afgesproken.</Paragraph>}
      {list.length > 0 && (
        <ul className="koers-actions">
          {list.map((action) => (
            <li key={action.id} className="koers-actions__item">
              <span className="koers-actions__what">{action.description}</span>
              <span className="koers-cell-sub">
                {action.owner.displayName ?? action.owner.partyLabel ?? 'Onbekend'} · uiterlijk{' '}
                {formatDate(`${action.dueDate}T12:00:00Z`)} ·{' '}
                <StatusBadge kind={action.status === 'done' ? 'safe' : 'neutral'}>
                  {ACTION_STATUS_LABELS[action.status] ?? action.status}
                </StatusBadge>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
