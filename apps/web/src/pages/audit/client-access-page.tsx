import { useState } from 'react';
import { Link, usePageTitle } from '../../router';
import { Button, ButtonGroup, ErrorAlert, Heading, Loading, Paragraph, Table } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import {
  type AuditEntryView,
  AuditTable,
  categoriesText,
  EVENT_LABELS,
  partyLabel,
  VerifyChain,
} from './audit-shared';
import './audit.css';

interface ClientReadersView {
  clientId: string;
  readers: {
    user: { id: string; displayName: string | null } | null;
    partyKind: string | null;
    accesses: number;
    refused: number;
    firstAt: string;
    lastAt: string;
    events: string[];
    categories: string[];
  }[];
  recent: AuditEntryView[];
}

const FIRST = 15;

/** "Wie heeft dit dossier bekeken": everyone who read or changed one client's data, per user (issue 5). */
export function ClientAccessPage({ id }: { id: string }) {
  usePageTitle('Wie heeft dit dossier bekeken');
  const { data, error, loading } = useApi<ClientReadersView>(`/audit/clients/${id}`);
  const [showAll, setShowAll] = useState(false);
  const recent = showAll ? (data?.recent ?? []) : (data?.recent ?? []).slice(0, FIRST);

  return (
    <div className="koers-audit">
      <p className="utrecht-paragraph koers-breadcrumb">
        <Link href="/toegangslog">Toegangslog</Link>
      </p>
      <div className="koers-audit-head">
        <div>
          <Heading level={1}>Wie heeft dit dossier bekeken</Heading>
          <Paragraph lead>
            Cliëntnummer <code className="koers-code">{id}</code>. Iedereen die gegevens van deze cliënt heeft
            ingezien, gezocht, geëxporteerd of gewijzigd, of dat heeft geprobeerd.
          </Paragraph>
        </div>
        <VerifyChain />
      </div>
      {loading && !data && <Loading what="Het overzicht" />}
      <ErrorAlert error={error} />
      {data && (
        <>
          {data.readers.length === 0 ? (
            <Paragraph>Niemand heeft de gegevens van deze cliënt ingezien.</Paragraph>
          ) : (
            <Table caption="Per gebruiker, de meest recente toegang bovenaan">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  {[
                    'Gebruiker',
                    'Partij',
                    'Inzagen',
                    'Geweigerd',
                    'Eerste keer',
                    'Laatste keer',
                    'Handelingen',
                    'Gegevens',
                  ].map((label) => (
                    <th key={label} scope="col" className="utrecht-table__header-cell">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.readers.map((reader) => (
                  <tr
                    key={`${reader.user?.id ?? 'anonymous'}-${reader.partyKind}`}
                    className="utrecht-table__row"
                  >
                    <th scope="row" className="utrecht-table__header-cell">
                      {reader.user ? (
                        <Link href={`/toegangslog?clientId=${data.clientId}&userId=${reader.user.id}`}>
                          {reader.user.displayName ?? 'Onbekende gebruiker'}
                        </Link>
                      ) : (
                        'Niet ingelogd'
                      )}
                    </th>
                    <td className="utrecht-table__cell">{partyLabel(reader.partyKind)}</td>
                    <td className="utrecht-table__cell koers-numeric">{reader.accesses}</td>
                    <td className="utrecht-table__cell koers-numeric">{reader.refused}</td>
                    <td className="utrecht-table__cell">{formatDateTime(reader.firstAt)}</td>
                    <td className="utrecht-table__cell">{formatDateTime(reader.lastAt)}</td>
                    <td className="utrecht-table__cell">
                      {reader.events.map((e) => EVENT_LABELS[e] ?? e).join(', ')}
                    </td>
                    <td className="utrecht-table__cell">{categoriesText(reader.categories)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {data.recent.length > 0 && (
            <>
              <Heading level={2}>Recente toegang</Heading>
              <AuditTable
                caption={`De laatste ${recent.length} regels over deze cliënt`}
                items={recent}
                showClients={false}
              />
              {!showAll && data.recent.length > FIRST && (
                <ButtonGroup>
                  <Button kind="secondary" onClick={() => setShowAll(true)}>
                    Alle {data.recent.length} recente regels tonen
                  </Button>
                </ButtonGroup>
              )}
              <Paragraph>
                <Link href={`/toegangslog?clientId=${data.clientId}`}>
                  Alle regels over deze cliënt in het toegangslog
                </Link>
              </Paragraph>
            </>
          )}
        </>
      )}
    </div>
  );
}
