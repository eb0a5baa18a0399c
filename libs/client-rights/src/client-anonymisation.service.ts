import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import { KOERS_CONFIG, type KoersConfig } from '@koers/config';
import {
  ANONYMISED_NAME,
  ANONYMISED_TEXT,
  BUDGET_FREE_TEXT_COLUMNS,
  anonymiseIntakeAnswers,
  anonymisePayload,
  anonymiseSnapshot,
} from './anonymisation.rules';

/** Clients read per query; each is anonymised in its own transaction. */
const BATCH = 100;

export interface AnonymisationRunResult {
  runId: string;
  retentionMonths: number;
  /** Trajectories closed before this were due. */
  cutoff: Date;
  /** Clients anonymised by this run. */
  anonymised: number;
  /** Clients that failed (left as they were, tried again next run). */
  failures: number;
}

type Query = <T = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<T[]>;

/**
 * Anonymisation of closed trajectories after the retention period (domain.md §8, issue 5 item 5): for every
 * client whose trajectory closed more than `CLIENT_RETENTION_MONTHS` ago and that is not anonymised yet, in one
 * transaction per client, the identity is replaced (name → 'Geanonimiseerd', birth date and BSN removed) and
 * every piece of free text about the client is removed (anonymisation.rules.ts says what stays: stages, event
 * types, dates, criteria, treatment kind, outflow reason, counts). The history's payloads are rewritten through
 * the append-only trigger's one exception (migration ClientRights1795700000000). The access log keeps its rows:
 * they hold ids only. Idempotent: an anonymised client (`client.anonymised_at`) is never touched again, and a
 * run that dies half-way leaves each client either untouched or done.
 */
@Injectable()
export class ClientAnonymisationService {
  private readonly logger = new Logger('ClientAnonymisation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(KOERS_CONFIG) private readonly config: Pick<KoersConfig, 'clientRetentionMonths'>,
  ) {}

  /** One run over every client that is due; recorded in `client_anonymisation_run` and in the log. */
  async run(): Promise<AnonymisationRunResult> {
    const retentionMonths = this.config.clientRetentionMonths;
    const [run] = await this.dataSource.query<{ id: string; cutoff: Date }[]>(
      `INSERT INTO client_anonymisation_run (started_at, retention_months, cutoff)
       VALUES ($1, $2, $1::timestamptz - make_interval(months => $2::int)) RETURNING id::text AS id, cutoff`,
      [this.clock.now(), retentionMonths],
    );
    let anonymised = 0;
    const failed = new Set<string>();
    for (;;) {
      const due = await this.dueClients(run.cutoff, [...failed]);
      for (const clientId of due) {
        try {
          if (await this.anonymise(clientId, run.cutoff)) anonymised++;
        } catch (error) {
          failed.add(clientId);
          // The error's code only: a database error's message may quote a value.
          const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown');
          this.logger.error(`anonymising client ${clientId} failed (${code}); tried again next run`);
        }
      }
      if (due.length < BATCH) break;
    }
    await this.dataSource.query(
      `UPDATE client_anonymisation_run SET finished_at = $2, clients = $3, failures = $4 WHERE id = $1`,
      [run.id, this.clock.now(), anonymised, failed.size],
    );
    this.logger.log(
      `run ${run.id}: anonymised ${anonymised} client(s) whose trajectory closed before ${run.cutoff.toISOString()} ` +
        `(retention ${retentionMonths} months)${failed.size ? `; ${failed.size} failed` : ''}`,
    );
    return { runId: run.id, retentionMonths, cutoff: run.cutoff, anonymised, failures: failed.size };
  }

  private async dueClients(cutoff: Date, skip: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM client c JOIN trajectory t ON t.client_id = c.id
        WHERE c.anonymised_at IS NULL AND t.closed_at IS NOT NULL AND t.closed_at < $1
          AND NOT (c.id = ANY($2::uuid[]))
        ORDER BY t.closed_at, c.id LIMIT $3`,
      [cutoff, skip, BATCH],
    );
    return rows.map((row) => row.id);
  }

  /** Anonymises one client if it is (still) due; false when it was not (already done, or not closed long enough). */
  async anonymise(clientId: string, cutoff: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const query: Query = (sql, values) => manager.query(sql, values);
      // Locked, and checked again: a concurrent run (a second worker) waits here, then finds it done.
      const [due] = await query<{ trajectory_id: string; snapshot: unknown }>(
        `SELECT t.id AS trajectory_id, t.snapshot FROM client c JOIN trajectory t ON t.client_id = c.id
          WHERE c.id = $1 AND c.anonymised_at IS NULL AND t.closed_at IS NOT NULL AND t.closed_at < $2
          FOR UPDATE OF c, t`,
        [clientId, cutoff],
      );
      if (!due) return false;
      const now = this.clock.now();
      await this.anonymiseHistory(query, due.trajectory_id, now);
      await query(`UPDATE trajectory SET snapshot = $2 WHERE id = $1`, [
        due.trajectory_id,
        JSON.stringify(anonymiseSnapshot(due.snapshot)),
      ]);
      await query(
        `UPDATE client SET display_name = $2, birth_date = NULL, bsn = NULL, anonymised_at = $3 WHERE id = $1`,
        [clientId, ANONYMISED_NAME, now],
      );
      await query(`UPDATE journal_entry SET text = $2 WHERE client_id = $1`, [clientId, ANONYMISED_TEXT]);
      await query(
        `UPDATE meeting_record SET text = $2, reasons = CASE WHEN reasons IS NULL THEN NULL ELSE $2 END
          WHERE client_id = $1`,
        [clientId, ANONYMISED_TEXT],
      );
      await query(
        `UPDATE action SET description = $2, done_note = CASE WHEN done_note IS NULL THEN NULL ELSE $2 END
          WHERE client_id = $1`,
        [clientId, ANONYMISED_TEXT],
      );
      await query(`UPDATE client_invitation SET reason = $2 WHERE client_id = $1`, [
        clientId,
        ANONYMISED_TEXT,
      ]);
      // Recovery measurements hold numbers only (answers, totals: kept for the reports); a correction's reason is text.
      await query(`UPDATE recovery_measurement_change SET reason = $2 WHERE client_id = $1`, [
        clientId,
        ANONYMISED_TEXT,
      ]);
      // The budget's free text (table and column names are constants, never input).
      for (const [table, columns] of Object.entries(BUDGET_FREE_TEXT_COLUMNS)) {
        const set = columns.map((c) => `${c} = CASE WHEN ${c} IS NULL THEN NULL ELSE $2 END`).join(', ');
        await query(`UPDATE ${table} SET ${set} WHERE client_id = $1`, [clientId, ANONYMISED_TEXT]);
      }
      const intakes = await query<{ id: string; answers: Record<string, unknown> }>(
        `SELECT id, answers FROM case_intake WHERE client_id = $1`,
        [clientId],
      );
      for (const intake of intakes) {
        await query(`UPDATE case_intake SET answers = $2 WHERE id = $1`, [
          intake.id,
          JSON.stringify(anonymiseIntakeAnswers(intake.answers)),
        ]);
      }
      // The chair's note on the client's agenda items (other clients' items stay as they are).
      await query(
        `UPDATE meeting m
            SET agenda = jsonb_set(m.agenda, '{items}', (
              SELECT jsonb_agg(CASE WHEN lower(x.item->>'clientId') = $1::text
                                    THEN jsonb_set(x.item, '{note}', 'null'::jsonb) ELSE x.item END ORDER BY x.ord)
                FROM jsonb_array_elements(m.agenda->'items') WITH ORDINALITY AS x(item, ord)))
          WHERE jsonb_typeof(m.agenda->'items') = 'array'
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(m.agenda->'items') AS i(item)
                         WHERE lower(i.item->>'clientId') = $1::text)`,
        [clientId.toLowerCase()],
      );
      return true;
    });
  }

  /**
   * The history's payloads, rewritten in one statement under the trigger's exception: the setting is on for
   * that statement only (and local to the transaction in any case).
   */
  private async anonymiseHistory(query: Query, trajectoryId: string, now: Date): Promise<void> {
    const events = await query<{ id: string; type: string; payload: Record<string, unknown> }>(
      `SELECT id::text AS id, type, payload FROM trajectory_event
        WHERE trajectory_id = $1 AND anonymised_at IS NULL ORDER BY seq`,
      [trajectoryId],
    );
    if (events.length === 0) return;
    const rewritten = events.map((event) => ({
      id: event.id,
      payload: anonymisePayload(event.type, event.payload),
    }));
    await query(`SELECT set_config('koers.anonymising', 'on', true)`);
    await query(
      `UPDATE trajectory_event e SET payload = x.payload, anonymised_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, payload jsonb)
        WHERE e.id = x.id`,
      [JSON.stringify(rewritten), now],
    );
    await query(`SELECT set_config('koers.anonymising', 'off', true)`);
  }
}
