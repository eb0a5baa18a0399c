import { useEffect, useState } from 'react';
import { PARTY_LABELS, type Party } from '@koers/machines/trajectory';
import { api } from '../../api/api-client';
import { Link } from '../../router';
import {
  Alert,
  Button,
  ErrorAlert,
  FormField,
  Heading,
  Paragraph,
  Select,
  StatusBadge,
} from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { type AgendaItemView, type AgendaView, type BoardRowView, DEFERRED_LABELS } from './meeting-types';

type BadgeKind = 'neutral' | 'danger' | 'warning' | 'safe';
export const REASON_BADGE: Record<string, BadgeKind> = {
  escalated: 'danger',
  overdue: 'danger',
  blocked: 'warning',
  follow_up: 'neutral',
  new_case: 'safe',
  added: 'neutral',
};

export const liftedByLabel = (liftedBy: string) =>
  liftedBy === 'chair' ? 'de voorzitter' : (PARTY_LABELS[liftedBy as Party] ?? liftedBy);

/** Minutes planned against the budget, as text and as a bar (the bar is decoration: the text says it all). */
export function BudgetBar({ planned, budget, label }: { planned: number; budget: number; label: string }) {
  const share = Math.min(1, planned / budget);
  const over = planned > budget;
  return (
    <div className="koers-time-budget">
      <p className="utrecht-paragraph koers-time-budget__text">
        {label}: <strong>{planned} minuten</strong> van {budget} minuten
        {over && <span className="koers-time-budget__over"> — {planned - budget} minuten te veel</span>}
      </p>
      <svg
        className="koers-time-budget__bar"
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <rect x="0" y="0" width="100" height="6" className="koers-time-budget__track" />
        <rect
          x="0"
          y="0"
          width={share * 100}
          height="6"
          className={
            over ? 'koers-time-budget__fill koers-time-budget__fill--over' : 'koers-time-budget__fill'
          }
        />
      </svg>
    </div>
  );
}

/** One client on the agenda: why, stage, time, and what blocks the trajectory. */
export function AgendaItemSummary({
  item,
  headingLevel = 3,
  headingId,
}: {
  item: AgendaItemView;
  headingLevel?: 2 | 3;
  headingId?: string;
}) {
  return (
    <>
      <Heading level={headingLevel} id={headingId}>
        <Link href={`/clienten/${item.clientId}`}>{item.displayName}</Link>
      </Heading>
      <p className="utrecht-paragraph koers-agenda-item__meta">
        <StatusBadge kind={REASON_BADGE[item.reason] ?? 'neutral'}>{item.reasonLabel}</StatusBadge>{' '}
        <span>Fase: {item.stageLabel}</span> <span>· {item.estimateMinutes} minuten</span>
      </p>
      {item.note && <Paragraph small>Toelichting: {item.note}</Paragraph>}
      {item.blockers.length > 0 && (
        <ul className="koers-blockers" aria-label={`Waar het vastloopt bij ${item.displayName}`}>
          {item.blockers.map((blocker) => (
            <li key={blocker.code}>
              {blocker.message}{' '}
              <span className="koers-hint">(op te lossen door {liftedByLabel(blocker.liftedBy)})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const toRequest = (items: AgendaItemView[]) =>
  items.map((item) => ({
    clientId: item.clientId,
    estimateMinutes: item.estimateMinutes,
    ...(item.note ? { note: item.note } : {}),
  }));

/**
 * The generated agenda, in order: escalated and blocked clients first, then new signals, within the time budget.
 * The chair reorders (up/down buttons: keyboard first), removes and adds clients; every change is saved at once
 * and the API keeps the new-case limit (its Dutch reason is shown when it says no).
 */
export function AgendaEditor({
  agenda,
  teamId,
  canEdit,
  onChange,
}: {
  agenda: AgendaView;
  teamId: string;
  canEdit: boolean;
  onChange(agenda: AgendaView): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<{ clientId: string; control: 'up' | 'down' } | null>(null);
  const [toAdd, setToAdd] = useState('');
  const board = useApi<{ rows: BoardRowView[] }>(canEdit ? '/board' : null, { team: teamId });

  useEffect(() => {
    if (!focus) return;
    const preferred = document.getElementById(`agenda-${focus.control}-${focus.clientId}`);
    const other = document.getElementById(
      `agenda-${focus.control === 'up' ? 'down' : 'up'}-${focus.clientId}`,
    );
    const target = preferred && !(preferred as HTMLButtonElement).disabled ? preferred : other;
    target?.focus();
  }, [focus, agenda]);

  const save = async (items: AgendaItemView[], message: string) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<AgendaView>(`/meetings/${agenda.meetingId}/agenda`, {
        method: 'PUT',
        body: { items: toRequest(items) },
      });
      onChange(saved);
      setAnnouncement(message);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, by: -1 | 1) => {
    const items = [...agenda.items];
    const [item] = items.splice(index, 1);
    items.splice(index + by, 0, item);
    setFocus({ clientId: item.clientId, control: by < 0 ? 'up' : 'down' });
    void save(items, `${item.displayName} staat nu op plaats ${index + by + 1} van ${items.length}.`);
  };

  const remove = (index: number) => {
    const item = agenda.items[index];
    void save(
      agenda.items.filter((_, i) => i !== index),
      `${item.displayName} is van de agenda gehaald.`,
    );
  };

  const add = async (clientId: string, displayName: string) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<AgendaView>(`/meetings/${agenda.meetingId}/agenda/items`, {
        method: 'POST',
        body: { clientId },
      });
      onChange(saved);
      setAnnouncement(`${displayName} is aan het eind van de agenda toegevoegd.`);
      setToAdd('');
      board.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const onAgenda = new Set(agenda.items.map((i) => i.clientId));
  const addable = (board.data?.rows ?? []).filter((row) => !onAgenda.has(row.clientId));
  const newCases = agenda.items.filter((i) => i.reason === 'new_case').length;

  return (
    <section aria-labelledby="agenda-heading" className="koers-agenda">
      <div className="koers-section-head">
        <Heading level={2} id="agenda-heading">
          Agenda
        </Heading>
        <StatusBadge kind="neutral">
          {agenda.generated ? 'Samengesteld uit het bord' : 'Aangepast door de voorzitter'}
        </StatusBadge>
      </div>
      <BudgetBar
        planned={agenda.plannedMinutes}
        budget={agenda.budgetMinutes}
        label={`Geplande tijd, met ${agenda.fixedMinutes} minuten voor opening en rondvraag`}
      />
      <Paragraph small>
        {agenda.isFirstMeeting
          ? `Eerste vergadering van dit casusoverleg: ten hoogste ${agenda.newCaseLimit} nieuwe casussen.`
          : `Ten hoogste ${agenda.newCaseLimit} nieuwe casus per vergadering.`}{' '}
        Nu op de agenda: {newCases} {newCases === 1 ? 'nieuwe casus' : 'nieuwe casussen'}.
      </Paragraph>
      {agenda.overBudget && (
        <Alert kind="warning">
          De agenda past niet in {agenda.budgetMinutes} minuten. Haal een onderwerp van de agenda of bespreek
          het korter.
        </Alert>
      )}
      <ErrorAlert error={error} />
      <div className="koers-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      {agenda.items.length === 0 ? (
        <Paragraph>Er staat nog niemand op de agenda.</Paragraph>
      ) : (
        <ol className="koers-agenda-list">
          {agenda.items.map((item, index) => (
            <li key={item.clientId} className="koers-agenda-item">
              <span className="koers-agenda-item__number" aria-hidden="true">
                {index + 1}
              </span>
              <div className="koers-agenda-item__body">
                <AgendaItemSummary item={item} />
              </div>
              {canEdit && (
                <div className="koers-agenda-item__controls">
                  <Button
                    kind="subtle"
                    id={`agenda-up-${item.clientId}`}
                    disabled={busy || index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <span className="koers-arrow" aria-hidden="true">
                      ↑
                    </span>
                    Omhoog<span className="koers-visually-hidden"> verplaatsen: {item.displayName}</span>
                  </Button>
                  <Button
                    kind="subtle"
                    id={`agenda-down-${item.clientId}`}
                    disabled={busy || index === agenda.items.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <span className="koers-arrow" aria-hidden="true">
                      ↓
                    </span>
                    Omlaag<span className="koers-visually-hidden"> verplaatsen: {item.displayName}</span>
                  </Button>
                  <Button kind="subtle" disabled={busy} onClick={() => remove(index)}>
                    Van de agenda<span className="koers-visually-hidden"> halen: {item.displayName}</span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {agenda.deferred.length > 0 && (
        <>
          <Heading level={3}>Niet op deze agenda</Heading>
          <ul className="koers-plain-list">
            {agenda.deferred.map((item) => (
              <li key={item.clientId} className="koers-deferred">
                <span>
                  <Link href={`/clienten/${item.clientId}`}>{item.displayName}</Link> ({item.reasonLabel}):{' '}
                  {DEFERRED_LABELS[item.deferredBecause] ?? item.deferredBecause}.
                </span>
                {canEdit && (
                  <Button
                    kind="subtle"
                    disabled={busy}
                    onClick={() => void add(item.clientId, item.displayName)}
                  >
                    Toch toevoegen
                    <span className="koers-visually-hidden"> aan de agenda: {item.displayName}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {canEdit && agenda.suggestions.length > 0 && (
        <>
          <Heading level={3}>Voorstellen</Heading>
          <Paragraph small>Sinds de agenda is aangepast, zou het bord deze cliënten ook agenderen.</Paragraph>
          <ul className="koers-plain-list">
            {agenda.suggestions.map((item) => (
              <li key={item.clientId} className="koers-deferred">
                <span>
                  <Link href={`/clienten/${item.clientId}`}>{item.displayName}</Link> ({item.reasonLabel})
                </span>
                <Button
                  kind="subtle"
                  disabled={busy}
                  onClick={() => void add(item.clientId, item.displayName)}
                >
                  Overnemen<span className="koers-visually-hidden"> als agendapunt: {item.displayName}</span>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}

      {canEdit && (
        <form
          className="koers-inline-form koers-no-print"
          onSubmit={(event) => {
            event.preventDefault();
            const row = addable.find((r) => r.clientId === toAdd);
            if (row) void add(row.clientId, row.displayName);
          }}
        >
          <FormField label="Cliënt toevoegen aan de agenda">
            {({ id }) => (
              <Select
                id={id}
                value={toAdd}
                onChange={(e) => setToAdd(e.target.value)}
                placeholder={board.loading ? 'Cliënten worden geladen…' : 'Kies een cliënt van het bord'}
                options={addable.map((row) => ({
                  value: row.clientId,
                  label: `${row.displayName} (${row.stageLabel})`,
                }))}
              />
            )}
          </FormField>
          <Button type="submit" kind="secondary" disabled={busy || !toAdd}>
            Toevoegen
          </Button>
        </form>
      )}
    </section>
  );
}
