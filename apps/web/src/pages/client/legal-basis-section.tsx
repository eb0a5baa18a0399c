/**
 * "Grondslag": the legal basis on which the casusoverleg shares data about this client (domain.md §8), who recorded
 * it, when and with which scope or justification, what it allows to be shared, and every earlier basis. Without a
 * basis (`none`) it says what that means and, for the chair, offers to record a covenant.
 */
import { EVENT_LABELS, partyLabel } from '../../trajectory/labels';
import { Alert, Button, Heading, Paragraph, StatusBadge } from '../../ui/components';
import { formatDate, formatDateTime } from '../../ui/format';
import { DATA_CATEGORY_LABELS, type DataCategory } from './client-access';

export type LegalBasisKind = 'pending' | 'consent' | 'care_covenant' | 'safety_covenant' | 'none';

/** One basis as recorded (libs/trajectory LegalBasisRecord). */
export interface LegalBasisRecord {
  seq: number;
  event: string;
  kind: LegalBasisKind;
  label: string;
  scope: string | null;
  justification: string | null;
  reason: string | null;
  recordedAt: string;
  recordedBy: { userId: string | null; displayName: string | null; party: string | null };
}

/** `trajectory.legalBasis` of GET /api/clients/:id (libs/trajectory LegalBasisView). */
export interface LegalBasisView {
  kind: LegalBasisKind;
  label: string;
  allows: DataCategory[];
  since: string | null;
  /** Only for readers who may see the trajectory category. */
  current?: LegalBasisRecord | null;
  history?: LegalBasisRecord[];
}

const BADGE: Record<LegalBasisKind, 'neutral' | 'danger' | 'warning' | 'safe'> = {
  pending: 'neutral',
  consent: 'safe',
  care_covenant: 'neutral',
  safety_covenant: 'neutral',
  none: 'danger',
};

const ALL_CATEGORIES = Object.keys(DATA_CATEGORY_LABELS) as DataCategory[];

/** The sentence that explains a missing basis, on the page's top and in this section. */
export const NO_BASIS_EXPLANATION =
  'Er is geen grondslag om gegevens over deze cliënt te delen. Alleen wie de cliënt is en in welke fase het traject ' +
  'staat, blijft zichtbaar, totdat de voorzitter een convenant vastlegt. Tot dan staat het traject stil: alleen een ' +
  'convenant vastleggen, het traject afsluiten of een verhuizing vastleggen is mogelijk.';

function RecordDetails({ record }: { record: LegalBasisRecord }) {
  const rows: { term: string; value: string }[] = [
    {
      term: 'Vastgelegd',
      value: `${formatDateTime(record.recordedAt)}${
        record.recordedBy.displayName
          ? ` door ${record.recordedBy.displayName} (${partyLabel(record.recordedBy.party)})`
          : ''
      }`,
    },
    { term: 'Via', value: EVENT_LABELS[record.event as keyof typeof EVENT_LABELS] ?? record.event },
  ];
  if (record.scope) rows.push({ term: 'Reikwijdte van de toestemming', value: record.scope });
  if (record.justification) rows.push({ term: 'Motivering', value: record.justification });
  if (record.reason) rows.push({ term: 'Reden', value: record.reason });
  return (
    <dl className="koers-basis__details">
      {rows.map((row) => (
        <div key={row.term}>
          <dt>{row.term}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LegalBasisSection({
  basis,
  onInvokeCovenant,
}: {
  basis: LegalBasisView;
  /** Set when the reader may record a covenant now (the chair, and the machine takes COVENANT_INVOKED). */
  onInvokeCovenant?: () => void;
}) {
  const earlier = (basis.history ?? []).filter((r) => r.seq !== basis.current?.seq).reverse();
  return (
    <section id="grondslag" aria-labelledby="grondslag-kop" className="koers-card koers-basis">
      <Heading level={2} id="grondslag-kop">
        Grondslag
      </Heading>
      <p className="koers-basis__kind">
        <StatusBadge kind={BADGE[basis.kind]}>{basis.label}</StatusBadge>
        {basis.since && <span className="koers-hint"> sinds {formatDate(basis.since)}</span>}
      </p>
      {basis.kind === 'none' && (
        <div className="koers-basis__none">
          <Alert kind="warning">{NO_BASIS_EXPLANATION}</Alert>
          {onInvokeCovenant && (
            <p className="koers-no-print">
              <Button kind="primary" onClick={onInvokeCovenant}>
                Convenant vastleggen
              </Button>
            </p>
          )}
        </div>
      )}
      {basis.kind === 'pending' && (
        <Paragraph small>
          Nog geen grondslag vastgelegd: het casusoverleg beoordeelt het signaal onder zijn convenant. Na het
          besluit over insluiting volgt toestemming van de cliënt of, in uitzonderlijke gevallen, een
          convenant.
        </Paragraph>
      )}
      {basis.current && <RecordDetails record={basis.current} />}

      <p className="koers-basis__allows-title">Wat op deze grondslag gedeeld mag worden</p>
      <ul className="koers-basis__allows" aria-label="Wat op deze grondslag gedeeld mag worden">
        {ALL_CATEGORIES.map((category) => {
          const allowed = basis.allows.includes(category);
          return (
            <li key={category} className={allowed ? 'koers-basis__allowed' : 'koers-basis__denied'}>
              <span aria-hidden="true">{allowed ? '✓' : '—'}</span> {DATA_CATEGORY_LABELS[category]}
              <span className="koers-visually-hidden">{allowed ? ': ja' : ': nee'}</span>
            </li>
          );
        })}
      </ul>
      <p className="koers-hint">Wat u zelf ziet, hangt daarnaast af van uw organisatie (need-to-know).</p>

      {earlier.length > 0 && (
        <details className="koers-details">
          <summary>Eerdere grondslagen ({earlier.length})</summary>
          <ol className="koers-basis__history">
            {earlier.map((record) => (
              <li key={record.seq}>
                <strong>{record.label}</strong>
                <RecordDetails record={record} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
