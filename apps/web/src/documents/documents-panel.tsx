/**
 * The client's documents (issue 7 item 5): the filled-in three-party agreement (only when the housing data records
 * one) and a one-page summary to take to the casusoverleg, each as a PDF with only what the reader may see. The API
 * decides again: a refusal is explained in Dutch here (422: no agreement recorded; 403: need-to-know).
 */
import { useState } from 'react';
import { ApiError, download } from '../api/api-client';
import { Alert, Button, Heading, Paragraph } from '../ui/components';

type DocumentId = 'summary' | 'agreement';

const DOCUMENTS: Record<DocumentId, { path: string; file: string; label: string; forbidden: string }> = {
  summary: {
    path: 'summary.pdf',
    file: 'clientoverzicht',
    label: 'Cliëntoverzicht voor het overleg (PDF)',
    forbidden: 'U heeft geen toegang tot het overzicht van deze cliënt.',
  },
  agreement: {
    path: 'three-party-agreement.pdf',
    file: 'driepartijenovereenkomst',
    label: 'Driepartijenovereenkomst (PDF)',
    forbidden:
      'De driepartijenovereenkomst toont wie de huurder is, de woning en wie de financiën beheert; uw organisatie mag die gegevens van deze cliënt niet allemaal zien.',
  },
};

export function DocumentsPanel({
  clientId,
  agreement,
}: {
  clientId: string;
  /** The housing data records a three-party agreement and the reader may see what it shows. */
  agreement: boolean;
}) {
  const [busy, setBusy] = useState<DocumentId | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const fetchDocument = async (id: DocumentId) => {
    const document = DOCUMENTS[id];
    setBusy(id);
    setProblem(null);
    setDone(null);
    try {
      // The file name names the client by id only, as the API's does: no names on disk or in a download list.
      await download(`/clients/${clientId}/documents/${document.path}`, `${document.file}-${clientId}.pdf`);
      setDone(`${document.label.replace(' (PDF)', '')} is gedownload.`);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 403
          ? document.forbidden
          : error instanceof ApiError
            ? error.message
            : 'Het document kon niet worden gemaakt. Probeer het opnieuw.',
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <section
      id="documenten"
      aria-labelledby="documenten-kop"
      className="koers-card koers-documents koers-no-print"
    >
      <Heading level={2} id="documenten-kop">
        Documenten
      </Heading>
      <Paragraph small>
        Als PDF, met alleen wat uw organisatie van deze cliënt mag zien. Het downloaden wordt vastgelegd in
        het toegangslogboek.
      </Paragraph>
      <ul className="koers-documents__list">
        <li>
          <Button kind="secondary" busy={busy === 'summary'} onClick={() => fetchDocument('summary')}>
            {DOCUMENTS.summary.label}
          </Button>
          <span className="koers-cell-sub">
            Eén pagina: fase, knelpunten, termijn, acties, besluiten en herstel.
          </span>
        </li>
        {agreement && (
          <li>
            <Button kind="secondary" busy={busy === 'agreement'} onClick={() => fetchDocument('agreement')}>
              {DOCUMENTS.agreement.label}
            </Button>
            <span className="koers-cell-sub">
              Ingevuld met huurder, verhuurder, zorgaanbieder en evaluatiedatum.
            </span>
          </li>
        )}
      </ul>
      {problem && <Alert kind="error">{problem}</Alert>}
      {done && <Alert kind="ok">{done}</Alert>}
    </section>
  );
}
