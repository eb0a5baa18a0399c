/**
 * "Waar loopt het vast?": one row per open trajectory of the user's casusoverleg, most urgent first (as the API
 * sorts: escalated, overdue, blocked longest). Filters by stage, blocker and the party that can lift a blocker live
 * in the URL, so a filtered board can be shared and survives a reload.
 */
import { type FormEvent, useEffect, useState } from 'react';
import {
  BLOCKER_CODE_LABELS,
  BLOCKER_CODES,
  BLOCKER_LIFTED_BY,
  type Blocker,
  type BlockerCode,
  type BlockerLifter,
  STAGE_LABELS,
  STAGES,
} from '@koers/machines/trajectory';
import { useMe } from '../../auth/session';
import { Link, navigate, useLocation, usePageTitle } from '../../router';
import { LIFTER_LABELS } from '../../trajectory/labels';
import {
  Button,
  ButtonGroup,
  ErrorAlert,
  FormField,
  Heading,
  Loading,
  Paragraph,
  Select,
  StatusBadge,
} from '../../ui/components';
import { formatDate, formatDays } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { NewSignalDialog } from './new-signal-dialog';
import './board-page.css';

export interface BoardRow {
  clientId: string;
  displayName: string;
  team: { id: string; name: string };
  stage: string;
  stageLabel: string;
  daysInStage: number;
  nextDeadline: { kind: string; label: string; dueAt: string } | null;
  escalated: boolean;
  overdue: boolean;
  blockedSince: string | null;
  blockers: Blocker[];
}

interface Board {
  generatedAt: string;
  rows: BoardRow[];
}

const OPEN_STAGES = STAGES.filter((stage) => stage !== 'closed');
const LIFTERS = [...new Set(Object.values(BLOCKER_LIFTED_BY))] as BlockerLifter[];

/** The URL's filters (Dutch keys: users see and share them), validated against the known ids. */
function filtersOf(query: URLSearchParams) {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | '' => {
    const value = query.get(key) ?? '';
    return (allowed as readonly string[]).includes(value) ? (value as T) : '';
  };
  return {
    stage: pick('fase', OPEN_STAGES),
    blocker: pick('knelpunt', BLOCKER_CODES),
    party: pick('partij', LIFTERS),
  };
}

export function BoardPage() {
  usePageTitle('Bord');
  const me = useMe();
  const { query } = useLocation();
  const filters = filtersOf(query);
  const board = useApi<Board>('/board', { stage: filters.stage, blocker: filters.blocker });
  const [draft, setDraft] = useState(filters);
  const [registering, setRegistering] = useState(false);
  const queryKey = query.toString();
  useEffect(() => setDraft(filtersOf(new URLSearchParams(queryKey))), [queryKey]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (draft.stage) params.set('fase', draft.stage);
    if (draft.blocker) params.set('knelpunt', draft.blocker);
    if (draft.party) params.set('partij', draft.party);
    const search = params.toString();
    navigate(search ? `/?${search}` : '/');
  };

  // The party filter works on the blockers the API gave (it has no party filter of its own).
  const rows = (board.data?.rows ?? []).filter(
    (row) => !filters.party || row.blockers.some((b) => b.liftedBy === filters.party),
  );
  const filtered = Boolean(filters.stage || filters.blocker || filters.party);
  const teams = new Set(rows.map((row) => row.team.id));

  return (
    <div className="koers-board">
      <div className="koers-board__top">
        <div>
          <Heading level={1}>Waar loopt het vast?</Heading>
          <Paragraph lead>
            Alle lopende trajecten van uw casusoverleg, het meest urgent bovenaan: eerst wat is geëscaleerd,
            dan wat te laat is, dan wat het langst vastzit.
          </Paragraph>
        </div>
        {me.memberTeamIds.length > 0 && (
          <Button kind="primary" onClick={() => setRegistering(true)}>
            Nieuw signaal
          </Button>
        )}
      </div>

      {board.data && <Summary rows={rows} />}

      <form className="koers-filters koers-no-print" onSubmit={apply} aria-labelledby="filters-titel">
        <h2 id="filters-titel" className="koers-visually-hidden">
          Filters
        </h2>
        <FormField label="Fase">
          {({ id }) => (
            <Select
              id={id}
              value={draft.stage}
              placeholder="Alle fasen"
              options={OPEN_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
              onChange={(e) => setDraft({ ...draft, stage: e.target.value as typeof draft.stage })}
            />
          )}
        </FormField>
        <FormField label="Knelpunt">
          {({ id }) => (
            <Select
              id={id}
              value={draft.blocker}
              placeholder="Alle knelpunten"
              options={BLOCKER_CODES.map((code) => ({ value: code, label: BLOCKER_CODE_LABELS[code] }))}
              onChange={(e) => setDraft({ ...draft, blocker: e.target.value as BlockerCode | '' })}
            />
          )}
        </FormField>
        <FormField label="Op te lossen door">
          {({ id }) => (
            <Select
              id={id}
              value={draft.party}
              placeholder="Alle partijen"
              options={LIFTERS.map((lifter) => ({ value: lifter, label: LIFTER_LABELS[lifter] }))}
              onChange={(e) => setDraft({ ...draft, party: e.target.value as BlockerLifter | '' })}
            />
          )}
        </FormField>
        <ButtonGroup>
          <Button kind="secondary" type="submit">
            Filteren
          </Button>
          {filtered && (
            <Button kind="subtle" onClick={() => navigate('/')}>
              Alle filters wissen
            </Button>
          )}
        </ButtonGroup>
      </form>

      <ErrorAlert error={board.error} />
      {!board.data && board.loading && <Loading what="Het bord" />}
      {board.data &&
        (rows.length === 0 ? (
          <div className="koers-empty" role="status">
            <Paragraph lead>
              {filtered
                ? 'Geen lopende trajecten met deze filters.'
                : 'Er lopen nog geen trajecten in uw casusoverleg.'}
            </Paragraph>
            {filtered ? (
              <Paragraph>
                <Link className="utrecht-link" href="/">
                  Toon alle trajecten
                </Link>
              </Paragraph>
            ) : (
              me.memberTeamIds.length > 0 && (
                <Paragraph>Begin met het registreren van een nieuw signaal.</Paragraph>
              )
            )}
          </div>
        ) : (
          <BoardTable rows={rows} showTeam={teams.size > 1} filtered={filtered} />
        ))}

      {registering && (
        <NewSignalDialog
          me={me}
          onClose={() => setRegistering(false)}
          onSaved={(clientId) => {
            setRegistering(false);
            navigate(`/clienten/${clientId}`);
          }}
        />
      )}
    </div>
  );
}

function Summary({ rows }: { rows: BoardRow[] }) {
  const tiles = [
    { label: 'Lopende trajecten', value: rows.length },
    { label: 'Met een knelpunt', value: rows.filter((r) => r.blockers.length > 0).length },
    { label: 'Termijn verstreken', value: rows.filter((r) => r.overdue).length },
    { label: 'Geëscaleerd naar het casusoverleg', value: rows.filter((r) => r.escalated).length },
  ];
  return (
    <>
      <h2 className="koers-visually-hidden">Samenvatting</h2>
      <dl className="koers-summary">
        {tiles.map((tile) => (
          <div key={tile.label} className="koers-summary__tile">
            <dt>{tile.label}</dt>
            <dd>{tile.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function BoardTable({
  rows,
  showTeam,
  filtered,
}: {
  rows: BoardRow[];
  showTeam: boolean;
  filtered: boolean;
}) {
  return (
    <div className="utrecht-table-container utrecht-table-container--overflow-inline">
      <table className="utrecht-table utrecht-table--html-table koers-board-table">
        <colgroup>
          <col className="koers-board__col-client" />
          <col className="koers-board__col-stage" />
          <col className="koers-board__col-blockers" />
          <col className="koers-board__col-due" />
        </colgroup>
        <caption className="utrecht-table__caption">
          {rows.length === 1 ? '1 lopend traject' : `${rows.length} lopende trajecten`}
          {filtered ? ' (gefilterd)' : ''}, het meest urgent bovenaan
        </caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              Cliënt
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              Fase
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              Knelpunten en wie ze kan oplossen
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              Volgende termijn
            </th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((row) => (
            <tr key={row.clientId} className="utrecht-table__row" data-client-id={row.clientId}>
              <th scope="row" className="utrecht-table__cell koers-board__client">
                <Link className="utrecht-link" href={`/clienten/${row.clientId}`}>
                  {row.displayName}
                </Link>
                {showTeam && <span className="koers-cell-sub">{row.team.name}</span>}
              </th>
              <td className="utrecht-table__cell">
                <span className={`koers-stage koers-stage--${row.stage}`}>{row.stageLabel}</span>
                <span className="koers-cell-sub koers-board__days">
                  {formatDays(row.daysInStage)} in deze fase
                </span>
              </td>
              <td className="utrecht-table__cell">
                {row.blockers.length === 0 ? (
                  <span className="koers-cell-sub">Geen knelpunten</span>
                ) : (
                  <ul className="koers-board__blockers">
                    {row.blockers.map((blocker) => (
                      <li key={blocker.code}>
                        {blocker.message}
                        <span className="koers-board__lifter">
                          Op te lossen door: {LIFTER_LABELS[blocker.liftedBy]}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="utrecht-table__cell">
                {row.nextDeadline ? (
                  <>
                    <span className="koers-board__due">{formatDate(row.nextDeadline.dueAt)}</span>
                    <span className="koers-cell-sub">{row.nextDeadline.label}</span>
                  </>
                ) : (
                  <span className="koers-cell-sub">Geen termijn</span>
                )}
                {(row.escalated || row.overdue) && (
                  <span className="koers-board__badges">
                    {row.escalated && <StatusBadge kind="danger">Geëscaleerd</StatusBadge>}
                    {row.overdue && <StatusBadge kind="warning">Te laat</StatusBadge>}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
