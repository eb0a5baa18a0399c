// Dutch wording of the reports and their exports (read by the casusoverleg and the council); ids are the API's.
import {
  DEADLINE_KIND_LABELS,
  OUTFLOW_REASONS,
  PARTY_LABELS,
  SIGNAL_SOURCES,
  STAGE_LABELS,
  STAGES,
  STILL_USING,
  type OutflowReason,
  type SignalSource,
  type StillUsing,
} from '@koers/machines/trajectory';
import { SPEND_CATEGORY_LABELS } from '@koers/budget';
import { RECOVERY_INSTRUMENT_IDS, type RecoveryInstrumentId } from '@koers/persistence';

export { DEADLINE_KIND_LABELS, STAGE_LABELS };

/** The stages a trajectory can be in while open: the caseload and the time per stage. */
export const OPEN_STAGES = STAGES.filter((stage) => stage !== 'closed');
export type OpenStage = (typeof OPEN_STAGES)[number];

export const SOURCE_LABELS = {
  ...PARTY_LABELS,
  citizen: 'Burger',
  self: 'Cliënt zelf',
  spreekuur: 'Spreekuur',
  mdo: 'MDO',
} as const satisfies Record<SignalSource, string>;
export { SIGNAL_SOURCES, OUTFLOW_REASONS, STILL_USING };

export const OUTFLOW_REASON_LABELS = {
  goal_achieved: 'Doel bereikt',
  regular_care: 'Naar reguliere zorg',
  moved: 'Verhuisd',
  dropped_out: 'Uitgevallen',
  declined: 'Toestemming geweigerd',
  not_included: 'Niet geïncludeerd',
  detained: 'Gedetineerd',
  deceased: 'Overleden',
  other: 'Anders',
} as const satisfies Record<OutflowReason, string>;

export const STILL_USING_LABELS = {
  yes: 'Gebruikt nog',
  no: 'Gebruikt niet meer',
  unknown: 'Onbekend',
} as const satisfies Record<StillUsing, string>;

/** A relapse: back to `motivation` from aftercare (RELAPSED) or from admission (TREATMENT_ABORTED). */
export const RELAPSE_KINDS = ['relapsed', 'treatment_aborted'] as const;
export type RelapseKind = (typeof RELAPSE_KINDS)[number];
export const RELAPSE_KIND_LABELS = {
  relapsed: 'Terugval tijdens nazorg',
  treatment_aborted: 'Behandeling afgebroken',
} as const satisfies Record<RelapseKind, string>;

// Spending categories are libs/budget's (their labels too); a category the reports do not know is shown by its id
// (labelOf).
export { SPEND_CATEGORY_LABELS };

/** The instruments of libs/recovery, by the ids of the `recovery_measurement.instrument_id` check. */
export const RECOVERY_INSTRUMENTS = RECOVERY_INSTRUMENT_IDS;
export type RecoveryInstrument = RecoveryInstrumentId;
export const RECOVERY_INSTRUMENT_LABELS = {
  barc10: 'BARC-10 (herstelkapitaal, 10–60)',
  mhqol: 'MHQoL (kwaliteit van leven, 0–21)',
} as const satisfies Record<RecoveryInstrument, string>;
/** BARC-10 total at or above which its validation study predicted sustained remission (domain.md §7). */
export const BARC10_REMISSION_THRESHOLD = 47;

export const labelOf = (labels: Record<string, string>, id: string): string =>
  Object.hasOwn(labels, id) ? labels[id] : id;
