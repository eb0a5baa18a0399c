import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checkpoints anchor the access log's hash chain against whoever owns the database: an HMAC-SHA256 with
 * AUDIT_CHAIN_KEY (held by the application only) over the id and hash of the last row of each group commit.
 * Rewriting the chain then changes a row a checkpoint names, and a matching checkpoint cannot be made without the key.
 */
export const CHECKPOINT_VERSION = 'koers-audit-checkpoint-v1';

/** A short, public fingerprint of the key, so a checkpoint made with another key is told apart from a forged one. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('koers-audit-key-id;').update(key).digest('hex').slice(0, 16);
}

export function checkpointMac(key: Buffer, headId: string, headHash: string): string {
  return createHmac('sha256', key)
    .update(`${CHECKPOINT_VERSION};${headId};${headHash}`, 'utf8')
    .digest('hex');
}

/** A checkpoint as stored, with the hash the row it names has now (null if there is no such row). */
export interface CheckpointRow {
  id: string;
  headId: string;
  headHash: string;
  keyId: string;
  mac: string;
  rowHash: string | null;
}

export type CheckpointBreak = 'checkpoint' | 'checkpoint_mac' | 'checkpoint_key' | 'unanchored';

/**
 * Checks checkpoints (fed in batches, in id order) against the key and against the rows they name, and tracks the
 * highest row they anchor. A checkpoint anchors its row and, through the hash chain, every row before it.
 */
export class CheckpointVerifier {
  private readonly keyId: string;
  checkpoints = 0;
  /** The highest row id a valid checkpoint names (as a bigint; 0 when none). */
  anchoredThrough = 0n;
  broken: { id: string; reason: CheckpointBreak } | null = null;

  constructor(private readonly key: Buffer) {
    this.keyId = keyIdOf(key);
  }

  /** Returns false once a checkpoint fails (the rest need not be read). */
  check(batch: readonly CheckpointRow[]): boolean {
    for (const checkpoint of batch) {
      if (this.broken) return false;
      this.checkpoints += 1;
      if (checkpoint.keyId !== this.keyId) {
        this.broken = { id: checkpoint.headId, reason: 'checkpoint_key' };
      } else if (!sameHex(checkpointMac(this.key, checkpoint.headId, checkpoint.headHash), checkpoint.mac)) {
        this.broken = { id: checkpoint.headId, reason: 'checkpoint_mac' };
      } else if (checkpoint.rowHash !== checkpoint.headHash) {
        // The row it anchored has another hash now (or is gone): the chain was rewritten from there on.
        this.broken = { id: checkpoint.headId, reason: 'checkpoint' };
      } else if (BigInt(checkpoint.headId) > this.anchoredThrough) {
        this.anchoredThrough = BigInt(checkpoint.headId);
      }
    }
    return !this.broken;
  }

  /**
   * After every checkpoint: the chain's last row must be anchored. Rows and their checkpoint commit together and
   * the checkpoints are read after the rows, so a row without one was not written by the audit point (or its
   * checkpoints were removed).
   */
  finish(lastRowId: bigint): void {
    if (!this.broken && lastRowId > this.anchoredThrough) {
      this.broken = { id: String(this.anchoredThrough + 1n), reason: 'unanchored' };
    }
  }
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
