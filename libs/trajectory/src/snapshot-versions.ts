import { TRAJECTORY_MACHINE_ID, TRAJECTORY_MACHINE_VERSION } from '@koers/machines/trajectory';
import xstatePackage from 'xstate/package.json';

/** Exact xstate version stored with every snapshot (architecture invariant 6; pinned in package.json). */
export const XSTATE_VERSION: string = xstatePackage.version;

/**
 * Upgrades a stored snapshot to the current machine version. Each released version either stays
 * runnable or gets an explicit, fixture-tested step here; version 1 is the first release.
 *
 * 1 → 2 (legal basis `none`, CONSENT_WITHDRAWN, COVENANT_INVOKED): the shape did not change, so a version 1
 * snapshot is a version 2 snapshot as it is (fixture-tested in snapshot-versions.spec.ts). Version 2 exists so
 * that a build of version 1 refuses a snapshot whose basis it would not understand.
 */
const UPGRADES: Record<number, (snapshot: unknown) => unknown> = {
  1: (snapshot) => snapshot,
};

export class UnknownSnapshotVersionError extends Error {}

export function upgradeSnapshot(machineId: string, machineVersion: number, snapshot: unknown): unknown {
  if (machineId !== TRAJECTORY_MACHINE_ID)
    throw new UnknownSnapshotVersionError(`Unknown machine ${machineId}`);
  let current = snapshot;
  for (let version = machineVersion; version < TRAJECTORY_MACHINE_VERSION; version++) {
    const upgrade = UPGRADES[version];
    if (!upgrade)
      throw new UnknownSnapshotVersionError(`No upgrade from trajectory machine version ${version}`);
    current = upgrade(current);
  }
  if (machineVersion > TRAJECTORY_MACHINE_VERSION) {
    throw new UnknownSnapshotVersionError(
      `Snapshot of machine version ${machineVersion} is newer than this build`,
    );
  }
  return current;
}
