/**
 * JSON bodies are checked before anything parses them into objects: PostgreSQL refuses NUL characters
 * and lone surrogates in text and jsonb, and class-transformer recurses without limit, so these would
 * otherwise surface as 5xx. Both checks answer 400.
 */
export const MAX_JSON_DEPTH = 32;

export class JsonBodyError extends Error {
  readonly status = 400;
  readonly expose = true;
}

/** `verify` hook of the JSON body parser: refuses nesting deeper than MAX_JSON_DEPTH. */
export function assertJsonDepth(raw: Buffer, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth)
        throw new JsonBodyError(`The JSON body is nested deeper than ${maxDepth} levels`);
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}

/**
 * Keys that reach an object's prototype when a body is merged or assigned somewhere (prototype pollution).
 * No request body of ours has a field by these names, so a body with one anywhere is refused.
 */
export const FORBIDDEN_JSON_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** `reviver` of the JSON body parser: refuses FORBIDDEN_JSON_KEYS at any depth and unstorable strings. */
export function reviveJsonBody(key: string, value: unknown): unknown {
  if (FORBIDDEN_JSON_KEYS.includes(key)) {
    throw new SyntaxError(`The JSON body contains the key "${key}", which is not allowed`);
  }
  return rejectUnstorableStrings(key, value);
}

/** `reviver` of the JSON body parser: refuses strings PostgreSQL cannot store. */
export function rejectUnstorableStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && (value.includes('\u0000') || !value.isWellFormed())) {
    throw new SyntaxError('The JSON body contains a NUL character or an unpaired surrogate');
  }
  return value;
}
