/**
 * Recovery monitoring as the API answers it (libs/recovery): the instruments as data (GET /api/recovery/instruments)
 * and one client's measurements with the trend per instrument (GET /api/clients/:id/recovery-measurements).
 */

export interface InstrumentItem {
  id: string;
  number: number;
  /** Neutral Dutch label of the domain the item covers (Koers ships no item wording). */
  shortLabel: string;
  /** The wording an admin set for a licensed organisation; null: show number and short label. */
  text: string | null;
}

export interface ExtraScale {
  id: string;
  shortLabel: string;
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

export interface Instrument {
  id: string;
  name: string;
  version: number;
  description: string;
  source: string;
  items: InstrumentItem[];
  scale: { min: number; max: number; labels: { value: number; label: string }[] };
  extraScales: ExtraScale[];
  scoring: { method: 'sum'; range: { min: number; max: number }; description: string };
  validity: { rule: 'all_items_answered'; description: string };
  threshold: { atLeast: number; label: string; description: string } | null;
}

export interface Person {
  userId: string;
  displayName: string;
  partyKind: string;
}

export interface MeasurementChange {
  id: string;
  measurementId: string;
  action: 'corrected' | 'deleted';
  reason: string;
  changedAt: string;
  changedBy: Person;
  previous: {
    instrumentId: string;
    measuredAt: string;
    answers: Record<string, number>;
    extraScores: Record<string, number>;
    totalScore: number | null;
  };
}

export interface Measurement {
  id: string;
  clientId: string;
  instrumentId: string;
  instrumentName: string;
  measuredAt: string;
  /** The Amsterdam calendar date of measuredAt. */
  measuredOn: string;
  answers: Record<string, number>;
  extraScores: Record<string, number>;
  answeredItems: number;
  itemCount: number;
  complete: boolean;
  totalScore: number | null;
  aboveThreshold: boolean | null;
  recordedBy: Person;
  recordedAt: string;
  correctedAt: string | null;
  corrections: MeasurementChange[];
}

export interface TrendPoint {
  measurementId: string;
  measuredAt: string;
  measuredOn: string;
  totalScore: number | null;
  extraScores: Record<string, number>;
}

export interface InstrumentTrend {
  instrumentId: string;
  name: string;
  totalRange: { min: number; max: number };
  threshold: { atLeast: number; label: string; description: string } | null;
  count: number;
  completeCount: number;
  first: TrendPoint | null;
  last: TrendPoint | null;
  /** last − first, with at least two complete measurements. */
  change: number | null;
  lastAboveThreshold: boolean | null;
  /** Oldest first; incomplete ones have totalScore null. */
  points: TrendPoint[];
}

export interface ClientRecovery {
  clientId: string;
  instruments: InstrumentTrend[];
  /** Newest first. */
  measurements: Measurement[];
  deletions: MeasurementChange[];
}

/** A change as people read it: `+5`, `−3`, `0` (the same as libs/recovery's formatChange). */
export const formatChange = (change: number): string =>
  change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0';

/** How an item is named on the screen: its configured wording, else its number and neutral short label. */
export const itemLabel = (item: InstrumentItem): string =>
  item.text ? `${item.number}. ${item.text}` : `${item.number}. ${item.shortLabel}`;
