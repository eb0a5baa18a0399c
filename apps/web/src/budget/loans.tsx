import { type FormEvent, Fragment, useEffect, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { useMe } from '../auth/session';
import { Link } from '../router';
import {
  Button,
  ButtonGroup,
  ErrorAlert,
  FormField,
  Paragraph,
  Table,
  TextArea,
  TextInput,
} from '../ui/components';
import { formatCents, formatDate, todayIso } from '../ui/format';
import { isBudgetHolder, mayWriteBudget, parseEuros, pastDateError, substantiveError } from './budget-rules';
import type { SpendView, TeamSpendView } from './budget-types';
import { LoanStatusBadge } from './spend-display';
import { useAction } from './use-action';

type Mode = 'repay' | 'write-off';

/**
 * Approved loans with their repayment status: what was lent, repaid and is still owed. The chair and addiction
 * care record a repayment (it flows back into the budget); the chair writes off what is left, with a reason.
 */
export function Loans({
  spends,
  showClient = true,
  onDone,
  onConflict,
}: {
  spends: TeamSpendView[];
  showClient?: boolean;
  onDone(message: string): void;
  onConflict(): void;
}) {
  const me = useMe();
  const [open, setOpen] = useState<{ id: string; mode: Mode } | null>(null);
  const loans = spends.filter((s) => s.kind === 'loan' && s.status === 'approved' && s.loan);
  if (loans.length === 0) return <Paragraph>Er zijn geen goedgekeurde leningen.</Paragraph>;
  const columns = showClient ? 7 : 6;
  return (
    <div className="koers-budget-wide">
      <Table caption="Leningen en terugbetaling">
        <thead>
          <tr>
            {showClient && <th scope="col">Cliënt</th>}
            <th scope="col">Lening</th>
            <th scope="col" className="utrecht-table__header-cell--numeric-column">
              Bedrag
            </th>
            <th scope="col" className="utrecht-table__header-cell--numeric-column">
              Terugbetaald
            </th>
            <th scope="col" className="utrecht-table__header-cell--numeric-column">
              Nog open
            </th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="koers-visually-hidden">Acties</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {loans.map((spend) => {
            const loan = spend.loan!;
            const owed = loan.outstandingCents > 0;
            const canRepay = owed && mayWriteBudget(me, spend.teamId);
            const canWriteOff = owed && isBudgetHolder(me, spend.teamId);
            const here = open?.id === spend.id ? open.mode : null;
            return (
              <Fragment key={spend.id}>
                <tr>
                  {showClient && (
                    <td className="koers-budget-nowrap">
                      <Link href={`/clienten/${spend.clientId}`}>{spend.clientDisplayName}</Link>
                    </td>
                  )}
                  <td>
                    <span className="koers-budget-strong">{spend.categoryLabel}</span>
                    <span className="koers-budget-reason">
                      Goedgekeurd op {formatDate(spend.approvedAt)}
                      {loan.repayments.length > 0 &&
                        ` · laatste terugbetaling ${formatDate(loan.repayments[loan.repayments.length - 1].paidOn)}`}
                    </span>
                    {loan.writeOffReason && (
                      <span className="koers-budget-reason">Kwijtgescholden: {loan.writeOffReason}</span>
                    )}
                  </td>
                  <td className="utrecht-table__cell--numeric-column koers-budget-nowrap">
                    {formatCents(spend.amountCents)}
                  </td>
                  <td className="utrecht-table__cell--numeric-column koers-budget-nowrap">
                    {formatCents(loan.repaidCents)}
                  </td>
                  <td className="utrecht-table__cell--numeric-column koers-budget-nowrap koers-budget-strong">
                    {formatCents(loan.outstandingCents)}
                  </td>
                  <td>
                    <LoanStatusBadge loan={loan} />
                  </td>
                  <td>
                    {(canRepay || canWriteOff) && !here && (
                      <ButtonGroup>
                        {canRepay && (
                          <Button onClick={() => setOpen({ id: spend.id, mode: 'repay' })}>
                            Terugbetaling vastleggen
                            <span className="koers-visually-hidden">
                              {showClient ? ` voor ${spend.clientDisplayName}` : ''}
                            </span>
                          </Button>
                        )}
                        {canWriteOff && (
                          <Button kind="subtle" onClick={() => setOpen({ id: spend.id, mode: 'write-off' })}>
                            Kwijtschelden
                            <span className="koers-visually-hidden">
                              {showClient ? ` voor ${spend.clientDisplayName}` : ''}
                            </span>
                          </Button>
                        )}
                      </ButtonGroup>
                    )}
                  </td>
                </tr>
                {here && (
                  <tr className="koers-budget-inline-row">
                    <td colSpan={columns}>
                      <LoanForm
                        spend={spend}
                        mode={here}
                        onClose={() => setOpen(null)}
                        onDone={(message) => {
                          setOpen(null);
                          onDone(message);
                        }}
                        onConflict={() => {
                          setOpen(null);
                          onConflict();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

/** A repayment (amount, the day it was paid) or a write-off (a reason) on one loan. */
function LoanForm({
  spend,
  mode,
  onClose,
  onDone,
  onConflict,
}: {
  spend: TeamSpendView;
  mode: Mode;
  onClose(): void;
  onDone(message: string): void;
  onConflict(): void;
}) {
  const today = todayIso();
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; paidOn?: string; reason?: string }>({});
  const action = useAction(onConflict);
  const form = useRef<HTMLFormElement>(null);
  const outstanding = spend.loan!.outstandingCents;
  const approvedOn = spend.approvedAt ? spend.approvedAt.slice(0, 10) : undefined;

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    const parsed = parseEuros(amount, { maxCents: outstanding });
    if (mode === 'repay') {
      if (!parsed.ok) {
        found.amount = parsed.error.replace(
          'Het bedrag is te hoog: hoogstens',
          'Dat is meer dan er nog openstaat:',
        );
      }
      const dateError = pastDateError(paidOn, today, 'de datum van betaling');
      if (dateError) found.paidOn = dateError;
    } else {
      const reasonError = substantiveError(reason, 'de reden');
      if (reasonError) found.reason = reasonError;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const result = await action.run(() =>
      mode === 'repay'
        ? api<SpendView>(`/spends/${spend.id}/repayments`, {
            method: 'POST',
            body: { expectedVersion: spend.version, amountCents: parsed.ok ? parsed.cents : 0, paidOn },
          })
        : api<SpendView>(`/spends/${spend.id}/write-off`, {
            method: 'POST',
            body: { expectedVersion: spend.version, reason: reason.trim() },
          }),
    );
    if (!result.ok) return;
    const who = spend.clientDisplayName ? ` van ${spend.clientDisplayName}` : '';
    onDone(
      mode === 'repay'
        ? `Terugbetaling van ${formatCents(parsed.ok ? parsed.cents : 0)} vastgelegd op de lening${who}. ` +
            `Nog open: ${formatCents(result.value.loan?.outstandingCents ?? 0)}.`
        : `Het restant van de lening${who} is kwijtgescholden.`,
    );
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="koers-budget-confirm koers-no-print">
      <p className="koers-budget-confirm__question">
        {mode === 'repay'
          ? `Terugbetaling vastleggen op de lening van ${formatCents(spend.amountCents)}. Nog open: ${formatCents(outstanding)}.`
          : `Het restant van ${formatCents(outstanding)} kwijtschelden? Dit kan niet ongedaan worden gemaakt.`}
      </p>
      <ErrorAlert error={action.error} />
      {mode === 'repay' ? (
        <div className="koers-budget-form__row">
          <FormField label="Terugbetaald bedrag in euro’s" error={errors.amount}>
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
          <FormField label="Betaald op" error={errors.paidOn}>
            {({ id, describedBy, invalid }) => (
              <TextInput
                id={id}
                type="date"
                aria-describedby={describedBy}
                invalid={invalid}
                min={approvedOn}
                max={today}
                value={paidOn}
                onChange={(e) => setPaidOn(e.target.value)}
              />
            )}
          </FormField>
        </div>
      ) : (
        <FormField label="Reden van kwijtschelding" error={errors.reason}>
          {({ id, describedBy, invalid }) => (
            <TextArea
              id={id}
              aria-describedby={describedBy}
              invalid={invalid}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </FormField>
      )}
      <ButtonGroup>
        <Button type="submit" kind={mode === 'repay' ? 'primary' : 'danger'} busy={action.busy}>
          {mode === 'repay' ? 'Terugbetaling opslaan' : 'Bevestig kwijtschelding'}
        </Button>
        <Button kind="subtle" onClick={onClose}>
          Annuleren
        </Button>
      </ButtonGroup>
    </form>
  );
}
