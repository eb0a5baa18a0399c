import { RECOVERY_INSTRUMENT_IDS, type RecoveryInstrumentId } from '@koers/persistence';
import { BARC10 } from './barc10.instrument';
import type { InstrumentDefinition } from './instrument.types';
import { MHQOL } from './mhqol.instrument';

export * from './instrument.types';
export { BARC10, MHQOL };

/** Every instrument Koers knows, by id (the ids of the `recovery_measurement.instrument_id` check). */
export const INSTRUMENTS = {
  barc10: BARC10,
  mhqol: MHQOL,
} as const satisfies Record<RecoveryInstrumentId, InstrumentDefinition>;

export const INSTRUMENT_IDS = RECOVERY_INSTRUMENT_IDS;

export function instrumentById(id: string): InstrumentDefinition | undefined {
  return Object.hasOwn(INSTRUMENTS, id) ? INSTRUMENTS[id as RecoveryInstrumentId] : undefined;
}
