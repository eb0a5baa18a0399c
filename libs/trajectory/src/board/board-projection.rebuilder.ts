import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { restoreSnapshot } from '@koers/machines/trajectory';
import { upgradeSnapshot } from '../snapshot-versions';
import { BLOCKERS_VERSION, machineBlockerColumns } from './board-projection';

const BATCH = 500;

/**
 * Recomputes the machine blockers of trajectories written by an older blocker derivation (BLOCKERS_VERSION),
 * at worker start. Each row is compared-and-set on its version, so a concurrent event simply wins.
 */
@Injectable()
export class BoardProjectionRebuilder implements OnApplicationBootstrap {
  private readonly logger = new Logger('BoardProjection');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const rebuilt = await this.rebuild();
    if (rebuilt > 0) this.logger.log(`recomputed the blockers of ${rebuilt} trajectories`);
  }

  async rebuild(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows: {
        id: string;
        version: number;
        machine_id: string;
        machine_version: number;
        snapshot: unknown;
      }[] = await this.dataSource.query(
        `SELECT id, version, machine_id, machine_version, snapshot FROM trajectory
            WHERE blockers_version < $1 ORDER BY id LIMIT ${BATCH}`,
        [BLOCKERS_VERSION],
      );
      for (const row of rows) {
        const snapshot = restoreSnapshot(upgradeSnapshot(row.machine_id, row.machine_version, row.snapshot));
        const { blockers, codes } = machineBlockerColumns(snapshot);
        await this.dataSource.query(
          `UPDATE trajectory SET machine_blockers = $3, machine_blocker_codes = $4, blockers_version = $5,
                  machine_blocked_since = CASE WHEN cardinality($4::text[]) = 0 THEN NULL
                                               ELSE COALESCE(machine_blocked_since, stage_entered_at) END
            WHERE id = $1 AND version = $2`,
          [row.id, row.version, JSON.stringify(blockers), codes, BLOCKERS_VERSION],
        );
      }
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }
}
