import { Injectable } from '@nestjs/common';
import {
  DEADLINE_KIND_LABELS,
  STAGE_LABELS,
  type Blocker,
  type DeadlineFact,
  type DeadlineKind,
  type Stage,
  deadlineBlockers,
} from '@koers/machines/trajectory';
import { type Actor, BLOCKER_CATEGORIES, DATA_CATEGORIES, categoriesFor, scopeOf } from '@koers/access';
import { Clock, amsterdamDate } from '@koers/clock';
import { NotFoundException } from '@koers/errors';
import { deadlineFactPatterns, mergeBlockers } from './board-projection';
import { type ReaderRow, hiddenKindsMemo, readerRow } from './board-urgency';
import { BoardQueryDto } from './board-query.dto';
import { BoardRepository } from './board.repository';

export interface BoardRow {
  clientId: string;
  displayName: string;
  team: { id: string; name: string };
  stage: string;
  stageLabel: string;
  stageEnteredAt: string;
  daysInStage: number;
  nextDeadline: { kind: string; label: string; dueAt: string } | null;
  escalated: boolean;
  overdue: boolean;
  blockedSince: string | null;
  blockers: Blocker[];
}

export interface Board {
  generatedAt: string;
  rows: BoardRow[];
}

/** Whose deadlines make a row escalated or overdue (see BoardService.board). */
export type BoardUrgency = 'reader' | 'casusoverleg';

/** "Waar loopt het vast": one row per open trajectory of the user's casusoverleg teams, most urgent first. */
@Injectable()
export class BoardService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * `urgency`: `reader` (the board) counts only the deadlines the reader may see: an overdue urgent payment makes
   * a client overdue for the chair, not for the police. `casusoverleg` (the generated agenda, one list for every
   * participant) counts every deadline of the casusoverleg for escalated, overdue and the order; the agenda's
   * reasons ("Geëscaleerd naar het casusoverleg", "Termijn verstreken") name no kind, and blockers and the next
   * deadline stay the reader's.
   */
  async board(actor: Actor, query: BoardQueryDto, urgency: BoardUrgency = 'reader'): Promise<Board> {
    const team = query.team?.toLowerCase();
    if (team && !actor.memberTeamIds.includes(team)) throw new NotFoundException('Team');
    const scope = scopeOf(actor);
    const now = this.clock.now();
    const rows = await this.repository.rows(
      {
        teamIds: team ? scope.teamIds.filter((id) => id === team) : scope.teamIds,
        clientIds: scope.clientIds,
        team,
        stage: query.stage,
        blocker: query.blocker
          ? { code: query.blocker, factPatterns: deadlineFactPatterns(query.blocker) }
          : undefined,
      },
      amsterdamDate(now),
    );
    const parse = memoizedJsonParse();
    const hidden = hiddenKindsMemo();
    // Per row: the reader's need-to-know within what the client's legal basis allows. Urgency is narrowed before
    // sorting, so the order does not tell what the flags leave out either.
    const everyKind = urgency === 'casusoverleg';
    const readerRows = rows.map((row) => {
      const categories = categoriesFor(actor, row.teamId, row.clientId, row.legalBasis);
      return readerRow(row, categories, hidden, parse, everyKind);
    });
    readerRows.sort(byUrgency);
    const views = readerRows.map((r) => this.view(r, parse));
    return {
      generatedAt: now.toISOString(),
      // A blocker the reader may not see does not select a row either.
      rows: query.blocker ? views.filter((v) => v.blockers.some((b) => b.code === query.blocker)) : views,
    };
  }

  /** Need-to-know: blockers and the next deadline only of categories the reader may see of this client. */
  private view(urgency: ReaderRow, parse: <T>(json: string) => T): BoardRow {
    const { row, categories } = urgency;
    const seesAll = categories.length === DATA_CATEGORIES.length;
    // Deadline blockers only come from fired steps (a fired step has a firedAt): most rows have none, and keep
    // their stored list as it is.
    const machine = parse<Blocker[]>(row.machineBlockers);
    const fired = urgency.facts
      ? urgency.facts.some((fact) => fact.firedAt !== null)
      : row.facts.includes('"firedAt": "');
    const blockers = fired
      ? mergeBlockers(machine, deadlineBlockers(urgency.facts ?? parse<DeadlineFact[]>(row.facts)))
      : machine;
    return {
      clientId: row.clientId,
      displayName: row.displayName,
      team: { id: row.teamId, name: row.teamName },
      stage: row.stage,
      stageLabel: STAGE_LABELS[row.stage as Stage] ?? row.stage,
      stageEnteredAt: isoOf(row.stageEnteredAt),
      daysInStage: row.daysInStage,
      nextDeadline:
        urgency.nextDueAt !== null && urgency.nextDueKind !== null
          ? {
              kind: urgency.nextDueKind,
              label: DEADLINE_KIND_LABELS[urgency.nextDueKind as DeadlineKind] ?? urgency.nextDueKind,
              dueAt: isoOf(urgency.nextDueAt),
            }
          : null,
      escalated: urgency.escalatedAt !== null,
      overdue: urgency.overdueSince !== null,
      blockedSince: urgency.blockedSince !== null ? isoOf(urgency.blockedSince) : null,
      blockers: seesAll ? blockers : blockers.filter((b) => categories.includes(BLOCKER_CATEGORIES[b.code])),
    };
  }
}

/**
 * JSON.parse remembering each distinct text for one request: a region's 10,000 rows repeat a few hundred blocker
 * lists. The parsed values are shared between rows, so callers must not mutate them.
 */
function memoizedJsonParse(): <T>(json: string) => T {
  const parsed = new Map<string, unknown>();
  return <T>(json: string): T => {
    let value = parsed.get(json);
    if (value === undefined) {
      value = JSON.parse(json);
      parsed.set(json, value);
    }
    return value as T;
  };
}

/** Escalated first, then overdue, then blocked longest, then longest in stage (as the reader may see them). */
function byUrgency(a: ReaderRow, b: ReaderRow): number {
  return (
    Number(a.escalatedAt === null) - Number(b.escalatedAt === null) ||
    Number(a.overdueSince === null) - Number(b.overdueSince === null) ||
    compareNullsLast(a.blockedSince, b.blockedSince) ||
    a.row.stageEnteredAt - b.row.stageEnteredAt ||
    (a.row.clientId < b.row.clientId ? -1 : a.row.clientId > b.row.clientId ? 1 : 0)
  );
}

function compareNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

const isoOf = (epochMs: number): string => new Date(epochMs).toISOString();
