import { Injectable } from '@nestjs/common';
import {
  DEADLINE_KIND_LABELS,
  STAGE_LABELS,
  type Blocker,
  type DeadlineKind,
  type Stage,
  deadlineBlockers,
} from '@koers/machines/trajectory';
import type { Actor } from '@koers/access';
import { Clock, calendarDaysBetween } from '@koers/clock';
import { NotFoundException } from '@koers/errors';
import { deadlineFactPatterns, mergeBlockers } from './board-projection';
import { BoardQueryDto } from './board-query.dto';
import { BoardRepository, BoardRowData } from './board.repository';

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

/** "Waar loopt het vast": one row per open trajectory of the user's casusoverleg teams, most urgent first. */
@Injectable()
export class BoardService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly clock: Clock,
  ) {}

  async board(actor: Actor, query: BoardQueryDto): Promise<Board> {
    let teamIds = actor.teamIds;
    if (query.team) {
      teamIds = teamIds.filter((id) => id === query.team!.toLowerCase());
      if (teamIds.length === 0) throw new NotFoundException('Team');
    }
    const rows = await this.repository.rows({
      teamIds,
      stage: query.stage,
      blocker: query.blocker
        ? { code: query.blocker, factPatterns: deadlineFactPatterns(query.blocker) }
        : undefined,
    });
    const now = this.clock.now();
    return { generatedAt: now.toISOString(), rows: rows.map((row) => this.view(row, now)) };
  }

  private view(row: BoardRowData, now: Date): BoardRow {
    return {
      clientId: row.clientId,
      displayName: row.displayName,
      team: { id: row.teamId, name: row.teamName },
      stage: row.stage,
      stageLabel: STAGE_LABELS[row.stage as Stage] ?? row.stage,
      stageEnteredAt: row.stageEnteredAt.toISOString(),
      daysInStage: calendarDaysBetween(row.stageEnteredAt, now),
      nextDeadline:
        row.nextDueAt && row.nextDueKind
          ? {
              kind: row.nextDueKind,
              label: DEADLINE_KIND_LABELS[row.nextDueKind as DeadlineKind] ?? row.nextDueKind,
              dueAt: row.nextDueAt.toISOString(),
            }
          : null,
      escalated: row.escalatedAt !== null,
      overdue: row.overdueSince !== null,
      blockedSince: row.blockedSince ? row.blockedSince.toISOString() : null,
      blockers: mergeBlockers(row.machineBlockers, deadlineBlockers(row.facts)),
    };
  }
}
