import { randomInt } from 'node:crypto';

/** No 0/o, 1/l/i: easy to read out and type over. 31 symbols, almost 5 bits each. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A random initial password for an account an admin made or reset, shown to the admin once and never stored
 * (only its argon2id hash): four groups of five, e.g. `k7dmx-p3qah-…`, about 99 bits.
 */
export function newOneTimePassword(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');
}
