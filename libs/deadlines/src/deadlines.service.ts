import { Injectable } from '@nestjs/common';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from '@koers/machines/trajectory';
import type { Actor } from '@koers/access';
import { Clock } from '@koers/clock';
import { NotFoundException } from '@koers/errors';
import { DeadlineRepository, DeadlineRow } from './deadline.repository';

export type DeadlineState = 'pending' | 'overdue' | 'met' | 'met_late';

export interface DeadlineView {
  id: string;
  kind: string;
  label: string;
  clientId: string | null;
  clientDisplayName: string | null;
  dueAt: string;
  state: DeadlineState;
  base: string;
  revision: number;
  doneAt: string | null;
  steps: DeadlineRow['steps'];
}

@Injectable()
export class DeadlinesService {
  constructor(
    private readonly repository: DeadlineRepository,
    private readonly clock: Clock,
  ) {}

  async forClient(actor: Actor, clientId: string): Promise<DeadlineView[]> {
    const rows = await this.repository.forClient(clientId, actor.teamIds);
    if (!rows) throw new NotFoundException('Client');
    return rows.map((row) => this.view(row));
  }

  async forTeams(actor: Actor, status: 'pending' | 'overdue' | 'done'): Promise<DeadlineView[]> {
    const rows = await this.repository.forTeams(actor.teamIds, status, this.clock.now());
    return rows.map((row) => this.view(row));
  }

  private view(row: DeadlineRow): DeadlineView {
    return {
      id: row.id,
      kind: row.kind,
      label: DEADLINE_KIND_LABELS[row.kind as DeadlineKind] ?? row.kind,
      clientId: row.clientId,
      clientDisplayName: row.clientDisplayName,
      dueAt: row.dueAt.toISOString(),
      state: this.state(row),
      base: row.base,
      revision: row.revision,
      doneAt: row.doneAt ? row.doneAt.toISOString() : null,
      // json_agg gives PostgreSQL's timestamp text; answer ISO 8601 like every other date.
      steps: row.steps.map((step) => ({
        ...step,
        fireAt: new Date(step.fireAt).toISOString(),
        firedAt: step.firedAt ? new Date(step.firedAt).toISOString() : null,
      })),
    };
  }

  /** Pending or overdue while open; once done, met on time or late (for "deadlines met on time vs late"). */
  private state(row: DeadlineRow): DeadlineState {
    if (row.status === 'pending') return row.dueAt <= this.clock.now() ? 'overdue' : 'pending';
    return row.doneAt && row.doneAt > row.dueAt ? 'met_late' : 'met';
  }
}
