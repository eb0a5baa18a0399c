import { type CheckpointRow, CheckpointVerifier, checkpointMac, keyIdOf } from './audit-anchor';

const key = Buffer.alloc(32, 1);
const otherKey = Buffer.alloc(32, 2);
const hash = (n: number) => n.toString(16).padStart(64, '0');

function checkpoint(id: number, headId: number, signWith = key): CheckpointRow {
  return {
    id: String(id),
    headId: String(headId),
    headHash: hash(headId),
    keyId: keyIdOf(signWith),
    mac: checkpointMac(signWith, String(headId), hash(headId)),
    rowHash: hash(headId),
  };
}

function verify(rows: CheckpointRow[], lastRowId: number) {
  const verifier = new CheckpointVerifier(key);
  verifier.check(rows.slice(0, 1));
  verifier.check(rows.slice(1));
  verifier.finish(BigInt(lastRowId));
  return verifier;
}

describe('checkpoints of the access log', () => {
  it('signs the row id and hash with the key, under a public fingerprint of the key', () => {
    expect(checkpointMac(key, '7', hash(7))).toMatch(/^[0-9a-f]{64}$/);
    expect(checkpointMac(key, '7', hash(7))).not.toBe(checkpointMac(otherKey, '7', hash(7)));
    expect(checkpointMac(key, '7', hash(7))).not.toBe(checkpointMac(key, '8', hash(7)));
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key)).not.toBe(keyIdOf(otherKey));
  });

  it('accepts checkpoints that anchor the whole chain', () => {
    const verifier = verify([checkpoint(1, 3), checkpoint(2, 5), checkpoint(3, 9)], 9);
    expect(verifier).toMatchObject({ broken: null, checkpoints: 3, anchoredThrough: 9n });
  });

  it('names what fails: a rewritten row, a forged or foreign checkpoint, rows no checkpoint covers', () => {
    const rewritten = [checkpoint(1, 3), { ...checkpoint(2, 5), rowHash: hash(55) }];
    expect(verify(rewritten, 5).broken).toEqual({ id: '5', reason: 'checkpoint' });
    const gone = [checkpoint(1, 3), { ...checkpoint(2, 5), rowHash: null }];
    expect(verify(gone, 4).broken).toEqual({ id: '5', reason: 'checkpoint' });
    // The owner rewrote the row and the checkpoint's hash with it, but cannot make the MAC.
    const forged = [checkpoint(1, 3), { ...checkpoint(2, 5), headHash: hash(55), rowHash: hash(55) }];
    expect(verify(forged, 5).broken).toEqual({ id: '5', reason: 'checkpoint_mac' });
    expect(verify([checkpoint(1, 3, otherKey)], 3).broken).toEqual({ id: '3', reason: 'checkpoint_key' });
    // Checkpoints after row 5 removed (or rows appended around the audit point).
    expect(verify([checkpoint(1, 3), checkpoint(2, 5)], 8).broken).toEqual({ id: '6', reason: 'unanchored' });
    expect(verify([], 2).broken).toEqual({ id: '1', reason: 'unanchored' });
    expect(verify([], 0).broken).toBeNull();
  });
});
