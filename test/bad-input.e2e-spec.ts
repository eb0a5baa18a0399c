import fc from 'fast-check';
import request from 'supertest';
import { TRAJECTORY_EVENT_TYPES } from '@koers/machines/trajectory';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam } from './support/fixtures';

/**
 * Bad input gets a clear 4xx and changes nothing; a 5xx is a bug. Property-based: random bodies of
 * every shape, and near-valid events built from the real field names with values of the wrong kind.
 */
describe('bad input (e2e, property-based)', () => {
  let api: ApiHarness;
  let auth: { Authorization: string };
  let clientId: string;

  beforeAll(async () => {
    api = await startApi();
    const team = await createTeam(api.dataSource);
    auth = await api.login(team.users.addiction_care);
    const created = await request(api.http)
      .post('/api/clients')
      .set(auth)
      .send({
        displayName: 'Demo F. Uzz',
        signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' },
      });
    clientId = created.body.client.id;
  });
  afterAll(() => api.close());

  const FIELDS = [
    'included',
    'criteria',
    'reasons',
    'override',
    'scope',
    'legalBasis',
    'justification',
    'reason',
    'treatment',
    'channel',
    'note',
    'item',
    'facility',
    'urgentOverride',
    'until',
    'completed',
    'validUntil',
    'kind',
    'threePartyAgreement',
    'outcome',
    'healthyEngaged',
    'unhealthyAtDistance',
    'municipality',
    'stillUsing',
    'expectedVersion',
    '__proto__',
    'constructor',
  ];
  const nasty = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      null,
      '',
      ' ',
      '\u0000',
      '\ud800',
      '2026-02-30',
      '2026-12-01T10:00:00+0100',
      1e308,
      -1,
      [],
      {},
      [[]],
    ),
    fc.string(),
    fc.dictionary(fc.constantFrom('reason', 'startDate', 'landlord', 'careProvider', 'x'), fc.jsonValue()),
  );
  const nearValidEvent = fc
    .record({ type: fc.oneof(fc.constantFrom(...TRAJECTORY_EVENT_TYPES), fc.string()) }, { requiredKeys: [] })
    .chain((base) =>
      fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 4 }).map((rest) => ({ ...rest, ...base })),
    );

  const status = (response: request.Response) => response.status;
  /** Any JSON value as the body, also bare numbers and strings (supertest's send() takes objects only). */
  const postJson = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    request(api.http)
      .post(path)
      .set(headers)
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  it('answers every malformed event below 500; a refused one changes nothing', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearValidEvent, fc.jsonValue()), async (body) => {
        const response = await postJson(`/api/clients/${clientId}/events`, body);
        expect(status(response)).toBeLessThan(500);
        if (response.status === 200) accepted++;
        else expect(response.body.message).toEqual(expect.any(String));
      }),
      { numRuns: 1500 },
    );
    const [row] = await api.dataSource.query(
      `SELECT t.version, (SELECT count(*)::int FROM trajectory_event e WHERE e.trajectory_id = t.id) AS events
         FROM trajectory t WHERE t.client_id = $1`,
      [clientId],
    );
    expect(row).toEqual({ version: 1 + accepted, events: 1 + accepted });
  });

  it('answers malformed client registrations and logins below 500', async () => {
    const before = await api.dataSource.query(`SELECT count(*)::int AS n FROM client`);
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { displayName: nasty, signal: nasty, bsn: nasty, birthDate: nasty, teamId: nasty },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const client = await postJson('/api/clients', body);
          expect(status(client)).toBeLessThan(500);
          if (client.status === 201) created++;
          const login = await postJson('/api/auth/login', body, {});
          expect(status(login)).toBeLessThan(500);
        },
      ),
      { numRuns: 500 },
    );
    const after = await api.dataSource.query(`SELECT count(*)::int AS n FROM client`);
    expect(after[0].n - before[0].n).toBe(created);
  });

  it.each([
    ['a NUL character', '{"type":"CONTACT_LOGGED","channel":"call","note":"Gebeld \\u0000 vandaag."}'],
    ['an unpaired surrogate', '{"type":"CONTACT_LOGGED","channel":"call","note":"Gebeld \\ud800 vandaag."}'],
    [
      'nesting 40 000 levels deep',
      `{"type":"CONTACT_LOGGED","x":${'['.repeat(40_000)}${']'.repeat(40_000)}}`,
    ],
    ['broken JSON', '{"type": '],
  ])('refuses a body with %s with 400', async (_what, raw) => {
    for (const path of [`/api/clients/${clientId}/events`, '/api/auth/login']) {
      const response = await request(api.http)
        .post(path)
        .set(auth)
        .set('content-type', 'application/json')
        .send(raw);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
  });

  it('refuses null and arrays where an object belongs', async () => {
    const bodies = [
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['resident'],
        reasons: 'Voldoet niet, toch opnemen.',
        override: null,
      },
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['resident'],
        reasons: 'Voldoet niet, toch opnemen.',
        override: [{ reason: 'Acute zorg om veiligheid.' }],
      },
    ];
    for (const body of bodies) {
      const response = await request(api.http).post(`/api/clients/${clientId}/events`).set(auth).send(body);
      expect(response.status).toBe(400);
      expect(new Set(response.body.details.map((d: { field: string }) => d.field))).toEqual(
        new Set(['override']),
      );
    }
    const array = await request(api.http)
      .post('/api/clients')
      .set(auth)
      .send({ displayName: 'Demo A. Rray', signal: [] });
    expect(array.status).toBe(400);
    const blank = await request(api.http)
      .post('/api/clients')
      .set(auth)
      .send({ displayName: '     ', signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' } });
    expect(blank.status).toBe(400);
  });
});
