import { type FormEvent, useState } from 'react';
import { api } from '../../api/api-client';
import { Link, navigate, usePageTitle, useLocation } from '../../router';
import {
  Button,
  ButtonGroup,
  ErrorAlert,
  Fieldset,
  FormField,
  Heading,
  Loading,
  Paragraph,
  Select,
  TextInput,
} from '../../ui/components';
import { useApi } from '../../ui/use-api';
import {
  type AuditEntryView,
  type AuditPage,
  AuditTable,
  EVENT_LABELS,
  RESULT_LABELS,
  VerifyChain,
} from './audit-shared';
import './audit.css';

/** Rows per page: enough to read, short enough to scan; older ones on request. */
const PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = ['clientId', 'userId', 'from', 'to', 'event', 'result'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const filtersFrom = (query: URLSearchParams): Filters =>
  Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? ''])) as Filters;

const searchPath = (filters: Partial<Filters>) => {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]!);
  const search = params.toString();
  return `/toegangslog${search ? `?${search}` : ''}`;
};

function check(filters: Filters): Partial<Filters> {
  const errors: Partial<Filters> = {};
  if (filters.clientId && !UUID.test(filters.clientId.trim())) {
    errors.clientId = 'Vul een volledig cliëntnummer in, zoals 3f2b9c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f.';
  }
  if (filters.userId && !UUID.test(filters.userId.trim())) {
    errors.userId = 'Vul een volledig gebruikersnummer in, of kies “Alleen deze gebruiker” in de tabel.';
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'De einddatum ligt vóór de begindatum.';
  }
  return errors;
}

/** The results of one search, with older pages added below on request. */
function Results({ filters, onUser }: { filters: Filters; onUser(userId: string): void }) {
  const query = { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), limit: PAGE };
  const first = useApi<AuditPage>('/audit', query);
  const [older, setOlder] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (first.loading && !first.data) return <Loading what="Regels uit het toegangslog" />;
  if (first.error) return <ErrorAlert error={first.error} />;
  if (!first.data) return null;
  const items = [...first.data.items, ...older];
  const nextBefore = next === undefined ? first.data.nextBefore : next;

  const loadOlder = async () => {
    if (!nextBefore) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api<AuditPage>('/audit', { query: { ...query, before: nextBefore } });
      setOlder((current) => [...current, ...page.items]);
      setNext(page.nextBefore);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (items.length === 0) return <Paragraph>Geen regels gevonden met deze filters.</Paragraph>;
  return (
    <>
      <p className="utrecht-paragraph" role="status">
        {items.length} {items.length === 1 ? 'regel' : 'regels'} getoond
        {nextBefore ? '; er zijn oudere regels' : ''}.
      </p>
      <AuditTable
        caption="Toegang tot cliëntgegevens, de meest recente bovenaan"
        items={items}
        onUser={(user) => onUser(user.id)}
      />
      <ErrorAlert error={error} />
      {nextBefore && (
        <ButtonGroup>
          <Button kind="secondary" busy={busy} onClick={() => void loadOlder()}>
            Oudere regels tonen
          </Button>
        </ButtonGroup>
      )}
    </>
  );
}

/**
 * The privacy officer's access log (issue 5/6): who read, searched, exported or changed which client's data, when,
 * and whether it was allowed. Client ids only, never names. Filters live in the address, so a search can be shared.
 */
export function AccessLogPage() {
  usePageTitle('Toegangslog');
  const { query } = useLocation();
  const applied = filtersFrom(query);
  const [fields, setFields] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  const set = (key: keyof Filters) => (value: string) =>
    setFields((current) => ({ ...current, [key]: value }));

  const search = (event: FormEvent) => {
    event.preventDefault();
    const found = check(fields);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const trimmed = Object.fromEntries(FILTERS.map((k) => [k, fields[k].trim()])) as Filters;
    navigate(searchPath(trimmed));
  };
  const clear = () => {
    const empty = filtersFrom(new URLSearchParams());
    setFields(empty);
    setErrors({});
    navigate('/toegangslog');
  };
  const onlyUser = (userId: string) => {
    const next = { ...applied, userId };
    setFields(next);
    navigate(searchPath(next));
  };

  const textField = (key: 'clientId' | 'userId', label: string, description: string) => (
    <FormField label={label} description={description} error={errors[key]}>
      {({ id, describedBy, invalid }) => (
        <TextInput
          id={id}
          value={fields[key]}
          onChange={(e) => set(key)(e.target.value)}
          aria-describedby={describedBy}
          invalid={invalid}
          autoComplete="off"
          spellCheck={false}
          className="koers-uuid-input"
        />
      )}
    </FormField>
  );
  const dateField = (key: 'from' | 'to', label: string) => (
    <FormField label={label} error={errors[key]}>
      {({ id, describedBy, invalid }) => (
        <TextInput
          id={id}
          type="date"
          value={fields[key]}
          onChange={(e) => set(key)(e.target.value)}
          aria-describedby={describedBy}
          invalid={invalid}
        />
      )}
    </FormField>
  );
  const selectField = (key: 'event' | 'result', label: string, labels: Record<string, string>) => (
    <FormField label={label}>
      {({ id }) => (
        <Select
          id={id}
          value={fields[key]}
          onChange={(e) => set(key)(e.target.value)}
          placeholder="Alle"
          options={Object.entries(labels).map(([value, text]) => ({ value, label: text }))}
        />
      )}
    </FormField>
  );

  return (
    <div className="koers-audit">
      <div className="koers-audit-head">
        <div>
          <Heading level={1}>Toegangslog</Heading>
          <Paragraph lead>
            Elke inzage en wijziging van cliëntgegevens: wie, welke cliënt, welke gegevens, wanneer, en of het
            was toegestaan. U ziet cliëntnummers, geen namen of andere cliëntgegevens.
          </Paragraph>
        </div>
        <VerifyChain />
      </div>

      <form onSubmit={search} noValidate className="koers-panel koers-audit-filters" role="search">
        <Fieldset legend="Zoeken in het toegangslog">
          <div className="koers-form-row">
            {textField('clientId', 'Cliëntnummer', 'Het volledige nummer van de cliënt.')}
            {textField('userId', 'Gebruikersnummer', 'Of kies een gebruiker in de resultaten.')}
          </div>
          <div className="koers-form-row">
            {dateField('from', 'Vanaf')}
            {dateField('to', 'Tot en met')}
            {selectField('event', 'Handeling', EVENT_LABELS)}
            {selectField('result', 'Resultaat', RESULT_LABELS)}
          </div>
          <ButtonGroup>
            <Button kind="primary" type="submit">
              Zoeken
            </Button>
            <Button kind="secondary" onClick={clear}>
              Filters wissen
            </Button>
          </ButtonGroup>
        </Fieldset>
      </form>

      {applied.clientId && UUID.test(applied.clientId) && (
        <Paragraph>
          <Link href={`/toegangslog/clienten/${applied.clientId}`}>
            Wie heeft het dossier van deze cliënt bekeken? Bekijk het overzicht per gebruiker.
          </Link>
        </Paragraph>
      )}
      <Heading level={2}>Resultaten</Heading>
      <Results key={JSON.stringify(applied)} filters={applied} onUser={onlyUser} />
    </div>
  );
}
