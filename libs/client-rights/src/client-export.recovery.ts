// The recovery measurements in the data-subject export (issue 7 item 2): every measurement of the client with its
// item answers, and every correction and deletion with its reason and the earlier values.

import { instrumentById } from '@koers/recovery';
import type { ExportPerson } from './client-export.types';

type Row = Record<string, unknown>;

export interface ExportRecovery {
  measurements: {
    id: string;
    instrumentId: string;
    instrumentName: string;
    measuredAt: string;
    /** Item id → answer (unanswered items absent). */
    answers: Record<string, number>;
    extraScores: Record<string, number>;
    /** Null when not every item was answered. */
    totalScore: number | null;
    recordedAt: string;
    recordedBy: ExportPerson;
    correctedAt: string | null;
  }[];
  changes: {
    id: string;
    measurementId: string;
    action: string;
    reason: string;
    /** The measurement before the change (instrumentId, measuredAt, answers, extraScores, totalScore). */
    previous: Record<string, unknown>;
    changedAt: string;
    changedBy: ExportPerson;
  }[];
}

export const RECOVERY_EXPORT_SQL = {
  measurements: `SELECT m.id, m.instrument_id, m.measured_at, m.answers, m.extra_scores, m.total_score, m.recorded_at,
                        m.corrected_at, m.recorded_by AS by_id, u.display_name AS by_name, m.recorded_party_kind AS by_party
                   FROM recovery_measurement m LEFT JOIN app_user u ON u.id = m.recorded_by
                  WHERE m.client_id = $1 ORDER BY m.measured_at, m.recorded_at, m.id`,
  changes: `SELECT c.id, c.measurement_id, c.action, c.reason, c.previous, c.changed_at, c.changed_by AS by_id,
                   u.display_name AS by_name, c.changed_party_kind AS by_party
              FROM recovery_measurement_change c LEFT JOIN app_user u ON u.id = c.changed_by
             WHERE c.client_id = $1 ORDER BY c.changed_at, c.id`,
};

const iso = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString();
const by = (row: Row): ExportPerson => ({
  userId: row.by_id == null ? null : String(row.by_id),
  displayName: row.by_name == null ? null : String(row.by_name),
  partyKind: row.by_party == null ? null : String(row.by_party),
});

export function recoveryExport(rows: { measurements: Row[]; changes: Row[] }): ExportRecovery {
  return {
    measurements: rows.measurements.map((m) => ({
      id: String(m.id),
      instrumentId: String(m.instrument_id),
      instrumentName: instrumentById(String(m.instrument_id))?.name ?? String(m.instrument_id),
      measuredAt: iso(m.measured_at),
      answers: m.answers as Record<string, number>,
      extraScores: m.extra_scores as Record<string, number>,
      totalScore: m.total_score == null ? null : Number(m.total_score),
      recordedAt: iso(m.recorded_at),
      recordedBy: by(m),
      correctedAt: m.corrected_at == null ? null : iso(m.corrected_at),
    })),
    changes: rows.changes.map((c) => ({
      id: String(c.id),
      measurementId: String(c.measurement_id),
      action: String(c.action),
      reason: String(c.reason),
      previous: c.previous as Record<string, unknown>,
      changedAt: iso(c.changed_at),
      changedBy: by(c),
    })),
  };
}

/** The answers as the PDF shows them: `1: 5, 2: 4, …` (item numbers), and the extra scales by name. */
export function formatRecoveryAnswers(
  instrumentId: string,
  answers: Record<string, number>,
  extraScores: Record<string, number>,
): string {
  const definition = instrumentById(instrumentId);
  const items = Object.entries(answers).map(([id, value]) => {
    const item = definition?.items.find((i) => i.id === id);
    return `${item ? item.number : id}: ${value}`;
  });
  const extra = Object.entries(extraScores).map(([id, value]) => {
    const scale = definition?.extraScales.find((s) => s.id === id);
    return `${scale ? scale.shortLabel : id}: ${value}`;
  });
  return [items.join(', ') || '—', ...extra].join('; ');
}

export const RECOVERY_CHANGE_LABELS: Record<string, string> = {
  corrected: 'Gecorrigeerd',
  deleted: 'Verwijderd',
};
