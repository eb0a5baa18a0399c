import { useState } from 'react';
import { PARTY_LABELS, type Party } from '@koers/machines/trajectory';
import { api } from '../../api/api-client';
import { Link } from '../../router';
import { Alert, Button, ErrorAlert, StatusBadge, Table } from '../../ui/components';

/** The shapes of libs/audit's answers (GET /api/audit, /api/audit/clients/:id, /api/audit/verify). */
export interface AuditEntryView {
  id: string;
  occurredAt: string;
  event: string;
  clientIds: string[];
  user: { id: string; displayName: string | null } | null;
  partyId: string | null;
  partyKind: string | null;
  responsibleUserId: string | null;
  accessPoint: string;
  categories: string[];
  result: string;
  status: number;
  requestId: string;
}

export interface AuditPage {
  items: AuditEntryView[];
  nextBefore: string | null;
}

export interface ChainVerification {
  ok: boolean;
  rows: number;
  firstBrokenId?: string;
  reason?: 'sequence' | 'link' | 'hash';
  headHash: string;
}

export const EVENT_LABELS: Record<string, string> = {
  read: 'Inzien',
  search: 'Zoeken',
  export: 'Exporteren',
  write: 'Vastleggen of wijzigen',
  audit: 'Toegangslog geraadpleegd',
};

export const RESULT_LABELS: Record<string, string> = {
  ok: 'Toegestaan',
  refused: 'Geweigerd',
  error: 'Fout',
};

/** As libs/access DATA_CATEGORY_LABELS (the web app does not load the server's libraries). */
export const CATEGORY_LABELS: Record<string, string> = {
  identity: 'Identiteit en fase',
  trajectory: 'Traject',
  health: 'Gezondheid en behandeling',
  justice: 'Justitie en politie',
  housing: 'Wonen',
  finances: 'Financiën',
  budget: 'Budget',
};

/** What a user did there, in the privacy officer's words; the route itself is shown beneath. */
const ACCESS_POINT_LABELS: Record<string, string> = {
  'GET /api/board': 'Bord bekeken',
  'GET /api/clients': 'Cliëntenlijst bekeken',
  'POST /api/clients': 'Signaal geregistreerd',
  'GET /api/clients/:id': 'Cliëntpagina bekeken',
  'POST /api/clients/:id/events': 'Gebeurtenis in het traject vastgelegd',
  'GET /api/clients/:id/actions': 'Acties van de cliënt bekeken',
  'GET /api/clients/:id/intake': 'Inbreng voor een nieuwe casus bekeken',
  'PUT /api/clients/:id/intake': 'Inbreng voor een nieuwe casus vastgelegd',
  'GET /api/notifications': 'Inbox bekeken',
  'GET /api/meetings/:id': 'Vergadering bekeken',
  'GET /api/meetings/:id/agenda': 'Agenda bekeken',
  'PUT /api/meetings/:id/agenda': 'Agenda aangepast',
  'POST /api/meetings/:id/agenda/items': 'Cliënt aan de agenda toegevoegd',
  'POST /api/meetings/:id/clients/:clientId/notes': 'Notitie in een vergadering',
  'POST /api/meetings/:id/clients/:clientId/decisions': 'Besluit in een vergadering',
  'POST /api/meetings/:id/clients/:clientId/actions': 'Actie afgesproken in een vergadering',
  'POST /api/meetings/:id/hold': 'Vergadering vastgelegd als gehouden',
  'GET /api/meetings/:id/minutes': 'Verslag gedownload',
  'POST /api/actions/:id/done': 'Actie afgerond',
};

const BREAK_REASONS: Record<string, string> = {
  sequence: 'er ontbreekt een regel of er is een regel tussengevoegd',
  link: 'de regel verwijst niet naar de regel ervoor',
  hash: 'de inhoud van de regel is gewijzigd',
};

export const partyLabel = (kind: string | null) =>
  kind ? (PARTY_LABELS[kind as Party] ?? kind) : 'Onbekende partij';

export const categoriesText = (categories: string[]) =>
  categories.length === 0 ? '—' : categories.map((c) => CATEGORY_LABELS[c] ?? c).join(', ');

export function ResultBadge({ result }: { result: string }) {
  const kind = result === 'ok' ? 'safe' : result === 'refused' ? 'danger' : 'warning';
  return <StatusBadge kind={kind}>{RESULT_LABELS[result] ?? result}</StatusBadge>;
}

/** Client ids only (the privacy officer sees no client data): each links to that client's access report. */
export function ClientIdLinks({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <>—</>;
  const shown = ids.slice(0, 3);
  return (
    <span className="koers-client-ids">
      {shown.map((id) => (
        <Link key={id} href={`/toegangslog/clienten/${id}`} className="koers-client-id">
          <span className="koers-visually-hidden">Cliënt </span>
          {id.slice(0, 8)}
        </Link>
      ))}
      {ids.length > shown.length && <span className="koers-hint">en {ids.length - shown.length} meer</span>}
    </span>
  );
}

const shortDateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The access-log rows as a table; `onUser` offers to filter on a user; `showClients` lists the clients named. */
export function AuditTable({
  caption,
  items,
  onUser,
  showClients = true,
}: {
  caption: string;
  items: AuditEntryView[];
  onUser?: (user: { id: string; displayName: string | null }) => void;
  showClients?: boolean;
}) {
  const columns = [
    'Tijdstip',
    'Gebruiker',
    'Handeling',
    'Gegevens',
    ...(showClients ? ['Cliënten'] : []),
    'Resultaat',
  ];
  return (
    <Table caption={caption}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          {columns.map((label) => (
            <th key={label} scope="col" className="utrecht-table__header-cell">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {items.map((entry) => (
          <tr key={entry.id} className="utrecht-table__row">
            <th scope="row" className="utrecht-table__header-cell koers-audit__time">
              {shortDateTime.format(new Date(entry.occurredAt))}
            </th>
            <td className="utrecht-table__cell koers-audit__user">
              {entry.user ? (
                <>
                  <span className="koers-block">{entry.user.displayName ?? 'Onbekende gebruiker'}</span>
                  <span className="koers-hint koers-block">{partyLabel(entry.partyKind)}</span>
                  {onUser && (
                    <button type="button" className="koers-link-button" onClick={() => onUser(entry.user!)}>
                      Alleen deze gebruiker
                      <span className="koers-visually-hidden"> tonen: {entry.user.displayName}</span>
                    </button>
                  )}
                </>
              ) : (
                'Niet ingelogd'
              )}
            </td>
            <td className="utrecht-table__cell koers-audit__what">
              <span className="koers-block">
                {ACCESS_POINT_LABELS[entry.accessPoint] ?? EVENT_LABELS[entry.event] ?? entry.event}
              </span>
              <code className="koers-code koers-hint">{entry.accessPoint}</code>
            </td>
            <td className="utrecht-table__cell">{categoriesText(entry.categories)}</td>
            {showClients && (
              <td className="utrecht-table__cell">
                <ClientIdLinks ids={entry.clientIds} />
              </td>
            )}
            <td className="utrecht-table__cell koers-nowrap">
              <ResultBadge result={entry.result} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Recomputes the access log's hash chain on the server and says whether it is intact. */
export function VerifyChain() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ChainVerification | null>(null);
  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<ChainVerification>('/audit/verify'));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const rows = (n: number) => `${n.toLocaleString('nl-NL')} ${n === 1 ? 'regel' : 'regels'}`;
  return (
    <div className="koers-verify">
      <Button kind="secondary" busy={busy} onClick={() => void verify()}>
        Keten controleren
      </Button>
      <ErrorAlert error={error} />
      {result &&
        (result.ok ? (
          <Alert kind="ok">
            De keten is intact: {rows(result.rows)} gecontroleerd, geen regel gewijzigd, verwijderd of
            tussengevoegd. Controlegetal van de laatste regel:{' '}
            <code className="koers-code koers-hash">{result.headHash}</code>
          </Alert>
        ) : (
          <Alert kind="error">
            De keten is verbroken bij regel {result.firstBrokenId}:{' '}
            {BREAK_REASONS[result.reason ?? ''] ?? 'de regel volgt niet uit de regel ervoor'}. Meld dit als
            beveiligingsincident. {rows(result.rows)} gecontroleerd.
          </Alert>
        ))}
    </div>
  );
}
