/**
 * The report as a file (GET /api/reports/flow/export): for the council with small numbers hidden, or with exact
 * figures for the casusoverleg itself. Each download is an entry in the access log (an export).
 */
import { useState } from 'react';
import { download } from '../api/api-client';
import { Alert, Button, ButtonGroup, ErrorAlert, Heading, Paragraph } from '../ui/components';
import type { ReportFilters } from './report-query';
import { apiQuery } from './report-query';

type Kind = 'council-xlsx' | 'council-csv' | 'team-xlsx';

const FILES: Record<Kind, { format: 'xlsx' | 'csv'; audience: 'council' | 'team'; label: string }> = {
  'council-xlsx': { format: 'xlsx', audience: 'council', label: 'Download voor de raad (XLSX)' },
  'council-csv': { format: 'csv', audience: 'council', label: 'Download CSV' },
  'team-xlsx': {
    format: 'xlsx',
    audience: 'team',
    label: 'Download met exacte aantallen (alleen voor het casusoverleg)',
  },
};

/** The server's own file name (koers-rapportage-<from>-<to>-gemeenteraad.xlsx). */
export const exportFilename = (filters: ReportFilters, kind: Kind): string => {
  const { format, audience } = FILES[kind];
  return `koers-rapportage-${filters.from}-${filters.to}-${audience === 'council' ? 'gemeenteraad' : 'casusoverleg'}.${format}`;
};

export function ReportDownloads({ filters }: { filters: ReportFilters }) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async (kind: Kind) => {
    const { format, audience } = FILES[kind];
    const filename = exportFilename(filters, kind);
    setBusy(kind);
    setDone(null);
    setError(null);
    try {
      await download('/reports/flow/export', filename, { ...apiQuery(filters), format, audience });
      setDone(`Het bestand ${filename} is gedownload.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const button = (kind: Kind, primary?: boolean) => (
    <Button kind={primary ? 'primary' : 'secondary'} busy={busy === kind} onClick={() => void start(kind)}>
      {FILES[kind].label}
    </Button>
  );

  return (
    <section aria-labelledby="rpt-downloads" className="koers-rpt-downloads koers-no-print">
      <Heading level={2} id="rpt-downloads">
        Downloaden en afdrukken
      </Heading>
      <Paragraph small>
        In de downloads voor de raad staan aantallen van 1 tot en met 4 als “&lt;5”, en getallen waaruit zo’n
        klein aantal terug te rekenen is als “x”; gemiddelden en medianen over minder dan 5 cliënten staan er
        niet in. Zo is geen cliënt te herkennen. De download met exacte aantallen is alleen voor het
        casusoverleg: deel die niet daarbuiten.
      </Paragraph>
      <ButtonGroup>
        {button('council-xlsx', true)}
        {button('council-csv')}
        {button('team-xlsx')}
        <Button kind="subtle" onClick={() => window.print()}>
          Afdrukken
        </Button>
      </ButtonGroup>
      {done && <Alert kind="ok">{done}</Alert>}
      <ErrorAlert error={error} />
    </section>
  );
}
