import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { Alert, Button, ButtonGroup, ErrorAlert, FormField, TextArea } from '../ui/components';
import { formatCents } from '../ui/format';
import { substantiveError } from './budget-rules';
import type { SpendView } from './budget-types';
import { refusalCode, useAction } from './use-action';

type Mode = 'approve' | 'reject' | 'cancel';

const CONFIRM: Record<Mode, string> = {
  approve: 'Bevestig goedkeuring',
  reject: 'Bevestig afwijzing',
  cancel: 'Bevestig intrekken',
};

/** The API's over-budget refusal names its field (overBudgetReason); the form asks for it in words instead. */
const withoutFieldNames = (message: string) => message.replace(/\s*\(overBudgetReason\)/g, '');

/**
 * The chair's decision on a requested spend: approve (optionally with a note; beyond what remains of the year's
 * budget only with a reason, which the API asks for with 422 `over_budget`) or reject with a reason; and the
 * requester's or chair's withdrawal. Each asks for confirmation first. A 409 reloads the list (`onConflict`).
 */
export function SpendDecision({
  spend,
  clientName,
  mayDecide,
  mayCancel,
  onDone,
  onConflict,
}: {
  spend: SpendView;
  clientName?: string;
  mayDecide: boolean;
  mayCancel: boolean;
  onDone(message: string, spend: SpendView): void;
  onConflict(): void;
}) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [text, setText] = useState('');
  const [overBudgetReason, setOverBudgetReason] = useState('');
  const [overBudget, setOverBudget] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ text?: string; overBudget?: string }>({});
  // Someone else decided first: close, and let the list reload and say so (this spend may be gone from it).
  const action = useAction(() => {
    setMode(null);
    onConflict();
  });
  const panel = useRef<HTMLFormElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const headingId = useId();

  useEffect(() => {
    if (mode) panel.current?.querySelector<HTMLElement>('textarea')?.focus();
  }, [mode]);
  useEffect(() => {
    if (overBudget) panel.current?.querySelector<HTMLElement>('textarea[data-over-budget]')?.focus();
  }, [overBudget]);

  if (!mayDecide && !mayCancel) return null;
  const what = `${spend.categoryLabel} van ${formatCents(spend.amountCents)}${clientName ? ` voor ${clientName}` : ''}`;

  const open = (next: Mode, button: HTMLButtonElement) => {
    opener.current = button;
    setMode(next);
    setText('');
    setOverBudgetReason('');
    setOverBudget(null);
    setErrors({});
    action.setError(null);
  };
  const close = () => {
    setMode(null);
    // Back to the button that opened the confirmation, so keyboard users keep their place.
    requestAnimationFrame(() => opener.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!mode) return;
    const found: typeof errors = {};
    if (mode === 'approve') {
      if (text.trim()) found.text = substantiveError(text, 'de toelichting') ?? undefined;
      if (overBudget) found.overBudget = substantiveError(overBudgetReason, 'de reden') ?? undefined;
    } else {
      found.text = substantiveError(text, 'de reden') ?? undefined;
    }
    setErrors(found);
    if (found.text || found.overBudget) {
      panel.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body =
      mode === 'approve'
        ? {
            expectedVersion: spend.version,
            ...(text.trim() ? { note: text.trim() } : {}),
            ...(overBudget ? { overBudgetReason: overBudgetReason.trim() } : {}),
          }
        : { expectedVersion: spend.version, reason: text.trim() };
    const result = await action.run(() =>
      api<SpendView>(`/spends/${spend.id}/${mode}`, { method: 'POST', body }),
    );
    if (!result.ok) {
      if (refusalCode(result.error) === 'over_budget') {
        action.setError(null);
        setOverBudget(withoutFieldNames((result.error as Error).message));
      }
      return;
    }
    setMode(null);
    onDone(
      mode === 'approve'
        ? `Goedgekeurd: ${what}.${overBudget ? ' Goedgekeurd boven het budget, met reden.' : ''}`
        : mode === 'reject'
          ? `Afgewezen: ${what}.`
          : `Ingetrokken: ${what}.`,
      result.value,
    );
  };

  return (
    <div className="koers-budget-decision">
      {!mode && (
        <ButtonGroup>
          {mayDecide && (
            <>
              <Button kind="primary" onClick={(e) => open('approve', e.currentTarget)}>
                Goedkeuren
              </Button>
              <Button onClick={(e) => open('reject', e.currentTarget)}>Afwijzen</Button>
            </>
          )}
          {mayCancel && (
            <Button kind="subtle" onClick={(e) => open('cancel', e.currentTarget)}>
              Intrekken
            </Button>
          )}
        </ButtonGroup>
      )}
      {mode && (
        <form
          ref={panel}
          onSubmit={submit}
          noValidate
          className="koers-budget-confirm"
          aria-labelledby={headingId}
        >
          <p id={headingId} className="koers-budget-confirm__question">
            {mode === 'approve'
              ? `${what} goedkeuren? Het resterende budget daalt met ${formatCents(spend.amountCents)}.`
              : mode === 'reject'
                ? `${what} afwijzen?`
                : `Aanvraag ${what} intrekken?`}
          </p>
          <ErrorAlert error={action.error} />
          <FormField
            label={mode === 'approve' ? 'Toelichting (niet verplicht)' : 'Reden'}
            description={
              mode === 'reject'
                ? 'De aanvrager ziet deze reden.'
                : mode === 'approve'
                  ? 'Bijvoorbeeld hoe en wanneer er wordt betaald.'
                  : undefined
            }
            error={errors.text}
          >
            {({ id, describedBy, invalid }) => (
              <TextArea
                id={id}
                aria-describedby={describedBy}
                invalid={invalid}
                rows={2}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </FormField>
          {overBudget && (
            <>
              <Alert kind="warning">{overBudget}</Alert>
              <FormField
                label="Reden om boven het budget goed te keuren"
                description="Waarom dit niet kan wachten, en waaruit het tekort wordt gedekt. Dit wordt vastgelegd."
                error={errors.overBudget}
              >
                {({ id, describedBy, invalid }) => (
                  <TextArea
                    id={id}
                    data-over-budget
                    aria-describedby={describedBy}
                    invalid={invalid}
                    rows={2}
                    value={overBudgetReason}
                    onChange={(e) => setOverBudgetReason(e.target.value)}
                  />
                )}
              </FormField>
            </>
          )}
          <ButtonGroup>
            <Button type="submit" kind={mode === 'approve' ? 'primary' : 'danger'} busy={action.busy}>
              {overBudget ? 'Goedkeuren boven budget' : CONFIRM[mode]}
            </Button>
            <Button kind="subtle" onClick={close}>
              Annuleren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </div>
  );
}
