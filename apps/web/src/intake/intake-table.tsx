/**
 * The handreiking's questions for a new case (3.7), each party's answers side by side: shared by the meeting (the
 * client under discussion) and the client page (where a party fills in its own answers).
 */
import { Link } from '../router';
import { ErrorAlert, Loading, Paragraph, Table } from '../ui/components';
import { formatDate, formatDateTime } from '../ui/format';
import { useApi } from '../ui/use-api';
import './intake.css';

/** GET /api/clients/:id/intake (libs/casusoverleg CaseIntakeService). */
export interface CaseIntakeView {
  questions: { id: string; label: string }[];
  lifeDomains: { id: string; label: string }[];
  answers: {
    party: string;
    partyLabel: string;
    answers: Record<string, unknown>;
    updatedBy: string;
    updatedAt: string;
  }[];
}

const answerText = (value: unknown, questionId: string): string => {
  if (typeof value !== 'string' || !value.trim()) return '—';
  return questionId === 'inViewSince' ? formatDate(`${value}T12:00:00Z`) : value;
};

/** The answers as a table: one column per party that answered, the seven life domains as a group of their own. */
export function IntakeAnswersTable({ intake, displayName }: { intake: CaseIntakeView; displayName: string }) {
  const cell = 'utrecht-table__cell koers-intake__answer';
  // The seven life domains are a group of their own, between the questions before and after them.
  const split = intake.questions.findIndex((q) => q.id === 'lifeDomains');
  const domains = split >= 0 ? intake.questions[split] : undefined;
  const before = split >= 0 ? intake.questions.slice(0, split) : intake.questions;
  const after = split >= 0 ? intake.questions.slice(split + 1) : [];
  const questionRow = (question: { id: string; label: string }) => (
    <tr key={question.id} className="utrecht-table__row">
      <th scope="row" className="utrecht-table__header-cell koers-intake__question">
        {question.label}
      </th>
      {intake.answers.map((column) => (
        <td key={column.party} className={cell}>
          {answerText(column.answers[question.id], question.id)}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="koers-intake">
      <Table caption={`Inbreng per partij over ${displayName} (handreiking 3.7)`}>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              Vraag
            </th>
            {intake.answers.map((column) => (
              <th key={column.party} scope="col" className="utrecht-table__header-cell">
                {column.partyLabel}
                <span className="koers-hint koers-block">
                  bijgewerkt door {column.updatedBy}, {formatDateTime(column.updatedAt)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">{before.map(questionRow)}</tbody>
        {domains && (
          <tbody className="utrecht-table__body">
            <tr className="utrecht-table__row">
              <th
                scope="rowgroup"
                colSpan={intake.answers.length + 1}
                className="utrecht-table__header-cell koers-intake__question"
              >
                {domains.label}
              </th>
            </tr>
            {intake.lifeDomains.map((domain) => (
              <tr key={domain.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell koers-intake__domain">
                  {domain.label}
                </th>
                {intake.answers.map((column) => (
                  <td key={column.party} className={cell}>
                    {answerText(
                      (column.answers.lifeDomains as Record<string, unknown> | undefined)?.[domain.id],
                      domain.id,
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        )}
        <tbody className="utrecht-table__body">{after.map(questionRow)}</tbody>
      </Table>
    </div>
  );
}

/** The answers of one client, loaded here (the meeting); with none yet, a pointer to the client page. */
export function IntakeTable({ clientId, displayName }: { clientId: string; displayName: string }) {
  const { data, error, loading } = useApi<CaseIntakeView>(`/clients/${clientId}/intake`);
  if (loading && !data) return <Loading what="De antwoorden" />;
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  if (data.answers.length === 0) {
    return (
      <Paragraph>
        Nog geen partij heeft de vragen voor een nieuwe casus beantwoord. Dat kan op de{' '}
        <Link href={`/clienten/${clientId}`}>pagina van de cliënt</Link>.
      </Paragraph>
    );
  }
  return <IntakeAnswersTable intake={data} displayName={displayName} />;
}
