import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  ErrorAlert,
  FormField,
  Loading,
  Select,
  TextArea,
  TextInput,
} from '../ui/components';
import { formatCents, formatDate, todayIso } from '../ui/format';
import { useApi } from '../ui/use-api';
import {
  addDays,
  futureDateError,
  MAX_DAYS_AHEAD,
  parseEuros,
  SPEND_MAX_CENTS,
  substantiveError,
} from './budget-rules';
import {
  type ClientListItem,
  SPEND_CATEGORIES,
  SPEND_CATEGORY_LABELS,
  SPEND_KIND_LABELS,
  SPEND_KINDS,
  type SpendCategory,
  type SpendKind,
  type SpendView,
} from './budget-types';
import { RadioGroup } from './radio-group';
import { useAction } from './use-action';

const KIND_HINTS: Record<SpendKind, string> = {
  gift: 'De cliënt hoeft het bedrag niet terug te betalen.',
  loan: 'De cliënt betaalt het bedrag terug; terugbetalingen vloeien terug in het budget.',
  conditional_gift:
    'Alleen zolang de cliënt zich aan de voorwaarden houdt (bijvoorbeeld 2 à 3 keer per week sporten).',
};

type Field = 'client' | 'category' | 'amount' | 'conditions' | 'neededBy' | 'description';

interface Draft {
  clientId: string;
  category: SpendCategory | '';
  amount: string;
  kind: SpendKind;
  conditions: string;
  urgent: boolean;
  neededBy: string;
  description: string;
}

const EMPTY: Draft = {
  clientId: '',
  category: '',
  amount: '',
  kind: 'gift',
  conditions: '',
  urgent: false,
  neededBy: '',
  description: '',
};

/** What is wrong with the draft, per field, in Dutch (the API's rules: libs/budget spendRequestProblems). */
function problems(draft: Draft, today: string): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  if (!draft.clientId) found.client = 'Kies de cliënt voor wie de uitgave is.';
  if (!draft.category) found.category = 'Kies een categorie.';
  const amount = parseEuros(draft.amount, { maxCents: SPEND_MAX_CENTS });
  if (!amount.ok) found.amount = amount.error;
  if (draft.kind === 'conditional_gift') {
    const error = substantiveError(draft.conditions, 'de voorwaarden');
    if (error) found.conditions = error;
  }
  if (draft.urgent) {
    const error = futureDateError(draft.neededBy, today, 'de datum waarop het geld nodig is');
    if (error) found.neededBy = error;
  }
  const description = substantiveError(draft.description, 'de omschrijving');
  if (description) found.description = description;
  return found;
}

/**
 * "Nieuwe uitgave": a request for money from the casusoverleg's budget for one client (the chair or addiction
 * care). With `clientId` the client is fixed (the client page); without it the user picks one of the team's
 * clients. The chair decides on it afterwards (approve or reject), also when the chair made the request.
 */
export function SpendForm({
  teamId,
  clientId,
  onRequested,
}: {
  teamId: string;
  clientId?: string;
  onRequested(spend: SpendView): void;
}) {
  const clients = useApi<ClientListItem[]>(clientId ? null : '/clients');
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, clientId: clientId ?? '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const form = useRef<HTMLFormElement>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const today = todayIso();

  const teamClients = useMemo(
    () =>
      (clients.data ?? [])
        // A closed trajectory gets no new spends (the API refuses them): leave those clients out.
        .filter((c) => c.teamId === teamId && c.stage !== 'closed')
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl')),
    [clients.data, teamId],
  );

  // After a refused submit, the first field with a problem gets focus (its message is read with it).
  useEffect(() => {
    if (focusInvalid === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setDone(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problems(draft, today);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    const amount = parseEuros(draft.amount);
    if (!amount.ok) return;
    const result = await action.run(() =>
      api<SpendView>(`/clients/${draft.clientId}/spends`, {
        method: 'POST',
        body: {
          category: draft.category,
          amountCents: amount.cents,
          kind: draft.kind,
          description: draft.description.trim(),
          ...(draft.kind === 'conditional_gift' ? { conditions: draft.conditions.trim() } : {}),
          ...(draft.urgent ? { urgent: true, neededBy: draft.neededBy } : {}),
        },
      }),
    );
    if (!result.ok) return;
    const spend = result.value;
    const who = teamClients.find((c) => c.id === spend.clientId)?.displayName;
    setDone(
      `Aanvraag vastgelegd: ${SPEND_CATEGORY_LABELS[spend.category]}, ${formatCents(spend.amountCents)}` +
        `${who ? ` voor ${who}` : ''}${spend.urgent ? `, met spoed (nodig op ${formatDate(spend.neededBy)})` : ''}. ` +
        'De voorzitter beslist erover.',
    );
    setDraft({ ...EMPTY, clientId: clientId ?? '' });
    setErrors({});
    onRequested(spend);
  };

  if (!clientId && clients.loading && !clients.data) return <Loading what="Cliënten" />;
  if (!clientId && clients.error) return <ErrorAlert error={clients.error} />;

  const invalid = Object.keys(errors).length > 0;
  return (
    <form ref={form} onSubmit={submit} noValidate className="koers-budget-form koers-no-print">
      {invalid && (
        <Alert kind="error">De aanvraag is niet verstuurd. Verbeter de velden met een melding.</Alert>
      )}
      <ErrorAlert error={action.error} />
      {done && <Alert kind="ok">{done}</Alert>}
      {!clientId && (
        <FormField label="Cliënt" error={errors.client}>
          {({ id, describedBy, invalid: bad }) => (
            <Select
              id={id}
              aria-describedby={describedBy}
              invalid={bad}
              value={draft.clientId}
              onChange={(e) => set('clientId', e.target.value)}
              placeholder="Kies een cliënt"
              options={teamClients.map((c) => ({ value: c.id, label: `${c.displayName} (${c.stageLabel})` }))}
            />
          )}
        </FormField>
      )}
      <div className="koers-budget-form__row">
        <FormField label="Categorie" error={errors.category}>
          {({ id, describedBy, invalid: bad }) => (
            <Select
              id={id}
              aria-describedby={describedBy}
              invalid={bad}
              value={draft.category}
              onChange={(e) => set('category', e.target.value as SpendCategory)}
              placeholder="Kies een categorie"
              options={SPEND_CATEGORIES.map((c) => ({ value: c, label: SPEND_CATEGORY_LABELS[c] }))}
            />
          )}
        </FormField>
        <FormField label="Bedrag in euro’s" description="Bijvoorbeeld 450 of 1.250,50" error={errors.amount}>
          {({ id, describedBy, invalid: bad }) => (
            <TextInput
              id={id}
              aria-describedby={describedBy}
              invalid={bad}
              inputMode="decimal"
              autoComplete="off"
              className="koers-budget-amount"
              value={draft.amount}
              onChange={(e) => set('amount', e.target.value)}
            />
          )}
        </FormField>
      </div>
      <RadioGroup
        legend="Soort uitgave"
        name="kind"
        value={draft.kind}
        onChange={(kind) => set('kind', kind)}
        options={SPEND_KINDS.map((k) => ({ value: k, label: SPEND_KIND_LABELS[k], hint: KIND_HINTS[k] }))}
      />
      {draft.kind === 'conditional_gift' && (
        <FormField
          label="Voorwaarden"
          description="Waar de cliënt zich aan houdt, en hoe dat wordt nagegaan."
          error={errors.conditions}
        >
          {({ id, describedBy, invalid: bad }) => (
            <TextArea
              id={id}
              aria-describedby={describedBy}
              invalid={bad}
              rows={3}
              value={draft.conditions}
              onChange={(e) => set('conditions', e.target.value)}
            />
          )}
        </FormField>
      )}
      <Checkbox
        label="Spoed: het geld is op een vaste datum nodig"
        checked={draft.urgent}
        onChange={(e) => set('urgent', e.target.checked)}
      />
      {draft.urgent && (
        <FormField
          label="Nodig op"
          description="De voorzitter krijgt een termijn tot deze datum."
          error={errors.neededBy}
        >
          {({ id, describedBy, invalid: bad }) => (
            <TextInput
              id={id}
              type="date"
              aria-describedby={describedBy}
              invalid={bad}
              min={today}
              max={addDays(today, MAX_DAYS_AHEAD)}
              value={draft.neededBy}
              onChange={(e) => set('neededBy', e.target.value)}
            />
          )}
        </FormField>
      )}
      <FormField
        label="Omschrijving"
        description="Waarvoor het geld is en waarom het nodig is. Geen BSN of medische details."
        error={errors.description}
      >
        {({ id, describedBy, invalid: bad }) => (
          <TextArea
            id={id}
            aria-describedby={describedBy}
            invalid={bad}
            rows={3}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </FormField>
      <ButtonGroup>
        <Button type="submit" kind="primary" busy={action.busy}>
          Uitgave aanvragen
        </Button>
      </ButtonGroup>
    </form>
  );
}
