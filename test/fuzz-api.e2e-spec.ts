import fc from 'fast-check';
import request from 'supertest';
import '@koers/access';
import { RouteTable } from '@koers/audit';
import { TRAJECTORY_EVENT_TYPES } from '@koers/machines/trajectory';
import { EVENT_PAYLOAD_DTOS } from '../libs/trajectory/src/dto/trajectory-event.dto';
import { newSessionToken } from '../libs/access/src/session-token';
import type { DataSource } from 'typeorm';
import { ApiHarness, startApi } from './support/api-harness';
import { type DtoField, type RouteSchema, fieldsOf, routeSchemas } from './support/dto-schema';
import { testDatabaseUrl } from './support/test-database';
import {
  ROLES,
  ROUTES_ONLY_WITH,
  ROUTE_REQUESTS,
  type Role,
  type RouteRequest,
  TARGETS,
  type World,
  buildWorld,
} from './support/route-requests';

/**
 * Property-based fuzzing of every route of the API (issue 5). For each route the API serves (its route table):
 *
 * 1. edge values: the route's valid request (test/support/route-requests.ts, the requests of the authorization
 *    matrix) with one field of its DTOs (body and query, read from the code by test/support/dto-schema.ts; optional
 *    fields too) set in turn to each value at the edge of what its validators allow: odd dates (year 0, year 9999
 *    with a -14:00 offset), ids of the other team, out-of-range numbers, strings one past their maximum length…;
 * 2. random cases (fast-check): random JSON (nested objects and arrays, long and unicode strings, `__proto__` and
 *    duplicate keys, huge numbers, wrong types), broken JSON and other content types, random queries, and mutations
 *    of the valid body (fields dropped, retyped, wrapped, added), sent as the role whose valid request gets furthest,
 *    sometimes as another role or without a token, sometimes with a path parameter swapped for another team's id
 *    or for garbage.
 *
 * Two properties hold for every request: the answer is below 500, and a refused request (4xx) changes nothing.
 * Changes are captured while the suite runs: a row trigger on every table logs each insert, delete and real update
 * (old row ≠ new row) made by this suite's API (its connections carry their own application_name, so another suite
 * on the same database does not count), and a refused request must leave the log where it was. Not logged, by
 * design: the access log and its checkpoints (every request for client data is logged, refusals too), the login
 * throttle (refused logins are counted) and a session's last_seen_at (the idle timeout: any authenticated request
 * touches it).
 *
 * At least FUZZ_CASES (default 10,000) cases per run, split over the routes (fewer for the routes that hash a
 * password, 0.2 s each, and for the chain check). The seed is fixed by default and printed; FUZZ_SEED=<n> overrides
 * it, and fast-check prints the seed and path of any failure (replay: FUZZ_SEED and `-t '<route>'`).
 */
const DEFAULT_SEED = 20_261_123;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;
const TOTAL_CASES = Number(process.env.FUZZ_CASES ?? 10_000);
/** Random cases per route and lane (times the route's weight), however many edge cases the route had. */
const MIN_RANDOM_RUNS = Number(process.env.FUZZ_MIN_RANDOM ?? 20);

/** Relative number of cases: routes that hash a password (argon2id, about 0.2 s) and the chain check get fewer. */
const WEIGHTS: Record<string, number> = {
  'POST /api/auth/login': 0.5,
  'POST /api/admin/users': 0.25,
  'POST /api/admin/users/:id/reset-password': 0.15,
  // Recomputes the hash chain of the whole access log: slower with every row, and it reads no body or query.
  'GET /api/audit/verify': 0.1,
};

/**
 * The cases of each route run in this many lanes at once, each with its own API instance on the same database and
 * world (its connections named apart, so each lane checks only its own API's changes).
 */
const LANES = Number(process.env.FUZZ_LANES ?? 2);
const appName = (lane: number) => `koers-fuzz-${process.pid}-${lane}`;
const CHANGE_LOG = 'fuzz_change_log';
const EVENTS_ROUTE = 'POST /api/clients/:id/events';
/** The API's JSON body limit (apps/api/src/create-api-app.ts). */
const BODY_LIMIT = 100 * 1024;
/** Tables whose changes are expected after a refusal (see above), or bookkeeping. */
const NOT_LOGGED = ['audit_log', 'audit_checkpoint', 'login_throttle', 'migrations', CHANGE_LOG];
/** For these tables an update counts only when these columns change. */
const LOGGED_COLUMNS: Record<string, string[]> = {
  session: ['id', 'user_id', 'token_hash', 'expires_at', 'revoked_at'],
};

/** The change log and its triggers (removed again after the suite; global-setup resets the schema anyway). */
async function installChangeLog(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS ${CHANGE_LOG} (id bigserial PRIMARY KEY, app text NOT NULL, tbl text NOT NULL, op text NOT NULL);
     CREATE INDEX IF NOT EXISTS ${CHANGE_LOG}_app ON ${CHANGE_LOG} (app, id);
     CREATE OR REPLACE FUNCTION ${CHANGE_LOG}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO ${CHANGE_LOG} (app, tbl, op) VALUES (current_setting('application_name'), TG_TABLE_NAME, TG_OP);
       RETURN NULL;
     END $$;`,
  );
  const tables: { name: string }[] = await dataSource.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> ALL($1) ORDER BY 1`,
    [NOT_LOGGED],
  );
  for (const { name } of tables) {
    const row = (alias: string) =>
      LOGGED_COLUMNS[name]
        ? `(${LOGGED_COLUMNS[name].map((c) => `${alias}.${c}`).join(', ')})::text`
        : `${alias}::text`;
    await dataSource.query(
      `CREATE OR REPLACE TRIGGER ${CHANGE_LOG} AFTER INSERT OR DELETE ON "${name}"
         FOR EACH ROW EXECUTE FUNCTION ${CHANGE_LOG}();
       CREATE OR REPLACE TRIGGER ${CHANGE_LOG}_update AFTER UPDATE ON "${name}"
         FOR EACH ROW WHEN (${row('OLD')} IS DISTINCT FROM ${row('NEW')}) EXECUTE FUNCTION ${CHANGE_LOG}();`,
    );
  }
}

async function removeChangeLog(dataSource: DataSource): Promise<void> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT DISTINCT event_object_table AS name FROM information_schema.triggers
      WHERE trigger_schema = 'public' AND trigger_name LIKE '${CHANGE_LOG}%'`,
  );
  for (const { name } of tables) {
    await dataSource.query(
      `DROP TRIGGER IF EXISTS ${CHANGE_LOG} ON "${name}"; DROP TRIGGER IF EXISTS ${CHANGE_LOG}_update ON "${name}"`,
    );
  }
  await dataSource.query(`DROP TABLE IF EXISTS ${CHANGE_LOG}; DROP FUNCTION IF EXISTS ${CHANGE_LOG}()`);
}

type Who = Role | 'anonymous';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface FuzzCase {
  who: Who;
  /** Raw request body and its content type; undefined: none. */
  body?: { text: string; type: string };
  /** Raw query string (without `?`). */
  query?: string;
  /** A path parameter replaced: [index among the route's parameters, raw value]. */
  param?: [number, string];
}

// --- generators ------------------------------------------------------------------------------------------------

const SPECIAL_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$where',
  '',
  ' ',
];
const NUMBER_TEXTS = [
  '0',
  '-0',
  '1',
  '-1',
  '1.5',
  '1e400',
  '-1e400',
  '1e-400',
  '9007199254740993',
  '123456789012345678901234567890',
  '2147483648',
  '-2147483649',
  '9223372036854775808',
  '0.1e1',
  '1E2',
];
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\ufeff',
  '💊🏠',
  'null',
  'true',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31T23:59:59.999Z',
  '2026-12-01T10:00:00+0100',
  '1970-01-01',
  '2099-12-31',
  "'; DROP TABLE client; --",
  '" OR 1=1 --',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '${7*7}',
  'P22D',
  'PT1M',
  'P99999Y',
  'x'.repeat(5000),
  'ä'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '１２３',
  'GM0000',
  'health',
  'housing',
  'admin',
  'privacy_officer',
  'chair',
  'police',
  'pending',
  'pdf',
  'md',
  'json',
];
/** Values in the vocabulary of the API, so that some random bodies get past validation. */
const VOCABULARY = [
  'CONTACT_LOGGED',
  'INCLUSION_DECIDED',
  'ADMITTED',
  'TRAJECTORY_CLOSED',
  'LEAVE_STARTED',
  'call',
  'note',
  'general',
  'justice',
  'finances',
  'housing_corporation',
  'mental_health',
  'member',
  'cancelled',
  'overdue',
  'done',
  'resident',
  'signal',
  'clinical_detox',
];

/** A raw query string: known and random keys, strings and repeated keys, and malformed escapes. */
const QUERY_KEYS = [
  'team',
  'blocker',
  'stage',
  'status',
  'unread',
  'format',
  'clientId',
  'userId',
  'from',
  'to',
  'event',
  'result',
  'before',
  'limit',
  'actorUserId',
  'targetId',
  'action',
  '__proto__',
  'constructor',
];

/** Percent-encodes UTF-8 (a lone surrogate becomes U+FFFD), never throwing as encodeURIComponent would. */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

function generators(
  world: World,
  validBody: unknown,
  validQuery: Record<string, string> | undefined,
  schema: RouteSchema,
) {
  const worldIds = ids(world);
  const bodyKeys = [
    ...new Set([...collectKeys(validBody), ...schema.body.map((f) => f.path[f.path.length - 1])]),
  ];
  const string = fc.oneof(
    { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
    { arbitrary: fc.constantFrom(...worldIds, ...VOCABULARY), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 1 },
    { arbitrary: fc.uuid().map((u) => u.toString()), weight: 1 },
    // Long strings, cheaply: a piece repeated (generating 9,000 characters one by one takes milliseconds).
    {
      arbitrary: fc
        .tuple(fc.constantFrom('x', 'ä', '💊', 'ab ', '\u0301'), fc.integer({ min: 2000, max: 9000 }))
        .map(([piece, n]) => piece.repeat(n)),
      weight: 1,
    },
  );
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...SPECIAL_KEYS), weight: 1 },
    { arbitrary: fc.constantFrom(...(bodyKeys.length ? bodyKeys : ['type'])), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 2 },
  );
  /** JSON text, built by hand so that it can hold what JSON.stringify never writes (1e400, duplicate keys). */
  const json = fc.letrec<{ value: string; primitive: string; array: string; object: string }>((tie) => ({
    value: fc.oneof(
      { depthIdentifier: 'json', maxDepth: 4, depthSize: 'small' },
      { arbitrary: tie('primitive'), weight: 4 },
      { arbitrary: tie('object'), weight: 2 },
      { arbitrary: tie('array'), weight: 1 },
    ),
    primitive: fc.oneof(
      fc.constantFrom('null', 'true', 'false', ...NUMBER_TEXTS),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
      fc.integer().map(String),
      string.map((s) => JSON.stringify(s)),
    ),
    array: fc
      .array(tie('value'), { maxLength: 5, depthIdentifier: 'json' })
      .map((items) => `[${items.join(',')}]`),
    object: fc
      .array(fc.tuple(key, tie('value')), { maxLength: 6, depthIdentifier: 'json' })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  })).value;

  /** The valid body with one to three changes: a field dropped, replaced, wrapped, doubled; an extra key. */
  const mutation = fc.record({
    at: fc.nat(),
    pick: fc.nat(),
    kind: fc.constantFrom(
      'drop',
      ...(schema.body.length ? ['field', 'field', 'field', 'field', 'field', 'field'] : []),
      'typed',
      'typed',
      'typed',
      'typed',
      'replace',
      'replace',
      'replace',
      'null',
      'wrap',
      'add',
      'proto',
      'duplicate',
    ),
    key,
    value: json,
  });
  const mutated = fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => mutate(validBody, mutations, worldIds, schema.body));
  const raw = fc.oneof(
    fc.constantFrom(
      '{"type": ',
      '{',
      '[',
      'nul',
      '{"a":1,}',
      "{'a':1}",
      '\u0000',
      '{"a":"\\ud800"}',
      `{"a":${'['.repeat(40)}${']'.repeat(40)}}`,
      `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`,
      `{"big":"${'x'.repeat(110_000)}"}`,
      '"just a string"',
      '12',
      'null',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const body = fc.oneof(
    { arbitrary: mutated.map((text) => ({ text, type: 'application/json' })), weight: 9 },
    { arbitrary: json.map((text) => ({ text, type: 'application/json' })), weight: 6 },
    {
      arbitrary: fc.json({ depthSize: 'medium' }).map((text) => ({ text, type: 'application/json' })),
      weight: 2,
    },
    { arbitrary: raw.map((text) => ({ text, type: 'application/json' })), weight: 2 },
    {
      arbitrary: fc
        .tuple(
          raw,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-16',
            'application/xml',
          ),
        )
        .map(([text, type]) => ({ text, type })),
      weight: 1,
    },
  );
  const queryValue = fc.oneof(
    fc.constantFrom(...DATE_VALUES),
    string,
    fc.constantFrom(
      '5',
      '0',
      '-1',
      '501',
      '1.5',
      '1e3',
      '99999999999999999999',
      'true',
      'false',
      '2026-01-01',
      '999999999999999999',
      '9223372036854775807',
    ),
  );
  const queryPairs = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_KEYS, ...Object.keys(validQuery ?? {})), fc.string({ maxLength: 8 })),
      queryValue,
    ),
    { maxLength: 5 },
  );
  const schemaQuery = schema.query.length
    ? fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }).map((picks) =>
        picks
          .map(([f, v]) => {
            const field = schema.query[f % schema.query.length];
            const values = fieldValues(field, worldIds);
            const value: unknown = JSON.parse(values[v % values.length]);
            return `${encode(field.path[0])}=${encode(typeof value === 'string' ? value : JSON.stringify(value))}`;
          })
          .join('&'),
      )
    : undefined;
  const query = fc.oneof(
    ...(schemaQuery ? [{ arbitrary: schemaQuery, weight: 6 }] : []),
    {
      arbitrary: queryPairs.map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')),
      weight: 6,
    },
    {
      arbitrary: fc.constantFrom(
        'a=%',
        '%zz=1',
        'limit=%E0%A4%A',
        'status=pending&status=done',
        'format[]=pdf',
        '&&&=',
        'limit=5&limit=6',
      ),
      weight: 1,
    },
  );
  const param = fc.tuple(
    fc.nat(),
    fc.oneof(
      fc.constantFrom(...worldIds),
      fc.uuid().map((u) => u.toUpperCase()),
      string.map(encode),
    ),
  );
  return { body, query, param };
}

/** Dates at the edges: year 0, before 1900, leap days that are not, hours past 23, offsets, other formats. */
const DATE_VALUES = [
  '0000-01-01',
  '0000-12-31T23:59:59Z',
  '0001-01-01',
  '0099-06-15',
  '1582-10-10',
  '1900-02-29',
  '1969-12-31T23:59:59Z',
  '2000-02-29',
  '2100-02-29',
  '2026-02-30',
  '2026-00-10',
  '2026-12-01T24:00:00Z',
  '2026-12-01T10:00:60Z',
  '2026-12-01T10:00:00.999999999+14:00',
  '2026-12-01T10:00:00-00:00',
  '2026-12-01T10:00',
  '20261201',
  '+002026-12-01',
  '9999-12-31',
  '9999-12-31T23:59:59.999-14:00',
];

/** Values of the same kind as a field of a valid body, at its edges (a date gets odd dates, a number odd numbers). */
function typedValues(original: unknown, ids: readonly string[]): string[] {
  const json = (values: unknown[]) => values.map((v) => JSON.stringify(v));
  if (typeof original === 'string' && /^\d{4}-\d{2}-\d{2}/.test(original)) return json(DATE_VALUES);
  if (typeof original === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(original)) {
    return json([
      ...ids,
      original.toUpperCase(),
      ` ${original}`,
      `${original}\u0000`,
      '00000000-0000-0000-0000-000000000000',
    ]);
  }
  if (typeof original === 'number') return [...NUMBER_TEXTS, '1e308', '-1e308', '4.9e-324', '[1]', '"2"'];
  if (typeof original === 'boolean') return ['"true"', '0', '1', '"false"', '[]', '{}'];
  if (Array.isArray(original)) {
    const item = JSON.stringify(original[0] ?? 'x');
    return [
      '[]',
      `[${item},${item}]`,
      `[${Array(1000).fill(item).join(',')}]`,
      '[null]',
      '[[]]',
      `[${item},1,true,{}]`,
    ];
  }
  if (typeof original === 'string') {
    return json([
      '',
      ' ',
      '\t\n',
      original.toUpperCase(),
      ` ${original} `,
      `${original}\u0000`,
      original.repeat(500),
      '\ud800',
      '💊'.repeat(3000),
      ...VOCABULARY,
      ...DATE_VALUES.slice(0, 3),
    ]);
  }
  return ['null', '{}', '[]', '""', '0'];
}

/** Sets a value at a path, making the objects on the way (into an array: its first element). */
function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = root;
  for (const name of path.slice(0, -1)) {
    let next = node[name];
    if (Array.isArray(next)) {
      if (!next[0] || typeof next[0] !== 'object') next[0] = {};
      next = next[0];
    } else if (!next || typeof next !== 'object') {
      next = node[name] = {};
    }
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Values (JSON text) at the edges of what a DTO field's validators allow, and just beyond. */
function fieldValues(field: DtoField, ids: readonly string[]): string[] {
  const has = (name: string) => field.validators.includes(name);
  const bound = (name: string) => Number(field.constraints[name]?.[0]);
  const json = (values: unknown[]) => values.map((v) => JSON.stringify(v));
  const values: string[] = ['null', '{}', '[]'];
  if (has('isIsoDate') || has('isIsoDateOrDateTime'))
    values.push(...json([...DATE_VALUES, '2026-12-01', '2099-12-31']));
  if (has('isUuid'))
    values.push(...json([...ids, '00000000-0000-0000-0000-000000000000', ids[0].toUpperCase(), 'abc']));
  if (has('isIn')) {
    const allowed = (field.constraints.isIn?.[0] as unknown[]) ?? [];
    values.push(...json([...allowed, ...allowed.map((a) => String(a).toUpperCase()), '', ' ']));
  }
  if (has('isInt') || has('min') || has('max')) {
    const [min, max] = [bound('min'), bound('max')];
    const ints = [0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 31) - 1];
    if (Number.isFinite(min)) ints.push(min - 1, min);
    if (Number.isFinite(max)) ints.push(max, max + 1);
    values.push(...json(ints), '1e308', '-1e308', '1e400', '"5"');
  }
  if (has('isBoolean')) values.push('true', 'false', '"true"', '0', '1');
  if (has('isArray')) {
    const allowed = (field.constraints.isIn?.[0] as unknown[]) ?? (has('isUuid') ? ids : ['x']);
    const first = JSON.stringify(allowed[0] ?? 'x');
    values.push(
      '[]',
      `[${first}]`,
      `[${first},${first}]`,
      `[${Array(1000).fill(first).join(',')}]`,
      '[null]',
      `[${json([...allowed]).join(',')}]`,
    );
  }
  if (has('isString') || has('maxLength') || has('minLength') || has('isLength') || has('isSubstantive')) {
    const max = bound('maxLength') || Number(field.constraints.isLength?.[1]);
    const min = bound('minLength') || Number(field.constraints.isLength?.[0]);
    const strings = [
      '',
      ' ',
      '\u0000',
      '...',
      'aa',
      'Dit is een gewone zin.',
      '\ud800',
      '💊'.repeat(50),
      ' \t\n ',
    ];
    if (Number.isFinite(max) && max <= 10_000)
      strings.push('x'.repeat(max), 'x'.repeat(max + 1), 'é'.repeat(max));
    if (Number.isFinite(min) && min > 0) strings.push('x'.repeat(min - 1), 'x'.repeat(min));
    values.push(...json(strings));
  }
  if (has('isEmail'))
    values.push(...json(['a@b.nl', 'a@b', 'geen-adres', `${'a'.repeat(250)}@b.nl`, 'a@b.nl\n']));
  if (has('isBsn'))
    values.push(...json(['111222333', '123456782', '000000000', '12345678', '1234567890', '12345678a']));
  if (has('matches'))
    values.push(
      ...json([
        '000000',
        '123456',
        '1234567',
        'GM0363',
        'gm0363',
        'abc',
        'a.b-c@d',
        '1',
        '9'.repeat(18),
        '9'.repeat(19),
      ]),
    );
  if (field.nested) values.push('"x"', '[{}]', '[[]]', '[[{}]]', '[1]', '["x"]');
  if (values.length === 3) values.push(...json(NASTY_STRINGS.slice(0, 20)), ...NUMBER_TEXTS);
  return values;
}

function collectKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectKeys(v, keys));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      collectKeys(v, keys);
    }
  }
  return keys;
}

/** Applies mutations to the valid body, as JSON text (values are JSON text, spliced in after serialising). */
function mutate(
  valid: unknown,
  mutations: { at: number; pick: number; kind: string; key: string; value: string }[],
  ids: readonly string[],
  fields: readonly DtoField[],
): string {
  const slots: string[] = [];
  const slot = (text: string) => `\u0001${slots.push(text) - 1}\u0001`;
  const body = structuredClone(valid ?? {}) as Record<string, unknown>;
  for (const m of mutations) {
    const nodes: [Record<string, unknown> | unknown[], string | number | null][] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) {
        node.forEach((v, i) => {
          nodes.push([node, i]);
          walk(v);
        });
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          nodes.push([node as Record<string, unknown>, k]);
          walk(v);
        }
      }
    };
    nodes.push([body, null]);
    walk(body);
    const [parent, field] = nodes[m.at % nodes.length];
    const container = (field === null ? body : parent) as Record<string, unknown>;
    const name = field ?? m.key;
    switch (m.kind) {
      case 'set':
        setPath(body, fields[0].path, slot(m.value));
        break;
      case 'field': {
        // A field the route's DTO declares (also one the valid body leaves out), set to a value at its edges.
        const field = fields[m.at % fields.length];
        const values = fieldValues(field, ids);
        setPath(body, field.path, slot(values[m.pick % values.length]));
        break;
      }
      case 'typed': {
        const values = typedValues(container[name], ids);
        container[name] = slot(values[m.pick % values.length]);
        break;
      }
      case 'drop':
        if (Array.isArray(container)) container.splice(Number(name), 1);
        else delete container[name];
        break;
      case 'null':
        container[name] = null;
        break;
      case 'wrap':
        container[name] = [container[name] ?? null];
        break;
      case 'add':
        Object.defineProperty(container, m.key, {
          value: slot(m.value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      case 'proto':
        Object.defineProperty(container, '__proto__', {
          value: slot(m.value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      case 'duplicate':
        // A second key of the same name: JSON.parse keeps the last one.
        Object.defineProperty(container, `${String(name)}\u0002`, {
          value: slot(m.value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      default:
        container[name] = slot(m.value);
    }
  }
  return JSON.stringify(body)
    .replace(/"\\u0001(\d+)\\u0001"/g, (_m, i: string) => slots[Number(i)])
    .replace(/\\u0002/g, '');
}

/** The ids of the world's clients, teams, meetings and users (own team's and the other's). */
function ids(world: World): string[] {
  return [
    ...Object.values(world.clients).map((c) => c.id),
    ...Object.values(world.teams),
    ...Object.values(world.meetings),
    ...Object.values(world.users).map((u) => u.id),
    world.teamB.chair.id,
  ];
}

/**
 * The valid request with one field of its DTO (body or query) set to each of that field's edge values in turn, as
 * the role whose valid request gets furthest. For the events route only the fields of the valid event's type.
 */
function edgeCases(
  valid: RouteRequest,
  schema: RouteSchema,
  key: string,
  worldIds: readonly string[],
  who: Who,
): FuzzCase[] {
  const type = (valid.body as { type?: string } | undefined)?.type;
  const bodyFields =
    key === EVENTS_ROUTE && type
      ? [
          ...schema.body.filter((f) => f.path[0] === 'type' || f.path[0] === 'expectedVersion'),
          ...fieldsOf(EVENT_PAYLOAD_DTOS[type as keyof typeof EVENT_PAYLOAD_DTOS] as new () => object),
        ]
      : schema.body;
  const cases: FuzzCase[] = [];
  for (const field of bodyFields) {
    for (const value of fieldValues(field, worldIds)) {
      const text = mutate(valid.body ?? {}, [{ at: 0, pick: 0, kind: 'set', key: '', value }], worldIds, [
        field,
      ]);
      cases.push({ who, body: { text, type: 'application/json' } });
    }
  }
  if (key === EVENTS_ROUTE) {
    // Every other event type with one of its fields at each edge value (single-field events are then valid):
    // the client is in admission, so e.g. LEAVE_STARTED's date reaches the statechart and the deadline it starts.
    // The events that end the trajectory last, so that they do not end it for the others.
    const last = ['TREATMENT_ABORTED', 'DISCHARGED', 'MOVED_AWAY', 'TRAJECTORY_CLOSED'];
    const types = TRAJECTORY_EVENT_TYPES.filter((t) => t !== type && !last.includes(t));
    for (const eventType of [...types, ...last]) {
      const dto = EVENT_PAYLOAD_DTOS[eventType as keyof typeof EVENT_PAYLOAD_DTOS] as new () => object;
      for (const field of fieldsOf(dto)) {
        for (const value of fieldValues(field, worldIds)) {
          const text = mutate(
            { type: eventType },
            [{ at: 0, pick: 0, kind: 'set', key: '', value }],
            worldIds,
            [field],
          );
          cases.push({ who, body: { text, type: 'application/json' } });
        }
      }
    }
  }
  const body =
    valid.body === undefined ? undefined : { text: JSON.stringify(valid.body), type: 'application/json' };
  for (const field of schema.query) {
    for (const value of fieldValues(field, worldIds)) {
      const parsed: unknown = JSON.parse(value);
      const text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
      const rest = Object.entries(valid.query ?? {}).filter(([name]) => name !== field.path[0]);
      const query = [...rest, [field.path[0], text]].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
      cases.push({ who, body, query });
    }
  }
  return cases;
}

// --- the suite -------------------------------------------------------------------------------------------------

describe('API fuzzing (e2e, property-based): no 5xx, and a refused request changes nothing', () => {
  let lanes: { api: ApiHarness; app: string }[] = [];
  let api: ApiHarness;
  let world: World;
  let served: string[];
  let schemas: Map<string, RouteSchema>;
  let address = 0;
  const stats = {
    cases: 0,
    edges: 0,
    refused: 0,
    routes: 0,
    started: 0,
    statuses: new Map<number, number>(),
    ms: new Map<string, number>(),
  };

  beforeAll(async () => {
    stats.started = Date.now();
    const url = testDatabaseUrl();
    // Logins come from a new client address each (X-Forwarded-For): the fuzzer's refused logins must not lock the
    // address the other suites log in from. The API's connections carry their own application_name: the change
    // log counts only what this API writes.
    for (let lane = 0; lane < LANES; lane++) {
      const app = appName(lane);
      const laneApi = await startApi({
        DEMO_MODE: '1',
        TRUST_PROXY: 'loopback',
        DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}application_name=${app}`,
      });
      lanes.push({ api: laneApi, app });
      const [{ name }] = await laneApi.dataSource.query(`SELECT current_setting('application_name') AS name`);
      if (name !== app) throw new Error(`the API's connections are named ${name}, not ${app}`);
    }
    api = lanes[0].api;
    await installChangeLog(api.dataSource);
    world = await buildWorld(api);
    schemas = routeSchemas(api.app);
    // The events route takes a body whose DTO depends on its type: every event's fields, with the type.
    schemas.set(EVENTS_ROUTE, {
      query: [],
      body: [
        {
          path: ['type'],
          validators: ['isIn'],
          constraints: { isIn: [TRAJECTORY_EVENT_TYPES] },
          nested: false,
        },
        { path: ['expectedVersion'], validators: ['isInt', 'min'], constraints: { min: [1] }, nested: false },
        ...Object.values(EVENT_PAYLOAD_DTOS).flatMap((dto) => fieldsOf(dto as new () => object)),
      ],
    });
    served = api.app
      .get(RouteTable)
      .routes()
      .map((route) => `${route.method} ${route.path}`);
    console.log(
      `API fuzzing: FUZZ_SEED=${SEED} (set FUZZ_SEED to replay or vary), ${TOTAL_CASES} cases over ${served.length} routes, ${LANES} lanes`,
    );
  });
  afterAll(async () => {
    const byStatus = [...stats.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(
      `API fuzzing: ${stats.cases} cases (${stats.edges} of them edge values of a DTO field) on ${stats.routes} routes in ${((Date.now() - stats.started) / 1000).toFixed(1)} s; ` +
        `${stats.refused} refused, each without a change; statuses ${byStatus.join(', ')} (FUZZ_SEED=${SEED})`,
    );
    const slowest = [...stats.ms].sort(([, a], [, b]) => b - a).slice(0, 6);
    console.log(
      `API fuzzing: slowest routes ${slowest.map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join('; ')}`,
    );
    if (api) await removeChangeLog(api.dataSource);
    for (const lane of lanes) await lane.api.close();
    lanes = [];
  });

  type Lane = (typeof lanes)[number];
  /** The last change a lane's API made to the tables that matter (0: none yet). */
  const lastChange = async (lane: Lane): Promise<number> =>
    Number(
      (
        await lane.api.dataSource.query(
          `SELECT coalesce(max(id), 0) AS id FROM ${CHANGE_LOG} WHERE app = $1`,
          [lane.app],
        )
      )[0].id,
    );
  const changesSince = async (lane: Lane, id: number): Promise<string[]> =>
    (
      (await lane.api.dataSource.query(
        `SELECT tbl || ' ' || op AS change FROM ${CHANGE_LOG} WHERE app = $1 AND id > $2 ORDER BY id`,
        [lane.app, id],
      )) as { change: string }[]
    ).map((r) => r.change);

  /** A session made directly (no login to throttle), for each role and for the routes that end one. */
  const newSession = async (role: Role, lane = lanes[0]) => {
    const { token, tokenHash } = newSessionToken();
    await lane.api.dataSource.query(
      `INSERT INTO session (user_id, token_hash, expires_at, last_seen_at) VALUES ($1, $2, now() + interval '2 hours', now())`,
      [world.users[role].id, tokenHash],
    );
    return { Authorization: `Bearer ${token}` };
  };

  it('has a valid request to start from for every route the API serves', () => {
    expect(served.filter((key) => !ROUTE_REQUESTS[key])).toEqual([]);
  });

  it("sees the changes an API makes, and not its access-log rows or a session's last request", async () => {
    for (const lane of lanes) {
      const before = await lastChange(lane);
      const client = world.clients.own.id;
      const read = await request(lane.api.http).get(`/api/clients/${client}`).set(world.users.chair.auth);
      expect(read.status).toBe(200);
      expect(await lastChange(lane)).toBe(before);
      const entry = { kind: 'note', category: 'general', text: 'Kort gesproken.', occurredAt: '2026-01-05' };
      const write = await request(lane.api.http)
        .post(`/api/clients/${client}/journal`)
        .set(world.users.care.auth)
        .send(entry);
      expect(write.status).toBe(201);
      expect(await changesSince(lane, before)).toContain('journal_entry INSERT');
    }
  });

  /**
   * What earlier routes did to the world must not decide this route's outcome: an admin may have disabled, demoted
   * or removed its users, or ended their sessions; a chair may have held or cancelled its meetings. Back as built,
   * with a live session for every role.
   */
  const restoreWorld = async () => {
    const roles: Record<Role, string> = {
      chair: 'chair',
      care: 'member',
      police: 'member',
      housing: 'member',
      privacy: 'privacy_officer',
      admin: 'admin',
    };
    for (const role of ROLES) {
      await api.dataSource.query(`UPDATE app_user SET disabled_at = NULL, role = $2 WHERE id = $1`, [
        world.users[role].id,
        roles[role],
      ]);
    }
    await api.dataSource.query(
      `INSERT INTO team_member (team_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [
        world.teams.own,
        (['chair', 'care', 'police', 'housing'] as const).map((role) => world.users[role].id),
      ],
    );
    await api.dataSource.query(
      `INSERT INTO team_member (team_id, user_id) VALUES ($1, $2), ($1, $3) ON CONFLICT DO NOTHING`,
      [world.teams.other, world.teamB.chair.id, world.teamB.care.id],
    );
    await api.dataSource.query(`UPDATE meeting SET status = 'planned', held_at = NULL WHERE id = ANY($1)`, [
      Object.values(world.meetings),
    ]);
    for (const role of ROLES) world.users[role].auth = await newSession(role);
  };

  /** The events route last: its cases may close the world's trajectories, on which other routes build. */
  const ORDER = [...Object.keys(ROUTE_REQUESTS).filter((key) => key !== EVENTS_ROUTE), EVENTS_ROUTE];

  it.each(ORDER)('%s', async (key) => {
    if (!served.includes(key)) {
      expect(ROUTES_ONLY_WITH[key]).toBeDefined();
      return;
    }
    stats.routes++;
    await restoreWorld();

    const spec = ROUTE_REQUESTS[key];
    const [method, pattern] = key.split(' ');
    const fuzzAs = spec.fuzzAs ?? 'chair';
    const valid: RouteRequest = await spec.build(world, fuzzAs, TARGETS[spec.targets][0]);
    const paramNames = [...pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    const gen = generators(world, valid.body ?? {}, valid.query, schemas.get(key) ?? { body: [], query: [] });
    const isRead = method === 'GET' || method === 'DELETE';
    const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record(
      {
        who: fc.oneof(
          { arbitrary: fc.constant<Who>(fuzzAs), weight: 16 },
          { arbitrary: fc.constantFrom<Who>(...ROLES), weight: 3 },
          { arbitrary: fc.constant<Who>('anonymous'), weight: 1 },
        ),
        body: fc.option(gen.body, { freq: isRead ? 4 : 20 }).map((b) => b ?? undefined),
        query: fc.option(gen.query, { freq: isRead ? 1 : 3 }).map((q) => q ?? undefined),
        param: paramNames.length
          ? fc.option(gen.param, { freq: 6 }).map((p) => p ?? undefined)
          : fc.constant(undefined),
      },
      { requiredKeys: ['who'] },
    );

    /** Sends one case on a lane; throws on a 5xx, or on a refusal that changed something. */
    const runCase = async (lane: Lane, c: FuzzCase, state: { known?: number }) => {
      const params = valid.params ?? {};
      const replaced = c.param ? paramNames[c.param[0] % paramNames.length] : undefined;
      let path = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
        name === replaced ? c.param![1] : encode(params[name]),
      );
      if (c.query) path += `?${c.query}`;
      let call = request(lane.api.http)
        [method.toLowerCase() as Method](path)
        .set('X-Forwarded-For', `198.18.${(++address >> 8) & 255}.${address & 255}`);
      if (c.who !== 'anonymous' && valid.session === 'fresh') {
        state.known = undefined;
        call = call.set(await newSession(c.who, lane));
      } else if (c.who !== 'anonymous') {
        call = call.set(world.users[c.who].auth);
      }
      if (c.body) call = call.set('content-type', c.body.type).send(c.body.text);

      // The change log's position: known after this lane's last refused request, while nothing happened since.
      const before = state.known ?? (await lastChange(lane));
      state.known = undefined;
      let response: { status: number; text: string };
      try {
        response = await call;
      } catch (error) {
        // A body over the API's limit is refused (413) while it is still being sent: the connection may close
        // before the client has sent it all. That is a refusal too (and must change nothing); anything else fails.
        if (Buffer.byteLength(c.body?.text ?? '') <= BODY_LIMIT) throw error;
        response = { status: 413, text: `connection closed while sending: ${String(error)}` };
      }
      stats.cases++;
      stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
      const what = () =>
        `${key} as ${c.who}: ${method} ${path.slice(0, 300)} body ${c.body ? `(${c.body.type}) ${c.body.text.slice(0, 400)}` : 'none'}`;
      if (response.status >= 500) {
        throw new Error(`${response.status} for ${what()}: ${response.text.slice(0, 300)}`);
      }
      if (response.status >= 400) {
        stats.refused++;
        state.known = await lastChange(lane);
        if (state.known !== before) {
          const changes = await changesSince(lane, before);
          throw new Error(`refused with ${response.status}, yet changed ${changes.join(', ')}: ${what()}`);
        }
      }
    };

    const started = Date.now();
    // 1. Every field of the route's DTOs (body and query) at each of its edge values, the rest of the request valid.
    const weight = WEIGHTS[key] ?? 1;
    const edges = edgeCases(
      valid,
      schemas.get(key) ?? { body: [], query: [] },
      key,
      ids(world),
      fuzzAs,
    ).filter((_c, i) => i % Math.ceil(1 / weight) === 0);
    await Promise.all(
      lanes.map(async (lane, i) => {
        const state = {};
        for (let j = i; j < edges.length; j += LANES) await runCase(lane, edges[j], state);
      }),
    );
    // 2. Random cases for the rest of the route's share of FUZZ_CASES (at least MIN_RANDOM_RUNS per lane).
    const weights = served.reduce((sum, k) => sum + (WEIGHTS[k] ?? 1), 0);
    const share = Math.ceil((weight * TOTAL_CASES) / weights);
    const numRuns = Math.max(Math.ceil(MIN_RANDOM_RUNS * weight), Math.ceil((share - edges.length) / LANES));
    const seed = (SEED + [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0)) | 0;
    await Promise.all(
      lanes.map((lane, i) => {
        const state = {};
        return fc.assert(
          fc.asyncProperty(fuzzCase, (c) => runCase(lane, c, state)),
          { seed: seed + i, numRuns },
        );
      }),
    );
    stats.edges += edges.length;
    stats.ms.set(key, Date.now() - started);
  });

  it(`sent at least ${TOTAL_CASES} cases`, () => {
    if (stats.routes < served.length) return; // a filtered run (-t)
    expect(stats.cases).toBeGreaterThanOrEqual(TOTAL_CASES);
  });
});
