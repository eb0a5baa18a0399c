/**
 * "Herstel" on the client page (issue 7 item 2): per instrument the course of the totals over time (chart with the
 * instrument's whole range and, for the BARC-10, the threshold of its validation study), the change from the first
 * to the last total, every measurement in a table (the chart's text alternative, with incomplete ones marked), and
 * recording, correcting and deleting a measurement. Health data: the page renders this only for readers who may
 * see the client's health category; a 403 from the API hides it too.
 */
import { useState } from 'react';
import { api, ApiError } from '../api/api-client';
import type { Me } from '../auth/session';
import { isSubstantive } from '@koers/machines/trajectory';
import type { FormValues } from '../events/event-form.machine';
import { SUBSTANTIVE_MESSAGE } from '../events/event-forms';
import { FormDialog } from '../events/form-dialog';
import { partyLabel } from '../trajectory/labels';
import { Alert, Button, ErrorAlert, Heading, Loading, Paragraph, StatusBadge, Table } from '../ui/components';
import { formatDate } from '../ui/format';
import { useApi } from '../ui/use-api';
import { MeasurementDialog } from './measurement-dialog';
import {
  type ClientRecovery,
  formatChange,
  type Instrument,
  type InstrumentTrend,
  type Measurement,
} from './recovery-types';
import { formatMeasuredOn, formatShortDate, TrendChart } from './trend-chart';
import './recovery.css';

type Editing =
  | { kind: 'new' }
  | { kind: 'correct'; measurement: Measurement }
  | { kind: 'delete'; measurement: Measurement };

/** What the instrument is about, under its name. */
const SUBTITLES: Record<string, string> = {
  barc10: 'Herstelkapitaal',
  mhqol: 'Kwaliteit van leven',
};

export function RecoverySection({ clientId, teamId, me }: { clientId: string; teamId: string; me: Me }) {
  const instruments = useApi<Instrument[]>('/recovery/instruments');
  const recovery = useApi<ClientRecovery>(`/clients/${clientId}/recovery-measurements`);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Need-to-know decided by the server too (e.g. the legal basis changed meanwhile): no section, no explanation.
  if (recovery.error instanceof ApiError && recovery.error.status === 403) return null;

  const mayChange = (m: Measurement) =>
    m.recordedBy.userId === me.userId || (me.role === 'chair' && me.teamIds.includes(teamId));
  const saved = (text: string) => {
    setEditing(null);
    setNotice(text);
    recovery.reload();
  };
  const instrumentList = instruments.data;
  const data = recovery.data;

  return (
    <section id="herstel" aria-labelledby="herstel-kop" className="koers-card koers-recovery">
      <div className="koers-card__head">
        <Heading level={2} id="herstel-kop">
          Herstel
        </Heading>
        {instrumentList && data && (
          <span className="koers-no-print">
            <Button kind="secondary" onClick={() => setEditing({ kind: 'new' })}>
              Meting vastleggen
            </Button>
          </span>
        )}
      </div>
      <Paragraph small>
        Herstelkapitaal (BARC-10) en kwaliteit van leven (MHQoL) over de tijd. Een totaal telt alleen als alle
        items beantwoord zijn; een onvolledige meting staat wel in de tabel, zonder totaal.
      </Paragraph>
      {notice && <Alert kind="ok">{notice}</Alert>}
      <ErrorAlert error={recovery.error ?? instruments.error} />
      {!(instrumentList && data) && (recovery.loading || instruments.loading) && (
        <Loading what="De metingen" />
      )}
      {instrumentList && data && (
        <div className="koers-recovery__grid">
          {data.instruments.map((trend) => (
            <InstrumentPanel
              key={trend.instrumentId}
              trend={trend}
              instrument={instrumentList.find((i) => i.id === trend.instrumentId)}
              measurements={data.measurements.filter((m) => m.instrumentId === trend.instrumentId)}
              mayChange={mayChange}
              onCorrect={(measurement) => setEditing({ kind: 'correct', measurement })}
              onDelete={(measurement) => setEditing({ kind: 'delete', measurement })}
            />
          ))}
        </div>
      )}
      {recovery.data && recovery.data.deletions.length > 0 && (
        <details className="koers-details koers-recovery__deleted">
          <summary>Verwijderde metingen ({recovery.data.deletions.length})</summary>
          <ul className="utrecht-unordered-list">
            {recovery.data.deletions.map((d) => (
              <li key={d.id}>
                {instruments.data?.find((i) => i.id === d.previous.instrumentId)?.name ??
                  d.previous.instrumentId}{' '}
                van {formatDate(d.previous.measuredAt)}
                {d.previous.totalScore !== null ? ` (totaal ${d.previous.totalScore})` : ' (onvolledig)'},
                verwijderd door {d.changedBy.displayName} op {formatDate(d.changedAt)}: {d.reason}
              </li>
            ))}
          </ul>
        </details>
      )}

      {editing?.kind === 'new' && instruments.data && (
        <MeasurementDialog
          clientId={clientId}
          instruments={instruments.data}
          onClose={() => setEditing(null)}
          onSaved={(m) =>
            saved(
              m.totalScore !== null
                ? `Meting ${m.instrumentName} vastgelegd: totaal ${m.totalScore}.`
                : `Meting ${m.instrumentName} vastgelegd, onvolledig (${m.answeredItems} van ${m.itemCount} items): zonder totaal.`,
            )
          }
        />
      )}
      {editing?.kind === 'correct' && instruments.data && (
        <MeasurementDialog
          clientId={clientId}
          instruments={instruments.data}
          measurement={editing.measurement}
          onClose={() => setEditing(null)}
          onSaved={(m) =>
            saved(`De meting ${m.instrumentName} van ${formatMeasuredOn(m.measuredOn)} is gecorrigeerd.`)
          }
        />
      )}
      {editing?.kind === 'delete' && (
        <FormDialog
          title={`Meting ${editing.measurement.instrumentName} verwijderen`}
          intro={`De meting van ${formatMeasuredOn(editing.measurement.measuredOn)} verdwijnt uit het verloop. Wat er stond en uw reden blijven bewaard.`}
          fields={() => [
            { kind: 'textarea', name: 'reason', label: 'Reden', required: true, substantive: true },
          ]}
          initial={{ reason: '' }}
          check={(values: FormValues) => {
            const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
            const fieldErrors: Record<string, string> = {};
            if (!isSubstantive(reason))
              fieldErrors.reason = reason ? SUBSTANTIVE_MESSAGE : 'Vul de reden in.';
            return {
              fieldErrors,
              formErrors: [],
              payload: { reason },
            };
          }}
          send={(payload) =>
            api(`/clients/${clientId}/recovery-measurements/${editing.measurement.id}`, {
              method: 'DELETE',
              body: payload,
            })
          }
          submitLabel="Meting verwijderen"
          danger
          onClose={() => setEditing(null)}
          onSaved={() =>
            saved(
              `De meting ${editing.measurement.instrumentName} van ${formatMeasuredOn(editing.measurement.measuredOn)} is verwijderd.`,
            )
          }
        />
      )}
    </section>
  );
}

function InstrumentPanel({
  trend,
  instrument,
  measurements,
  mayChange,
  onCorrect,
  onDelete,
}: {
  trend: InstrumentTrend;
  instrument: Instrument | undefined;
  measurements: Measurement[];
  mayChange(m: Measurement): boolean;
  onCorrect(m: Measurement): void;
  onDelete(m: Measurement): void;
}) {
  const headingId = `herstel-${trend.instrumentId}`;
  const { min, max } = trend.totalRange;
  const incomplete = trend.count - trend.completeCount;
  const extraScales = instrument?.extraScales ?? [];
  const anyChangeable = measurements.some(mayChange);
  return (
    <article
      className="koers-recovery__instrument"
      aria-labelledby={headingId}
      data-instrument={trend.instrumentId}
    >
      <Heading level={3} id={headingId}>
        {trend.name}
        <span className="koers-recovery__subtitle"> · {SUBTITLES[trend.instrumentId] ?? ''}</span>
      </Heading>
      {trend.count === 0 ? (
        <Paragraph>Nog geen metingen met de {trend.name}.</Paragraph>
      ) : (
        <>
          <dl className="koers-recovery__figures">
            <div className="koers-recovery__figure" data-figure="last">
              <dt>Laatste totaal</dt>
              <dd>
                {trend.last ? (
                  <>
                    <span className="koers-recovery__value">{trend.last.totalScore}</span>
                    <span className="koers-recovery__of">
                      {' '}
                      van {min}–{max}
                    </span>
                    <span className="koers-cell-sub">op {formatMeasuredOn(trend.last.measuredOn)}</span>
                  </>
                ) : (
                  <span className="koers-cell-sub">nog geen volledige meting</span>
                )}
              </dd>
            </div>
            <div className="koers-recovery__figure" data-figure="change">
              <dt>Verandering</dt>
              <dd>
                {trend.change !== null && trend.first ? (
                  <>
                    <span className="koers-recovery__value">{formatChange(trend.change)}</span>
                    <span className="koers-cell-sub">sinds {formatMeasuredOn(trend.first.measuredOn)}</span>
                  </>
                ) : (
                  <span className="koers-cell-sub">pas met twee volledige metingen</span>
                )}
              </dd>
            </div>
            <div className="koers-recovery__figure" data-figure="count">
              <dt>Metingen</dt>
              <dd>
                <span className="koers-recovery__value">{trend.count}</span>
                {incomplete > 0 && (
                  <span className="koers-cell-sub">
                    {incomplete === 1 ? 'waarvan 1 onvolledig' : `waarvan ${incomplete} onvolledig`}
                  </span>
                )}
              </dd>
            </div>
          </dl>
          {trend.threshold && trend.lastAboveThreshold !== null && (
            <p className="koers-recovery__verdict">
              <StatusBadge kind={trend.lastAboveThreshold ? 'safe' : 'neutral'}>
                {trend.lastAboveThreshold
                  ? `Laatste totaal ${trend.threshold.label}`
                  : `Laatste totaal onder de drempel uit de validatiestudie`}
              </StatusBadge>{' '}
              <span className="koers-hint">{trend.threshold.description}</span>
            </p>
          )}
          <figure className="koers-recovery__chart">
            <TrendChart trend={trend} />
            <figcaption className="koers-recovery__legend">
              <span className="koers-recovery__key koers-recovery__key--line">
                totaal per meting (schaal {min}–{max})
              </span>
              {trend.threshold && (
                <span className="koers-recovery__key koers-recovery__key--threshold">
                  drempel uit de validatiestudie ({trend.threshold.atLeast})
                </span>
              )}
              {incomplete > 0 && (
                <span className="koers-recovery__key koers-recovery__key--incomplete">
                  onvolledige meting (geen totaal)
                </span>
              )}
            </figcaption>
          </figure>
          <Table caption={`Metingen ${trend.name}, nieuwste eerst`}>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  Meting
                </th>
                <th scope="col" className="utrecht-table__header-cell koers-numeric">
                  Totaal
                </th>
                {extraScales.map((scale) => (
                  <th key={scale.id} scope="col" className="utrecht-table__header-cell koers-numeric">
                    {scale.shortLabel}{' '}
                    <span className="koers-recovery__of">
                      ({scale.min}–{scale.max})
                    </span>
                  </th>
                ))}
                {anyChangeable && (
                  <th scope="col" className="utrecht-table__header-cell koers-no-print">
                    <span className="koers-visually-hidden">Wijzigen</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {measurements.map((m) => (
                <tr key={m.id} className="utrecht-table__row" data-measurement-id={m.id}>
                  <th scope="row" className="utrecht-table__header-cell koers-cell-strong">
                    <span className="koers-recovery__date">{formatShortDate(m.measuredOn)}</span>
                    <span className="koers-cell-sub">
                      door {m.recordedBy.displayName}, {partyLabel(m.recordedBy.partyKind)}
                    </span>
                    {m.corrections.map((c) => (
                      <span key={c.id} className="koers-cell-sub">
                        Gecorrigeerd door {c.changedBy.displayName} op {formatDate(c.changedAt)}: {c.reason}
                      </span>
                    ))}
                  </th>
                  <td className="utrecht-table__cell koers-numeric">
                    {m.totalScore !== null ? (
                      <strong>{m.totalScore}</strong>
                    ) : (
                      <span className="koers-recovery__incomplete">
                        onvolledig
                        <span className="koers-cell-sub">
                          {m.answeredItems} van {m.itemCount} items
                        </span>
                      </span>
                    )}
                  </td>
                  {extraScales.map((scale) => (
                    <td key={scale.id} className="utrecht-table__cell koers-numeric">
                      {m.extraScores[scale.id] ?? '—'}
                    </td>
                  ))}
                  {anyChangeable && (
                    <td className="utrecht-table__cell koers-no-print koers-recovery__row-actions">
                      {mayChange(m) && (
                        <div className="koers-recovery__row-buttons">
                          <Button kind="subtle" onClick={() => onCorrect(m)}>
                            Corrigeren
                            <span className="koers-visually-hidden">
                              {' '}
                              (meting van {formatMeasuredOn(m.measuredOn)})
                            </span>
                          </Button>
                          <Button kind="subtle" onClick={() => onDelete(m)}>
                            Verwijderen
                            <span className="koers-visually-hidden">
                              {' '}
                              (meting van {formatMeasuredOn(m.measuredOn)})
                            </span>
                          </Button>
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </article>
  );
}
