import type { SqlQuery } from '@koers/persistence';

/** A measurement as stored, with who recorded it. */
export interface MeasurementRow {
  id: string;
  client_id: string;
  team_id: string;
  instrument_id: string;
  instrument_version: number;
  measured_at: Date;
  measured_on_date: boolean;
  answers: Record<string, number>;
  extra_scores: Record<string, number>;
  total_score: number | null;
  recorded_by: string;
  recorder_name: string;
  recorded_party_kind: string;
  recorded_at: Date;
  corrected_at: Date | null;
}

export interface ChangeRow {
  id: string;
  measurement_id: string;
  action: 'corrected' | 'deleted';
  reason: string;
  previous: Record<string, unknown>;
  changed_by: string;
  changer_name: string;
  changed_party_kind: string;
  changed_at: Date;
}

const SELECT_MEASUREMENTS = `
  SELECT m.id, m.client_id, m.team_id, m.instrument_id, m.instrument_version, m.measured_at, m.measured_on_date,
         m.answers, m.extra_scores, m.total_score, m.recorded_by, u.display_name AS recorder_name,
         m.recorded_party_kind, m.recorded_at, m.corrected_at
    FROM recovery_measurement m
    JOIN app_user u ON u.id = m.recorded_by`;

/** The SQL of recovery monitoring; each function runs on the caller's connection (or transaction). */
export const RecoveryQueries = {
  /** A client's measurements, newest first. */
  measurements(query: SqlQuery, clientId: string): Promise<MeasurementRow[]> {
    return query<MeasurementRow & Record<string, unknown>>(
      `${SELECT_MEASUREMENTS} WHERE m.client_id = $1 ORDER BY m.measured_at DESC, m.recorded_at DESC, m.id`,
      [clientId],
    );
  },

  async measurement(
    query: SqlQuery,
    clientId: string,
    id: string,
    lock: boolean,
  ): Promise<MeasurementRow | null> {
    // FOR UPDATE OF m: a correction and a deletion of the same measurement follow one another.
    const [row] = await query<MeasurementRow & Record<string, unknown>>(
      `${SELECT_MEASUREMENTS} WHERE m.id = $1 AND m.client_id = $2${lock ? ' FOR UPDATE OF m' : ''}`,
      [id, clientId],
    );
    return row ?? null;
  },

  /** Corrections and deletions of a client's measurements, oldest first. */
  changes(query: SqlQuery, clientId: string): Promise<ChangeRow[]> {
    return query<ChangeRow & Record<string, unknown>>(
      `SELECT c.id, c.measurement_id, c.action, c.reason, c.previous, c.changed_by, u.display_name AS changer_name,
              c.changed_party_kind, c.changed_at
         FROM recovery_measurement_change c
         JOIN app_user u ON u.id = c.changed_by
        WHERE c.client_id = $1
        ORDER BY c.changed_at, c.id`,
      [clientId],
    );
  },

  /** The configured wording of instrument items. */
  itemTexts(query: SqlQuery): Promise<{ instrument_id: string; item_id: string; text: string }[]> {
    return query(`SELECT instrument_id, item_id, text FROM recovery_instrument_item_text`);
  },
};
