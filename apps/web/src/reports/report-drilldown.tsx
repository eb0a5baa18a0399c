/**
 * Every count of the report can be traced to the trajectories behind it (issue 7): a count is a button that opens
 * a dialog listing them (GET /api/reports/drilldown, ids only), each a link to the client's page. The names come
 * from GET /api/clients, which lists exactly the clients the reader may see; it is fetched once, the first time a
 * drilldown is opened, not for every report (each fetch is an entry in the access log).
 */
import { createContext, type ReactNode, useContext, useEffect, useId, useRef } from 'react';
import { Link } from '../router';
import { Button, ButtonGroup, ErrorAlert, Loading, Paragraph } from '../ui/components';
import type { Loaded } from '../ui/use-api';
import { useApi } from '../ui/use-api';
import { formatNumber, formatPeriod } from './report-query';
import type { ClientName, DrilldownResult, ReportTeam } from './report-types';

export interface DrillTarget {
  figure: string;
  /** What the figure counts, in Dutch: "Instroom · Politie · geïncludeerd". */
  title: string;
}

interface DrillState {
  /** Whether the reader may see the trajectories behind the figures (the API says so per report). */
  enabled: boolean;
  open(target: DrillTarget): void;
}

const DrillContext = createContext<DrillState>({ enabled: false, open: () => undefined });
export const DrillProvider = DrillContext.Provider;

/** A count; a button to the trajectories behind it when there are any and the reader may see them. */
export function Count({
  value,
  figure,
  title,
  children,
}: {
  value: number;
  figure: string;
  title: string;
  /** What is shown (default the count itself). */
  children?: ReactNode;
}) {
  const { enabled, open } = useContext(DrillContext);
  const shown = children ?? formatNumber(value);
  if (!enabled || value <= 0) return <span className="koers-rpt-count">{shown}</span>;
  return (
    <button
      type="button"
      className="koers-rpt-drill"
      data-figure={figure}
      onClick={() => open({ figure, title })}
    >
      {shown}
      <span className="koers-visually-hidden">, {title}: toon de trajecten</span>
    </button>
  );
}

export function DrilldownDialog({
  target,
  query,
  teams,
  clients,
  onClose,
}: {
  target: DrillTarget;
  query: Record<string, string>;
  teams: ReportTeam[];
  clients: Loaded<ClientName[]>;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;
  const result = useApi<DrilldownResult>('/reports/drilldown', { ...query, figure: target.figure });

  // The native modal dialog keeps focus inside and closes on Escape; focus returns to the count that opened it.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const known = new Map((clients.data ?? []).map((c) => [c.id, c]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const data = result.data;
  return (
    <dialog
      ref={ref}
      className="koers-dialog koers-dialog--wide koers-rpt-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close.current();
      }}
    >
      <h2 id={titleId} className="utrecht-heading-2 koers-dialog__title" tabIndex={-1}>
        Trajecten achter dit cijfer
      </h2>
      <Paragraph>
        <strong>{target.title}</strong>
        {data && <> · {formatPeriod(data.period)}</>}
      </Paragraph>
      {result.error ? (
        <ErrorAlert error={result.error} />
      ) : !data || (!clients.data && !clients.error) ? (
        <Loading what="De trajecten" />
      ) : (
        <>
          <p className="utrecht-paragraph" role="status">
            {data.count === 1 ? '1 traject' : `${formatNumber(data.count)} trajecten`}
            {data.truncated && ` (de eerste ${formatNumber(data.items.length)} staan hieronder)`}.
          </p>
          {clients.error ? (
            <Paragraph small>
              De namen konden niet worden geladen; de cliënten staan hieronder genummerd.
            </Paragraph>
          ) : null}
          <ol className="koers-rpt-dialog__list">
            {data.items.map((item, i) => {
              const client = known.get(item.clientId);
              return (
                <li key={item.trajectoryId}>
                  <Link href={`/clienten/${item.clientId}`}>{client?.displayName ?? `Cliënt ${i + 1}`}</Link>
                  <span className="koers-rpt-dialog__team">
                    {client && ` · nu: ${client.stageLabel}`}
                    {teams.length > 1 && ` · ${teamName.get(item.teamId) ?? 'Casusoverleg'}`}
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <ButtonGroup>
        <Button kind="primary" onClick={() => close.current()}>
          Sluiten
        </Button>
      </ButtonGroup>
    </dialog>
  );
}
