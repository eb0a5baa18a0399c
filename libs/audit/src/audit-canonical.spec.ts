import {
  type CanonicalAuditRow,
  type ChainRow,
  ChainVerifier,
  GENESIS_HASH,
  auditRowHash,
  canonicalAuditRow,
} from './audit-canonical';
import { addAll, clientParamsOf, collectKeys } from './client-ids';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const base: CanonicalAuditRow = {
  canonicalVersion: 1,
  id: '1',
  occurredAt: '2026-12-01T08:00:00.000000Z',
  event: 'read',
  clientIds: [A],
  clientBases: null,
  userId: B,
  partyId: null,
  partyKind: 'police',
  responsibleUserId: null,
  accessPoint: 'GET /api/clients/:id',
  categories: ['identity', 'trajectory'],
  result: 'ok',
  status: '200',
  requestId: A,
  prevHash: GENESIS_HASH,
};

/** The same row as written since the legal basis is logged (canonical version 2). */
const v2: CanonicalAuditRow = { ...base, canonicalVersion: 2, clientBases: ['consent'] };

/** A chain of `n` rows, each linked to the one before; `versions[i]` of row i+1 (default: version 1). */
function chain(n: number, versions: readonly (1 | 2)[] = []): ChainRow[] {
  const rows: ChainRow[] = [];
  for (let i = 1; i <= n; i++) {
    const template = versions[i - 1] === 2 ? v2 : base;
    const row = { ...template, id: String(i), prevHash: rows.at(-1)?.hash ?? GENESIS_HASH };
    rows.push({ ...row, hash: auditRowHash(row) });
  }
  return rows;
}

describe('canonical serialization of an access-log row', () => {
  it('writes each field with its byte length, nulls and lists unmistakably', () => {
    expect(canonicalAuditRow(base)).toBe(
      'koers-audit-v1;1:1;27:2026-12-01T08:00:00.000000Z;4:read;[1:36:' +
        `${A};]36:${B};~;6:police;~;20:GET /api/clients/:id;[2:8:identity;10:trajectory;]2:ok;3:200;36:${A};` +
        `64:${GENESIS_HASH};`,
    );
    expect(canonicalAuditRow({ ...base, partyKind: 'é' })).toContain(';2:é;');
  });

  it('version 2 adds the legal basis of each client after the client ids, under its own tag', () => {
    expect(canonicalAuditRow({ ...v2, clientIds: [A, B], clientBases: ['none', 'unknown'] })).toBe(
      'koers-audit-v2;1:1;27:2026-12-01T08:00:00.000000Z;4:read;' +
        `[2:36:${A};36:${B};][2:4:none;7:unknown;]36:${B};~;6:police;~;20:GET /api/clients/:id;` +
        `[2:8:identity;10:trajectory;]2:ok;3:200;36:${A};64:${GENESIS_HASH};`,
    );
    // Version 1 ignores bases (it has none); the two versions of one row never hash alike.
    expect(canonicalAuditRow({ ...base, clientBases: ['consent'] })).toBe(canonicalAuditRow(base));
    expect(auditRowHash(v2)).not.toBe(auditRowHash(base));
    expect(canonicalAuditRow({ ...v2, clientBases: ['care_covenant'] })).not.toBe(canonicalAuditRow(v2));
    expect(() => canonicalAuditRow({ ...v2, canonicalVersion: 3 as 2 })).toThrow('Unknown canonical version');
  });

  it('never serializes two different rows alike', () => {
    const variants: Partial<CanonicalAuditRow>[] = [
      { categories: ['identity,trajectory'] },
      { categories: ['identity;', 'trajectory'] },
      { partyKind: null },
      { partyKind: '' },
      { partyKind: '~' },
      { clientIds: [] },
      { responsibleUserId: B },
      { prevHash: 'f'.repeat(64) },
      { canonicalVersion: 2, clientBases: [] },
      { canonicalVersion: 2, clientBases: ['consent'] },
      { canonicalVersion: 2, clientBases: [null as unknown as string] },
      { canonicalVersion: 2, clientBases: ['consent', ''] },
    ];
    const serialized = [base, ...variants.map((v) => ({ ...base, ...v }))].map(canonicalAuditRow);
    expect(new Set(serialized).size).toBe(serialized.length);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain, fed in batches', () => {
    const rows = chain(5);
    const verifier = new ChainVerifier();
    expect(verifier.check(rows.slice(0, 2))).toBe(true);
    expect(verifier.check(rows.slice(2))).toBe(true);
    expect(verifier).toMatchObject({ rows: 5, broken: null, headHash: rows[4].hash });
  });

  it('names the first row that does not follow: edited, deleted, inserted, or not starting at 1', () => {
    const check = (rows: ChainRow[]) => {
      const verifier = new ChainVerifier();
      verifier.check(rows);
      return verifier.broken;
    };
    const edited = chain(4);
    edited[2] = { ...edited[2], categories: [] };
    expect(check(edited)).toEqual({ id: '3', reason: 'hash' });

    const deleted = chain(4).filter((r) => r.id !== '2');
    expect(check(deleted)).toEqual({ id: '3', reason: 'sequence' });

    const relinked = chain(4);
    relinked[2] = { ...relinked[2], prevHash: GENESIS_HASH };
    expect(check(relinked)).toEqual({ id: '3', reason: 'link' });

    expect(check(chain(3).slice(1))).toEqual({ id: '2', reason: 'sequence' });
    expect(check([])).toBeNull();

    // A basis changed after the fact.
    const rebased = chain(4, [1, 2, 2, 2]);
    rebased[2] = { ...rebased[2], clientBases: ['care_covenant'] };
    expect(check(rebased)).toEqual({ id: '3', reason: 'hash' });
  });

  it('verifies version 1 rows followed by version 2 rows, but never a version 1 row after a version 2 row', () => {
    const check = (rows: ChainRow[]) => {
      const verifier = new ChainVerifier();
      verifier.check(rows.slice(0, 2));
      verifier.check(rows.slice(2));
      return verifier.broken;
    };
    expect(check(chain(5, [1, 1, 2, 2, 2]))).toBeNull();
    // Someone drops the bases of row 4 and rehashes it (and the rest of the chain) the version 1 way.
    const downgraded = chain(5, [1, 1, 2, 1, 2]);
    expect(check(downgraded)).toEqual({ id: '4', reason: 'version' });
    const unknown = chain(3, [2, 2, 2]);
    unknown[1] = { ...unknown[1], canonicalVersion: 7 as 2 };
    expect(check(unknown)).toEqual({ id: '2', reason: 'version' });
  });
});

describe('client ids of a request', () => {
  it('takes the route parameters right after a clients segment', () => {
    expect(clientParamsOf('/api/clients/:id')).toEqual(['id']);
    expect(clientParamsOf('/api/clients/:clientId/journal')).toEqual(['clientId']);
    expect(clientParamsOf('/api/meetings/:id/clients/:clientId/notes')).toEqual(['clientId']);
    expect(clientParamsOf('/api/meetings/:id')).toEqual([]);
  });

  it('collects well-formed ids of the given keys at any depth, lower-cased', () => {
    const into = new Set<string>();
    collectKeys(
      {
        rows: [{ clientId: A.toUpperCase() }, { clientId: 'nope' }],
        nested: { deeper: [{ clientId: [B] }] },
      },
      new Set(['clientId']),
      into,
    );
    expect([...into].sort()).toEqual([A, B]);
    const files = new Set<string>();
    collectKeys(Buffer.from(`{"clientId":"${A}"}`), new Set(['clientId']), files);
    expect(files.size).toBe(0);
    addAll(files, [A, 42, null, 'x']);
    expect([...files]).toEqual([A]);
  });
});
