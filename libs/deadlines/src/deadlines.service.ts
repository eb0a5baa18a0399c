import { Injectable } from '@nestjs/common';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from '@koers/machines/trajectory';
import {
  type Actor,
  ClientAccessRepository,
  DEADLINE_CATEGORIES,
  type DataCategory,
  categoriesFor,
  scopeOf,
} from '@koers/access';
import { Clock } from '@koers/clock';
import { DeadlineRepository, DeadlineRow } from './deadline.repository';

/** Need-to-know: a deadline shows when its kind's category is one the reader may see of that client. */
const mayReadKind = (categories: readonly DataCategory[], kind: string): boolean =>
  categories.includes(DEADLINE_CATEGORIES[kind as DeadlineKind] ?? 'trajectory');

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
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  async forClient(actor: Actor, clientId: string): Promise<DeadlineView[]> {
    const { categories } = await this.access.assertClientVisible(actor, clientId);
    const rows = await this.repository.forClient(clientId);
    return rows.filter((row) => mayReadKind(categories, row.kind)).map((row) => this.view(row));
  }

  async forTeams(actor: Actor, status: 'pending' | 'overdue' | 'done'): Promise<DeadlineView[]> {
    const rows = await this.repository.forTeams(scopeOf(actor), status, this.clock.now());
    return rows.filter((row) => this.mayRead(actor, row)).map((row) => this.view(row));
  }

  /** What the reader may see of a deadline's client (of its casusoverleg, for one without a client). */
  private mayRead(actor: Actor, row: DeadlineRow): boolean {
    const categories = row.clientId
      ? categoriesFor(actor, row.teamId, row.clientId, row.legalBasis ?? 'none')
      : actor.teamIds.includes(row.teamId)
        ? actor.categories
        : [];
    return mayReadKind(categories, row.kind);
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
