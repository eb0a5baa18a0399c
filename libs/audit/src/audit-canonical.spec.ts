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
  id: '1',
  occurredAt: '2026-12-01T08:00:00.000000Z',
  event: 'read',
  clientIds: [A],
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

/** A chain of `n` rows, each linked to the one before. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  for (let i = 1; i <= n; i++) {
    const row = { ...base, id: String(i), prevHash: rows.at(-1)?.hash ?? GENESIS_HASH };
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
