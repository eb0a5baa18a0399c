const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only well-formed UUIDs go into `client_ids` (a malformed route parameter is refused with a 400 anyway). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The route parameters right after a `clients` segment: `/api/meetings/:id/clients/:clientId/notes` → clientId. */
export function clientParamsOf(routePath: string): string[] {
  const segments = routePath.split('/').filter(Boolean);
  const names: string[] = [];
  segments.forEach((segment, index) => {
    if (segment.startsWith(':') && segments[index - 1] === 'clients') names.push(segment.slice(1));
  });
  return names;
}

const isPlain = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null));

/**
 * Collects the string values of `keys` anywhere in a JSON-like value (plain objects and arrays only: a file or
 * a buffer is not walked). Bounded in depth, so a pathological body costs little.
 */
export function collectKeys(value: unknown, keys: ReadonlySet<string>, into: Set<string>, depth = 0): void {
  if (depth > 8 || !isPlain(value)) return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys, into, depth + 1);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (keys.has(key)) {
      if (isUuid(child)) into.add(child.toLowerCase());
      else if (Array.isArray(child)) child.filter(isUuid).forEach((id) => into.add(id.toLowerCase()));
    }
    collectKeys(child, keys, into, depth + 1);
  }
}

/** Adds the well-formed UUIDs among `values`, lower-cased. */
export function addAll(into: Set<string>, values: Iterable<unknown>): void {
  for (const value of values) if (isUuid(value)) into.add(value.toLowerCase());
}
