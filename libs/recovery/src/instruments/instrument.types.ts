import type { RecoveryInstrumentId } from '@koers/persistence';

export type { RecoveryInstrumentId };

/**
 * A recovery instrument as data (issue 7 item 2): its items, answer scale, extra scales, how it is scored and when
 * a total counts. Koers ships no item wording of its own: each item has a number and a neutral Dutch short label
 * (what the item is about, not what it asks); the wording is configurable text that an organisation holding the
 * licence sets (recovery_instrument_item_text). Everything here is JSON-serialisable and answered by the API.
 */
export interface InstrumentDefinition {
  id: RecoveryInstrumentId;
  /** As the instrument is known, e.g. `BARC-10`. */
  name: string;
  /** Version of this definition (items, scale, rules); stored with each measurement. */
  version: number;
  /** One Dutch sentence on what it measures. */
  description: string;
  /** Where it comes from and what Koers ships of it (see README, Recovery monitoring). */
  source: string;
  items: readonly InstrumentItem[];
  scale: InstrumentScale;
  /** Scales answered beside the items that are not part of the total (MHQoL: the 0–10 well-being scale). */
  extraScales: readonly ExtraScale[];
  scoring: InstrumentScoring;
  validity: InstrumentValidity;
  /** A cut-off from the instrument's validation study, if it has one. */
  threshold: InstrumentThreshold | null;
}

export interface InstrumentItem {
  /** Stable id used in answers: `q1`, `q2`, … */
  id: string;
  /** 1-based position in the instrument. */
  number: number;
  /** Neutral Dutch label of the domain the item covers (never the item's wording). */
  shortLabel: string;
}

export interface InstrumentScale {
  min: number;
  max: number;
  /** Dutch label of each answer value, min to max. */
  labels: readonly { value: number; label: string }[];
}

export interface ExtraScale {
  id: string;
  shortLabel: string;
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

export interface InstrumentScoring {
  /** The total is the sum of the item answers. */
  method: 'sum';
  /** The range of a valid total. */
  range: { min: number; max: number };
  description: string;
}

export interface InstrumentValidity {
  /** A total is computed only when every item has an answer (partial answers are stored, without a total). */
  rule: 'all_items_answered';
  description: string;
}

export interface InstrumentThreshold {
  /** A total at or above this value. */
  atLeast: number;
  /** Dutch, for the screen: what being at or above it means. */
  label: string;
  description: string;
}
