import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { useMe } from '../auth/session';
import { Link } from '../router';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  ErrorAlert,
  Fieldset,
  FormField,
  Paragraph,
  StatusBadge,
  TextArea,
  TextInput,
} from '../ui/components';
import { formatCents, formatDate, formatDateTime, todayIso } from '../ui/format';
import { addDays, futureDateError, MAX_DAYS_AHEAD, mayWriteBudget, substantiveError } from './budget-rules';
import {
  ARRANGEMENT_OUTCOME_LABELS,
  ARRANGEMENT_OUTCOMES,
  type ArrangementOutcome,
  type ArrangementView,
  type SpendView,
} from './budget-types';
import { daysFromToday, relativeDay } from './spend-display';
import { RadioGroup } from './radio-group';
import { useAction } from './use-action';

const OUTCOME_HINTS: Record<ArrangementOutcome, string> = {
  extend: 'De cliënt hield zich aan de afspraak; de uitgave loopt door.',
  stop: 'De afspraak eindigt; er wordt niets meer betaald.',
  adjust: 'De afspraak loopt door met andere voorwaarden.',
};

/** An open arrangement whose review date has passed: its review is overdue. */
export const isOverdue = (a: ArrangementView) => a.status === 'open' && daysFromToday(a.reviewDate) < 0;

/**
 * Conditional arrangements (e.g. a gym subscription paid for two months, extended only if the client goes two to
 * three times a week): conditions, review date (overdue ones stand out, in words too), outcome; open ones can be
 * reviewed by the chair and addiction care.
 */
export function Arrangements({
  arrangements,
  showClient = true,
  headingLevel = 3,
  onDone,
  onConflict,
}: {
  arrangements: ArrangementView[];
  showClient?: boolean;
  headingLevel?: 3 | 4 | 5;
  onDone(message: string): void;
  onConflict(): void;
}) {
  const me = useMe();
  const [reviewing, setReviewing] = useState<string | null>(null);
  if (arrangements.length === 0) {
    return <Paragraph>Er zijn geen voorwaardelijke afspraken.</Paragraph>;
  }
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="koers-budget-arrangements">
      {arrangements.map((a) => {
        const overdue = isOverdue(a);
        return (
          <li
            key={a.id}
            className={`koers-budget-card${overdue ? ' koers-budget-card--overdue' : ''}${
              a.status !== 'open' ? ' koers-budget-card--closed' : ''
            }`}
          >
            <div className="koers-budget-card__top">
              <Heading className={`utrecht-heading-${headingLevel} koers-budget-card__title`}>
                {showClient && a.clientDisplayName ? (
                  <Link href={`/clienten/${a.clientId}`}>{a.clientDisplayName}</Link>
                ) : (
                  'Afspraak'
                )}{' '}
                <span className="koers-budget-card__for">van {formatDate(a.createdAt)}</span>
              </Heading>
              <span>
                {overdue ? (
                  <StatusBadge kind="danger">Toetsing te laat</StatusBadge>
                ) : (
                  <StatusBadge kind={a.status === 'open' ? 'warning' : 'neutral'}>
                    {a.statusLabel}
                  </StatusBadge>
                )}
              </span>
            </div>
            <p className="utrecht-paragraph">
              <span className="koers-budget-strong">Voorwaarden:</span> {a.conditions}
            </p>
            <p className="utrecht-paragraph koers-budget-card__meta">
              {a.status === 'open' ? (
                <>
                  Toetsen op{' '}
                  <span className={overdue ? 'koers-budget-late' : 'koers-budget-strong'}>
                    {formatDate(a.reviewDate)} ({relativeDay(a.reviewDate)})
                  </span>
                </>
              ) : (
                <>Toetsdatum was {formatDate(a.reviewDate)}</>
              )}
              {a.spends.length > 0 &&
                ` · ${a.spends
                  .map(
                    (s) =>
                      `${s.categoryLabel} ${formatCents(s.amountCents)} (${s.statusLabel.toLowerCase()})`,
                  )
                  .join(', ')}`}
            </p>
            {a.status === 'reviewed' && (
              <p className="utrecht-paragraph koers-budget-card__meta">
                Uitkomst: <span className="koers-budget-strong">{a.outcomeLabel}</span> — {a.outcomeNote} (
                {a.reviewedBy?.displayName}, {formatDateTime(a.reviewedAt)})
                {a.followUpId && ' · loopt door in een nieuwe afspraak'}
              </p>
            )}
            {a.status === 'cancelled' && (
              <p className="utrecht-paragraph koers-budget-card__meta">
                Vervallen: {a.cancelReason} ({a.cancelledBy?.displayName}, {formatDate(a.cancelledAt)})
              </p>
            )}
            {a.status === 'open' &&
              mayWriteBudget(me, a.teamId) &&
              (reviewing === a.id ? (
                <ReviewForm
                  arrangement={a}
                  onClose={() => setReviewing(null)}
                  onDone={(message) => {
                    setReviewing(null);
                    onDone(message);
                  }}
                  onConflict={() => {
                    setReviewing(null);
                    onConflict();
                  }}
                />
              ) : (
                <ButtonGroup>
                  <Button onClick={() => setReviewing(a.id)}>
                    Afspraak toetsen
                    {showClient && a.clientDisplayName && (
                      <span className="koers-visually-hidden"> van {a.clientDisplayName}</span>
                    )}
                  </Button>
                </ButtonGroup>
              ))}
          </li>
        );
      })}
    </ul>
  );
}

/** The review: outcome (extend, stop, adjust), a note, and for extend/adjust the next review (a follow-up). */
function ReviewForm({
  arrangement,
  onClose,
  onDone,
  onConflict,
}: {
  arrangement: ArrangementView;
  onClose(): void;
  onDone(message: string): void;
  onConflict(): void;
}) {
  const today = todayIso();
  const [outcome, setOutcome] = useState<ArrangementOutcome | ''>('');
  const [note, setNote] = useState('');
  const [nextReviewDate, setNextReviewDate] = useState('');
  const [conditions, setConditions] = useState(arrangement.conditions);
  const [errors, setErrors] = useState<{
    outcome?: string;
    note?: string;
    next?: string;
    conditions?: string;
  }>({});
  const action = useAction(onConflict);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const goesOn = outcome === 'extend' || outcome === 'adjust';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!outcome) found.outcome = 'Kies de uitkomst van de toetsing.';
    const noteError = substantiveError(note, 'de toelichting');
    if (noteError) found.note = noteError;
    if (goesOn && nextReviewDate) {
      const dateError = futureDateError(nextReviewDate, today, 'de volgende toetsdatum');
      if (dateError) found.next = dateError;
    }
    if (outcome === 'adjust') {
      if (!nextReviewDate) found.next = 'Vul de volgende toetsdatum in: de aangepaste afspraak loopt door.';
      const conditionsError = substantiveError(conditions, 'de nieuwe voorwaarden');
      if (conditionsError) found.conditions = conditionsError;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() =>
        form.current
          ?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby] input')
          ?.focus(),
      );
      return;
    }
    const result = await action.run(() =>
      api<ArrangementView>(`/conditional-arrangements/${arrangement.id}/review`, {
        method: 'POST',
        body: {
          expectedVersion: arrangement.version,
          outcome,
          note: note.trim(),
          ...(goesOn && nextReviewDate ? { nextReviewDate } : {}),
          ...(outcome === 'adjust' ? { conditions: conditions.trim() } : {}),
        },
      }),
    );
    if (!result.ok) return;
    const who = arrangement.clientDisplayName ? ` van ${arrangement.clientDisplayName}` : '';
    onDone(
      `Afspraak${who} getoetst: ${ARRANGEMENT_OUTCOME_LABELS[outcome as ArrangementOutcome].toLowerCase()}.` +
        (goesOn && nextReviewDate ? ` Volgende toetsing op ${formatDate(nextReviewDate)}.` : ''),
    );
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="koers-budget-confirm koers-no-print">
      <ErrorAlert error={action.error} />
      <RadioGroup<ArrangementOutcome>
        legend="Uitkomst van de toetsing"
        name="outcome"
        value={outcome}
        onChange={setOutcome}
        error={errors.outcome}
        options={ARRANGEMENT_OUTCOMES.map((o) => ({
          value: o,
          label: ARRANGEMENT_OUTCOME_LABELS[o],
          hint: OUTCOME_HINTS[o],
        }))}
      />
      <FormField
        label="Toelichting"
        description="Bijvoorbeeld: cliënt ging 3 keer per week; abonnement twee maanden verlengen."
        error={errors.note}
      >
        {({ id, describedBy, invalid }) => (
          <TextArea
            id={id}
            aria-describedby={describedBy}
            invalid={invalid}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </FormField>
      {outcome === 'adjust' && (
        <FormField label="Nieuwe voorwaarden" error={errors.conditions}>
          {({ id, describedBy, invalid }) => (
            <TextArea
              id={id}
              aria-describedby={describedBy}
              invalid={invalid}
              rows={2}
              value={conditions}
              onChange={(e) => setConditions(e.target.value)}
            />
          )}
        </FormField>
      )}
      {goesOn && (
        <FormField
          label={outcome === 'adjust' ? 'Volgende toetsdatum' : 'Volgende toetsdatum (niet verplicht)'}
          description="Met een datum loopt de afspraak door in een nieuwe afspraak, met een nieuwe termijn."
          error={errors.next}
        >
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              type="date"
              aria-describedby={describedBy}
              invalid={invalid}
              min={today}
              max={addDays(today, MAX_DAYS_AHEAD)}
              value={nextReviewDate}
              onChange={(e) => setNextReviewDate(e.target.value)}
            />
          )}
        </FormField>
      )}
      <ButtonGroup>
        <Button type="submit" kind="primary" busy={action.busy}>
          Toetsing opslaan
        </Button>
        <Button kind="subtle" onClick={onClose}>
          Annuleren
        </Button>
      </ButtonGroup>
    </form>
  );
}

/**
 * A new conditional arrangement for one client (the client page): the conditions, the review date (a
 * condition_review deadline), and the client's spends it covers.
 */
export function ArrangementForm({
  clientId,
  spends,
  onCreated,
}: {
  clientId: string;
  spends: SpendView[];
  onCreated(message: string): void;
}) {
  const today = todayIso();
  const [conditions, setConditions] = useState('');
  const [reviewDate, setReviewDate] = useState(addDays(today, 60));
  const [spendIds, setSpendIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ conditions?: string; reviewDate?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const form = useRef<HTMLFormElement>(null);
  // Spends that may belong to it: this client's, not rejected or withdrawn, not already in an arrangement.
  const linkable = spends.filter(
    (s) => (s.status === 'requested' || s.status === 'approved') && s.arrangementId === null,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    const conditionsError = substantiveError(conditions, 'de voorwaarden');
    if (conditionsError) found.conditions = conditionsError;
    const dateError = futureDateError(reviewDate, today, 'de toetsdatum');
    if (dateError) found.reviewDate = dateError;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const result = await action.run(() =>
      api<ArrangementView>(`/clients/${clientId}/conditional-arrangements`, {
        method: 'POST',
        body: { conditions: conditions.trim(), reviewDate, ...(spendIds.length > 0 ? { spendIds } : {}) },
      }),
    );
    if (!result.ok) return;
    const message = `Voorwaardelijke afspraak vastgelegd; toetsing op ${formatDate(reviewDate)}.`;
    setDone(message);
    setConditions('');
    setSpendIds([]);
    onCreated(message);
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="koers-budget-form koers-no-print">
      <ErrorAlert error={action.error} />
      {done && <Alert kind="ok">{done}</Alert>}
      <FormField
        label="Voorwaarden"
        description="Waar de cliënt zich aan houdt en hoe dat wordt nagegaan, bijvoorbeeld: 2 à 3 keer per week sporten; de sportschool houdt de bezoeken bij."
        error={errors.conditions}
      >
        {({ id, describedBy, invalid }) => (
          <TextArea
            id={id}
            aria-describedby={describedBy}
            invalid={invalid}
            rows={3}
            value={conditions}
            onChange={(e) => {
              setConditions(e.target.value);
              setDone(null);
            }}
          />
        )}
      </FormField>
      <FormField label="Toetsdatum" error={errors.reviewDate}>
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            type="date"
            aria-describedby={describedBy}
            invalid={invalid}
            min={today}
            max={addDays(today, MAX_DAYS_AHEAD)}
            value={reviewDate}
            onChange={(e) => setReviewDate(e.target.value)}
          />
        )}
      </FormField>
      {linkable.length > 0 && (
        <Fieldset legend="Uitgaven die bij de afspraak horen">
          {linkable.map((s) => (
            <Checkbox
              key={s.id}
              label={`${s.categoryLabel}, ${formatCents(s.amountCents)} (${s.statusLabel.toLowerCase()}, ${formatDate(s.requestedAt)})`}
              checked={spendIds.includes(s.id)}
              onChange={(e) =>
                setSpendIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id)))
              }
            />
          ))}
        </Fieldset>
      )}
      <ButtonGroup>
        <Button type="submit" kind="primary" busy={action.busy}>
          Afspraak vastleggen
        </Button>
      </ButtonGroup>
    </form>
  );
}
