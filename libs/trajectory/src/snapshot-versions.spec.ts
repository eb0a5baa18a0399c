import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  TRAJECTORY_MACHINE_ID,
  TRAJECTORY_MACHINE_VERSION,
  acceptedEventTypes,
  persistSnapshot,
  restoreSnapshot,
  stageOf,
} from '@koers/machines/trajectory';
import { UnknownSnapshotVersionError, XSTATE_VERSION, upgradeSnapshot } from './snapshot-versions';

const FIXTURES = join(__dirname, '../../../machines/trajectory/fixtures');

interface StoredFixture {
  machineId: string;
  machineVersion: number;
  xstateVersion: string;
  snapshot: unknown;
}

/** The stored snapshot fixtures by machine version (machines/trajectory/fixtures/trajectory-v<n>.snapshot.json). */
function fixtures(): Map<number, StoredFixture> {
  const byVersion = new Map<number, StoredFixture>();
  for (const file of readdirSync(FIXTURES)) {
    const match = /^trajectory-v(\d+)\.snapshot\.json$/.exec(file);
    if (match) byVersion.set(Number(match[1]), JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
  }
  return byVersion;
}

describe('snapshot versions (architecture invariant 6)', () => {
  it('has a stored snapshot of every released machine version', () => {
    const versions = [...fixtures().keys()].sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: TRAJECTORY_MACHINE_VERSION }, (_, i) => i + 1));
  });

  it.each([...fixtures()].map(([version, fixture]) => [version, fixture] as const))(
    'upgrades and restores the stored snapshot of version %i, and stores it again as the current version',
    (version, fixture) => {
      expect(fixture).toMatchObject({ machineId: TRAJECTORY_MACHINE_ID, machineVersion: version });
      expect(fixture.xstateVersion).toBe(XSTATE_VERSION);
      const restored = restoreSnapshot(
        upgradeSnapshot(fixture.machineId, fixture.machineVersion, fixture.snapshot),
      );
      expect(restored.status).toBe('active');
      expect(acceptedEventTypes(restored).length).toBeGreaterThan(0);
      const again = restoreSnapshot(
        upgradeSnapshot(TRAJECTORY_MACHINE_ID, TRAJECTORY_MACHINE_VERSION, persistSnapshot(restored)),
      );
      expect(stageOf(again)).toBe(stageOf(restored));
      expect(again.context).toEqual(restored.context);
    },
  );

  it('upgrades version 1 to 2 as it is: the shape did not change', () => {
    const v1 = fixtures().get(1)!;
    expect(upgradeSnapshot(TRAJECTORY_MACHINE_ID, 1, v1.snapshot)).toEqual(v1.snapshot);
  });

  it('refuses an unknown machine and a version newer than this build', () => {
    const v1 = fixtures().get(1)!;
    expect(() => upgradeSnapshot('other', 1, v1.snapshot)).toThrow(UnknownSnapshotVersionError);
    expect(() => upgradeSnapshot(TRAJECTORY_MACHINE_ID, TRAJECTORY_MACHINE_VERSION + 1, v1.snapshot)).toThrow(
      'newer than this build',
    );
  });
});
