import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { Button, ButtonGroup, ErrorAlert, FormField, TextInput } from '../ui/components';
import { formatCents } from '../ui/format';
import { BUDGET_MAX_CENTS, centsToInput, parseEuros } from './budget-rules';
import { useAction } from './use-action';

/**
 * The chair (budget holder) sets the casusoverleg's budget for a year; lowering it below what was spent is allowed.
 * The page says it was saved (`onSaved`) and reloads the overview.
 */
export function YearBudgetForm({
  teamId,
  year,
  currentCents,
  onSaved,
}: {
  teamId: string;
  year: number;
  currentCents: number | null;
  onSaved(message: string): void;
}) {
  const [amount, setAmount] = useState(currentCents === null ? '' : centsToInput(currentCents));
  const [error, setError] = useState<string | null>(null);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEuros(amount, { allowZero: true, maxCents: BUDGET_MAX_CENTS });
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const result = await action.run(() =>
      api(`/teams/${teamId}/budget/${year}`, { method: 'PUT', body: { amountCents: parsed.cents } }),
    );
    if (!result.ok) return;
    onSaved(`Het jaarbudget ${year} is vastgesteld op ${formatCents(parsed.cents)}.`);
  };

  return (
    <form onSubmit={submit} noValidate className="koers-budget-form koers-no-print">
      <ErrorAlert error={action.error} />
      <FormField
        label={`Jaarbudget ${year} in euro’s`}
        description={
          currentCents === null
            ? 'Er is nog geen budget vastgesteld voor dit jaar.'
            : `Nu: ${formatCents(currentCents)}. Bijvoorbeeld 15.000 of 15000,00.`
        }
        error={error}
      >
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            aria-describedby={describedBy}
            invalid={invalid}
            inputMode="decimal"
            autoComplete="off"
            className="koers-budget-amount"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </FormField>
      <ButtonGroup>
        <Button type="submit" busy={action.busy}>
          Jaarbudget opslaan
        </Button>
      </ButtonGroup>
    </form>
  );
}
