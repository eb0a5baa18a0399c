import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DATA_CATEGORIES } from '@koers/access';
import {
  AuditService,
  CLIENT_DATA_PATHS,
  type CanonicalAuditRow,
  GENESIS_HASH,
  RouteTable,
  canonicalAuditRow,
  isUnder,
} from '@koers/audit';
import { newSessionToken } from '../libs/access/src/session-token';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

type Auth = { Authorization: string };

interface AuditRow {
  id: string;
  event: string;
  client_ids: string[];
  client_bases: string[] | null;
  canonical_version: number;
  user_id: string | null;
  party_kind: string | null;
  responsible_user_id: string | null;
  access_point: string;
  categories: string[];
  result: string;
  status: number;
  request_id: string;
  prev_hash: string;
  hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLIENT_NAME = 'Demo L. Ogboek';

/**
 * The access log (issue 5 item 4): every request to client data leaves one hash-chained, append-only row, refusals
 * included; the privacy officer searches it and verifies the chain; without its row no answer leaves.
 */
describe('access log (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let other: TeamFixture;
  let chair: Auth;
  let care: Auth;
  let police: Auth;
  let otherChair: Auth;
  let privacy: Auth;
  let privacyUserId: string;
  let clientId: string;
  const userIds: Record<string, string> = {};

  const userId = async (username: string): Promise<string> =>
    (await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;

  /** The row of one request, found by the X-Request-Id its answer carried. */
  const rowOf = async (response: request.Response): Promise<AuditRow> => {
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(UUID);
    const rows: AuditRow[] = await api.dataSource.query(
      `SELECT id::text, event, client_ids::text[], client_bases, canonical_version, user_id, party_kind,
              responsible_user_id, access_point, categories, result, status, request_id, prev_hash, hash
         FROM audit_log WHERE request_id = $1`,
      [requestId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  const verify = async () => {
    const response = await request(api.http).get('/api/audit/verify').set(privacy);
    expect(response.status).toBe(200);
    return response.body as {
      ok: boolean;
      rows: number;
      firstBrokenId?: string;
      reason?: string;
      headHash: string;
      anchor: { checkpoints: number; anchoredThrough: string | null; developmentKey: boolean };
    };
  };

  /** Runs `work` as the superuser with the append-only trigger off, in one committed transaction. */
  const tamper = async (
    work: (query: (sql: string, values?: unknown[]) => Promise<unknown>) => Promise<unknown>,
  ) => {
    const runner = api.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await work((sql, values) => runner.query(sql, values));
      await runner.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  };

  /** A row well inside the chain, so the suite's own appends at its end never touch it. */
  const middleRow = async (): Promise<AuditRow> =>
    (
      await api.dataSource.query(
        `SELECT id::text, event, client_ids::text[], client_bases, canonical_version, user_id, party_kind,
                responsible_user_id, access_point, categories, result, status, request_id, prev_hash, hash
           FROM audit_log WHERE id = (SELECT max(id) - 5 FROM audit_log)`,
      )
    )[0];

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    other = await createTeam(api.dataSource, ['municipality']);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    police = await api.login(team.users.police);
    otherChair = await api.login(other.users.municipality);
    for (const [kind, username] of Object.entries(team.users)) userIds[kind] = await userId(username);

    // The privacy officer: in no team, and logged in with a session made here (the role logs in with a second
    // factor, which is not what this suite tests).
    const [party] = await api.dataSource.query(
      `INSERT INTO party (kind, name) VALUES ('municipality', $1) RETURNING id`,
      [`Privacy ${randomUUID().slice(0, 8)}`],
    );
    const [officer] = await api.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
       VALUES ($1, 'Test FG', 'x', $2, 'privacy_officer') RETURNING id`,
      [`privacy-${randomUUID().slice(0, 8)}`, party.id],
    );
    privacyUserId = officer.id;
    const { token, tokenHash } = newSessionToken();
    await api.dataSource.query(
      `INSERT INTO session (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [officer.id, tokenHash],
    );
    privacy = { Authorization: `Bearer ${token}` };

    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: CLIENT_NAME,
        signal: { source: 'police', description: 'Overlast en zorgen over gebruik.' },
      });
    expect(created.status).toBe(201);
    clientId = created.body.client.id;
  });
  afterAll(() => api.close());

  describe('what a request leaves behind', () => {
    it('gives every request its own X-Request-Id, also the ones that log nothing', async () => {
      const a = await request(api.http).get('/api/health');
      const b = await request(api.http).get('/api/health').set('X-Request-Id', 'forged');
      const unauthenticated = await request(api.http).get(`/api/clients/${clientId}`);
      expect(unauthenticated.status).toBe(401);
      for (const response of [a, b, unauthenticated]) expect(response.headers['x-request-id']).toMatch(UUID);
      expect(new Set([a, b, unauthenticated].map((r) => r.headers['x-request-id'])).size).toBe(3);
      // A request the AuthGuard turns away identifies no one and reaches no handler: not in the log.
      const [{ count }] = await api.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE request_id = $1`,
        [unauthenticated.headers['x-request-id']],
      );
      expect(count).toBe(0);
    });

    it('logs a read: who, party, which client, which categories, the route pattern, the result', async () => {
      const response = await request(api.http).get(`/api/clients/${clientId}`).set(care);
      expect(response.status).toBe(200);
      const row = await rowOf(response);
      expect(row).toMatchObject({
        event: 'read',
        client_ids: [clientId],
        // On which basis: the client's trajectory is still a signal being assessed.
        client_bases: ['pending'],
        canonical_version: 2,
        user_id: userIds.addiction_care,
        party_kind: 'addiction_care',
        responsible_user_id: null,
        access_point: 'GET /api/clients/:id',
        categories: [...DATA_CATEGORIES],
        result: 'ok',
        status: 200,
        request_id: response.headers['x-request-id'],
      });
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('logs what a party may see, not more: the police read no health data', async () => {
      const response = await request(api.http).get(`/api/clients/${clientId}`).set(police);
      expect(response.status).toBe(200);
      const row = await rowOf(response);
      expect(row).toMatchObject({
        event: 'read',
        client_ids: [clientId],
        party_kind: 'police',
        result: 'ok',
      });
      expect(row.categories).toContain('justice');
      expect(row.categories).not.toContain('health');
    });

    it('logs writes with the client they made or changed, and the category of what was written', async () => {
      const created = await request(api.http)
        .post('/api/clients')
        .set(chair)
        .send({
          displayName: 'Demo N. Ieuw',
          signal: { source: 'gp', description: 'Zorgen over middelengebruik.' },
        });
      expect(created.status).toBe(201);
      expect(await rowOf(created)).toMatchObject({
        event: 'write',
        client_ids: [created.body.client.id],
        access_point: 'POST /api/clients',
        categories: ['identity', 'trajectory'],
        status: 201,
      });

      const journal = await request(api.http).post(`/api/clients/${clientId}/journal`).set(care).send({
        kind: 'contact_moment',
        category: 'health',
        text: 'Gesproken over gebruik.',
        occurredAt: '2026-01-05',
      });
      expect(journal.status).toBe(201);
      expect(await rowOf(journal)).toMatchObject({
        event: 'write',
        client_ids: [clientId],
        access_point: 'POST /api/clients/:clientId/journal',
        categories: ['health'],
      });
    });

    it('names every client a list returned: the board, the client list', async () => {
      const board = await request(api.http).get('/api/board').set(chair);
      expect(board.status).toBe(200);
      const boardIds = board.body.rows.map((r: { clientId: string }) => r.clientId).sort();
      expect(boardIds).toContain(clientId);
      expect(boardIds.length).toBeGreaterThan(1);
      expect(await rowOf(board)).toMatchObject({
        event: 'search',
        access_point: 'GET /api/board',
        client_ids: boardIds,
      });

      const list = await request(api.http).get('/api/clients').set(care);
      expect(list.status).toBe(200);
      expect((await rowOf(list)).client_ids).toEqual(list.body.map((c: { id: string }) => c.id).sort());
    });

    it('names the clients of a meeting: its records, its agenda, and its minutes (an export)', async () => {
      const meeting = await request(api.http)
        .post('/api/meetings')
        .set(chair)
        .send({ startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
      expect(meeting.status).toBe(201);
      expect((await request(api.http).get('/api/meetings').set(chair)).status).toBe(200);

      const note = await request(api.http)
        .post(`/api/meetings/${meeting.body.id}/clients/${clientId}/notes`)
        .set(chair)
        .send({ text: 'Besproken: woonsituatie is zorgelijk.' });
      expect(note.status).toBe(201);
      expect(await rowOf(note)).toMatchObject({
        event: 'write',
        client_ids: [clientId],
        access_point: 'POST /api/meetings/:id/clients/:clientId/notes',
      });

      const detail = await request(api.http).get(`/api/meetings/${meeting.body.id}`).set(care);
      expect(await rowOf(detail)).toMatchObject({ event: 'read', client_ids: [clientId] });

      const agenda = await request(api.http).get(`/api/meetings/${meeting.body.id}/agenda`).set(chair);
      const onAgenda = [...agenda.body.items, ...agenda.body.deferred, ...agenda.body.suggestions].map(
        (i: { clientId: string }) => i.clientId,
      );
      expect((await rowOf(agenda)).client_ids).toEqual([...new Set(onAgenda)].sort());

      const minutes = await request(api.http).get(`/api/meetings/${meeting.body.id}/minutes`).set(chair);
      expect(minutes.status).toBe(200);
      expect(minutes.headers['content-type']).toMatch(/text\/markdown/);
      expect(minutes.headers['content-disposition']).toContain('attachment');
      expect(minutes.text).toContain(CLIENT_NAME);
      const exported = await rowOf(minutes);
      expect(exported).toMatchObject({ event: 'export', access_point: 'GET /api/meetings/:id/minutes' });
      expect(exported.client_ids).toEqual(
        [...new Set([...agenda.body.items.map((i: { clientId: string }) => i.clientId), clientId])].sort(),
      );
    });

    it('logs refusals with the client that was asked for: 404 for another team, 403, 400', async () => {
      const foreign = await request(api.http).get(`/api/clients/${clientId}`).set(otherChair);
      expect(foreign.status).toBe(404);
      expect(foreign.text).not.toContain(CLIENT_NAME);
      expect(await rowOf(foreign)).toMatchObject({
        event: 'read',
        client_ids: [clientId],
        party_kind: 'municipality',
        result: 'refused',
        status: 404,
      });

      const meeting = await request(api.http)
        .post('/api/meetings')
        .set(chair)
        .send({ startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
      const decision = await request(api.http)
        .post(`/api/meetings/${meeting.body.id}/clients/${clientId}/decisions`)
        .set(police)
        .send({
          text: 'Besproken en besloten om door te gaan.',
          reasons: 'De situatie vraagt om een gezamenlijke aanpak.',
        });
      expect(decision.status).toBe(403);
      expect(await rowOf(decision)).toMatchObject({
        event: 'write',
        client_ids: [clientId],
        party_kind: 'police',
        result: 'refused',
        status: 403,
      });

      const malformed = await request(api.http).get('/api/clients/not-a-uuid').set(care);
      expect(malformed.status).toBe(400);
      expect(await rowOf(malformed)).toMatchObject({ client_ids: [], result: 'refused', status: 400 });

      const notOfficer = await request(api.http).get(`/api/audit/clients/${clientId}`).set(chair);
      expect(notOfficer.status).toBe(403);
      expect(await rowOf(notOfficer)).toMatchObject({ event: 'audit', result: 'refused', status: 403 });
    });
  });

  describe('the privacy officer', () => {
    it('sees who looked at a file: users, parties, when and which categories; and that read is logged too', async () => {
      const response = await request(api.http).get(`/api/audit/clients/${clientId}`).set(privacy);
      expect(response.status).toBe(200);
      expect(response.text).not.toContain(CLIENT_NAME);
      const readers = response.body.readers as {
        user: { id: string; displayName: string };
        partyKind: string;
        accesses: number;
        refused: number;
        categories: string[];
        events: string[];
      }[];
      const byUser = (id: string) => readers.find((r) => r.user?.id === id);
      expect(byUser(userIds.addiction_care)).toMatchObject({
        partyKind: 'addiction_care',
        user: { displayName: 'Test addiction_care' },
        events: expect.arrayContaining(['read', 'write']),
      });
      expect(byUser(userIds.addiction_care)!.categories).toEqual(
        expect.arrayContaining(['health', 'identity']),
      );
      expect(byUser(userIds.police)!.categories).not.toContain('health');
      expect(byUser(userIds.police)!.refused).toBeGreaterThanOrEqual(1);
      expect(readers.find((r) => r.partyKind === 'municipality' && r.refused >= 1)).toBeDefined();
      // Its own reads of the log are not "looking at the file".
      expect(byUser(privacyUserId)).toBeUndefined();
      expect(response.body.recent[0]).toMatchObject({ clientIds: expect.arrayContaining([clientId]) });

      expect(await rowOf(response)).toMatchObject({
        event: 'audit',
        user_id: privacyUserId,
        client_ids: [clientId],
        access_point: 'GET /api/audit/clients/:clientId',
        categories: [],
        result: 'ok',
      });
    });

    it('searches the log by client, user, event and time, newest first, page by page', async () => {
      const all = await request(api.http).get('/api/audit').query({ clientId }).set(privacy);
      expect(all.status).toBe(200);
      const ids = all.body.items.map((i: { id: string }) => BigInt(i.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
      expect(all.body.items.every((i: { clientIds: string[] }) => i.clientIds.includes(clientId))).toBe(true);
      expect(await rowOf(all)).toMatchObject({
        event: 'audit',
        client_ids: [clientId],
        access_point: 'GET /api/audit',
      });

      const first = await request(api.http).get('/api/audit').query({ clientId, limit: 2 }).set(privacy);
      expect(first.body.items).toHaveLength(2);
      const second = await request(api.http)
        .get('/api/audit')
        .query({ clientId, limit: 2, before: first.body.nextBefore })
        .set(privacy);
      expect(BigInt(second.body.items[0].id)).toBeLessThan(BigInt(first.body.items[1].id));

      const refusedByPolice = await request(api.http)
        .get('/api/audit')
        .query({ userId: userIds.police, result: 'refused', event: 'write' })
        .set(privacy);
      expect(refusedByPolice.body.items.length).toBeGreaterThanOrEqual(1);
      expect(
        refusedByPolice.body.items.every(
          (i: { user: { id: string }; result: string; event: string }) =>
            i.user.id === userIds.police && i.result === 'refused' && i.event === 'write',
        ),
      ).toBe(true);

      const future = await request(api.http).get('/api/audit').query({ from: '2999-01-01' }).set(privacy);
      expect(future.body).toEqual({ items: [], nextBefore: null });
      const today = new Date().toISOString().slice(0, 10);
      const upToToday = await request(api.http).get('/api/audit').query({ clientId, to: today }).set(privacy);
      expect(upToToday.body.items.length).toBeGreaterThan(0);

      expect((await request(api.http).get('/api/audit').query({ limit: 0 }).set(privacy)).status).toBe(400);
      expect((await request(api.http).get('/api/audit').query({ event: 'peek' }).set(privacy)).status).toBe(
        400,
      );
      expect((await request(api.http).get('/api/audit').set(care)).status).toBe(403);
    });

    it('reads no client data', async () => {
      expect((await request(api.http).get(`/api/clients/${clientId}`).set(privacy)).status).not.toBe(200);
      const list = await request(api.http).get('/api/clients').set(privacy);
      expect(list.text).not.toContain(CLIENT_NAME);
    });
  });

  describe('the hash chain', () => {
    it('verifies: gap-free ids, each row linked to the one before, every hash recomputed', async () => {
      const result = await verify();
      expect(result).toMatchObject({ ok: true });
      expect(result.rows).toBeGreaterThan(10);
      // Gap-free from 1: the last row it checked is row number `rows`, and the head hash is that row's.
      const [head] = await api.dataSource.query(`SELECT hash FROM audit_log WHERE id = $1`, [result.rows]);
      expect(result.headHash).toBe(head.hash);
      const [first] = await api.dataSource.query(
        `SELECT id::text, prev_hash FROM audit_log ORDER BY id LIMIT 1`,
      );
      expect(first).toEqual({ id: '1', prev_hash: GENESIS_HASH });
    });

    it('logs the legal basis of every client named, in the order of the client ids', async () => {
      const board = await request(api.http).get('/api/board').set(chair);
      const row = await rowOf(board);
      expect(row.client_bases).toHaveLength(row.client_ids.length);
      const bases: { id: string; basis: string }[] = await api.dataSource.query(
        `SELECT client_id::text AS id, legal_basis AS basis FROM trajectory WHERE client_id = ANY($1::uuid[])`,
        [row.client_ids],
      );
      const basisOf = new Map(bases.map((b) => [b.id, b.basis]));
      expect(row.client_bases).toEqual(row.client_ids.map((id) => basisOf.get(id)));
      // A client that does not exist has no basis: `unknown`.
      const missing = await request(api.http).get(`/api/clients/${randomUUID()}`).set(chair);
      expect(missing.status).toBe(404);
      expect((await rowOf(missing)).client_bases).toEqual(['unknown']);
      // The privacy officer sees the bases with the client ids.
      const page = await request(api.http).get('/api/audit').query({ clientId, limit: '1' }).set(privacy);
      const item = page.body.items[0];
      expect(item.clientBases).toHaveLength(item.clientIds.length);
      expect(item.clientBases[item.clientIds.indexOf(clientId)]).toBe('pending');
    });

    it('appends a row with its bases looked up when a caller gives none, hashed like any other', async () => {
      const runner = api.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        const [{ id }] = await runner.query(
          `SELECT entry_id::text AS id FROM audit_log_append(now(), 'read', ARRAY[$1::uuid, $2::uuid], $3, NULL, 'police',
                  NULL, 'GET /test', '{}', 'ok', 200, $4)`,
          [clientId, randomUUID(), userIds.police, randomUUID()],
        );
        const [row] = await runner.query(
          `SELECT client_ids::text[], client_bases, canonical_version FROM audit_log WHERE id = $1`,
          [id],
        );
        expect(row.client_bases).toEqual(
          row.client_ids.map((c: string) => (c === clientId ? 'pending' : 'unknown')),
        );
        expect(row.canonical_version).toBe(2);
        // Written around the audit point, it has no checkpoint: verify says it is anchored by nothing.
        expect(await api.app.get(AuditService).verify(runner)).toMatchObject({
          ok: false,
          firstBrokenId: id,
          reason: 'unanchored',
        });
        // A caller that gives bases of another length is refused by the table's check.
        await expect(
          runner.query(
            `SELECT * FROM audit_log_append(now(), 'read', ARRAY[$1::uuid], NULL, NULL, NULL, NULL, 'GET /test', '{}',
                    'ok', 200, $2, ARRAY['consent', 'none'])`,
            [clientId, randomUUID()],
          ),
        ).rejects.toThrow(/CHK_audit_log_client_bases/);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('serializes a row in TypeScript exactly as the database does, byte for byte (version 2)', async () => {
      const row: CanonicalAuditRow = {
        canonicalVersion: 2,
        id: '43',
        occurredAt: '2026-03-29T01:02:03.456000Z',
        event: 'read',
        clientIds: [clientId, randomUUID()],
        clientBases: ['care_covenant', 'unknown'],
        userId: userIds.police,
        partyId: null,
        partyKind: 'zorg — “ä” 🙂;1:',
        responsibleUserId: null,
        accessPoint: 'GET /api/clients/:id',
        categories: ['identity'],
        result: 'ok',
        status: '200',
        requestId: randomUUID(),
        prevHash: GENESIS_HASH,
      };
      const [fromSql] = await api.dataSource.query(
        `SELECT audit_log_canonical_v2($1::bigint, $2::timestamptz, $3, $4::uuid[], $5::text[], $6::uuid, $7::uuid, $8,
                $9::uuid, $10, $11::text[], $12, $13::int, $14::uuid, $15) AS canonical`,
        [
          row.id,
          row.occurredAt,
          row.event,
          row.clientIds,
          row.clientBases,
          row.userId,
          row.partyId,
          row.partyKind,
          row.responsibleUserId,
          row.accessPoint,
          row.categories,
          row.result,
          row.status,
          row.requestId,
          row.prevHash,
        ],
      );
      expect(fromSql.canonical).toBe(canonicalAuditRow(row));
    });

    it('serializes a row in TypeScript exactly as the database does, byte for byte', async () => {
      const row: CanonicalAuditRow = {
        canonicalVersion: 1,
        clientBases: null,
        id: '42',
        occurredAt: '2026-03-29T01:02:03.456000Z',
        event: 'read',
        clientIds: [clientId, randomUUID()],
        userId: userIds.police,
        partyId: null,
        partyKind: 'zorg — “ä” 🙂;1:',
        responsibleUserId: null,
        accessPoint: 'GET /api/clients/:id',
        categories: [],
        result: 'ok',
        status: '200',
        requestId: randomUUID(),
        prevHash: GENESIS_HASH,
      };
      const [fromSql] = await api.dataSource.query(
        `SELECT audit_log_canonical($1::bigint, $2::timestamptz, $3, $4::uuid[], $5::uuid, $6::uuid, $7, $8::uuid, $9,
                $10::text[], $11, $12::int, $13::uuid, $14) AS canonical`,
        [
          row.id,
          row.occurredAt,
          row.event,
          row.clientIds,
          row.userId,
          row.partyId,
          row.partyKind,
          row.responsibleUserId,
          row.accessPoint,
          row.categories,
          row.result,
          row.status,
          row.requestId,
          row.prevHash,
        ],
      );
      expect(fromSql.canonical).toBe(canonicalAuditRow(row));
    });

    it('keeps rows in order under concurrent requests', async () => {
      const before = (await api.dataSource.query(`SELECT max(id)::text AS id FROM audit_log`))[0].id;
      const responses = await Promise.all(
        Array.from({ length: 40 }, () => request(api.http).get(`/api/clients/${clientId}`).set(care)),
      );
      expect(responses.every((r) => r.status === 200)).toBe(true);
      const rows: { id: string }[] = await api.dataSource.query(
        `SELECT id::text FROM audit_log WHERE id > $1 AND request_id = ANY($2::uuid[]) ORDER BY id`,
        [before, responses.map((r) => r.headers['x-request-id'])],
      );
      expect(rows).toHaveLength(40);
      expect((await verify()).ok).toBe(true);
    });

    it('refuses UPDATE, DELETE and TRUNCATE', async () => {
      const row = await middleRow();
      await expect(
        api.dataSource.query(`UPDATE audit_log SET result = 'ok' WHERE id = $1`, [row.id]),
      ).rejects.toThrow(/append-only/);
      await expect(api.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(api.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    });

    it('shows an edited row', async () => {
      const row = await middleRow();
      await tamper((query) => query(`UPDATE audit_log SET categories = '{}' WHERE id = $1`, [row.id]));
      try {
        expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, reason: 'hash' });
      } finally {
        await tamper((query) =>
          query(`UPDATE audit_log SET categories = $2 WHERE id = $1`, [row.id, row.categories]),
        );
      }
      expect((await verify()).ok).toBe(true);
    });

    it('shows a row whose legal bases were edited, or downgraded to the version without them', async () => {
      const row = await middleRow();
      expect(row.canonical_version).toBe(2);
      const forged = row.client_bases!.map(() => 'safety_covenant');
      await tamper((query) =>
        query(`UPDATE audit_log SET client_bases = $2 WHERE id = $1`, [row.id, forged]),
      );
      try {
        expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, reason: 'hash' });
      } finally {
        await tamper((query) =>
          query(`UPDATE audit_log SET client_bases = $2 WHERE id = $1`, [row.id, row.client_bases]),
        );
      }
      // Dropping the bases and rehashing the row the version 1 way: a version 1 row after version 2 rows.
      await tamper((query) =>
        query(
          `UPDATE audit_log a SET canonical_version = 1, client_bases = NULL,
                  hash = encode(sha256(convert_to(audit_log_canonical(a.id, a.occurred_at, a.event, a.client_ids, a.user_id,
                    a.party_id, a.party_kind, a.responsible_user_id, a.access_point, a.categories, a.result, a.status,
                    a.request_id, a.prev_hash), 'UTF8')), 'hex')
            WHERE id = $1`,
          [row.id],
        ),
      );
      try {
        expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, reason: 'version' });
      } finally {
        await tamper((query) =>
          query(`UPDATE audit_log SET canonical_version = 2, client_bases = $2, hash = $3 WHERE id = $1`, [
            row.id,
            row.client_bases,
            row.hash,
          ]),
        );
      }
      expect((await verify()).ok).toBe(true);
    });

    it('shows a deleted row', async () => {
      const row = await middleRow();
      const [saved] = await api.dataSource.query(`SELECT * FROM audit_log WHERE id = $1`, [row.id]);
      await tamper((query) => query(`DELETE FROM audit_log WHERE id = $1`, [row.id]));
      try {
        expect(await verify()).toMatchObject({
          ok: false,
          firstBrokenId: String(BigInt(row.id) + 1n),
          reason: 'sequence',
        });
      } finally {
        const columns = Object.keys(saved);
        await api.dataSource.query(
          `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`,
          columns.map((c) => saved[c]),
        );
      }
      expect((await verify()).ok).toBe(true);
    });

    it('shows an inserted row, even one hashed the way the chain hashes', async () => {
      // In a transaction that is rolled back, holding the chain's lock: nobody else appends meanwhile, nothing to undo.
      const row = await middleRow();
      const runner = api.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`SELECT pg_advisory_xact_lock(7513, 1)`);
        await runner.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
        const at = BigInt(row.id);
        const [before] = await runner.query(`SELECT hash FROM audit_log WHERE id = $1`, [String(at - 1n)]);
        // Make room at `at` (ids stay gap-free), then forge a row there linked to the one before.
        await runner.query(`UPDATE audit_log SET id = id + 1000000000000 WHERE id >= $1`, [row.id]);
        await runner.query(`UPDATE audit_log SET id = id - 1000000000000 + 1 WHERE id >= 1000000000000`);
        const occurredAt = new Date();
        const forged = [
          row.id,
          occurredAt,
          'read',
          [clientId],
          ['consent'],
          userIds.police,
          null,
          'police',
          null,
        ];
        const tail = ['GET /api/clients/:id', ['identity'], 'ok', 200, randomUUID(), before.hash];
        await runner.query(
          `INSERT INTO audit_log (id, occurred_at, event, client_ids, client_bases, user_id, party_id, party_kind,
                                  responsible_user_id, access_point, categories, result, status, request_id, prev_hash,
                                  hash, canonical_version)
           SELECT $1::bigint, date_trunc('milliseconds', $2::timestamptz), $3::text, $4::uuid[], $5::text[], $6::uuid,
                  $7::uuid, $8::text, $9::uuid, $10::text, $11::text[], $12::text, $13::int, $14::uuid, $15::text,
                  encode(sha256(convert_to(audit_log_canonical_v2($1::bigint, date_trunc('milliseconds', $2::timestamptz),
                    $3::text, $4::uuid[], $5::text[], $6::uuid, $7::uuid, $8::text, $9::uuid, $10::text, $11::text[],
                    $12::text, $13::int, $14::uuid, $15::text), 'UTF8')), 'hex'), 2`,
          [...forged, ...tail],
        );
        const result = await api.app.get(AuditService).verify(runner);
        // The forged row itself checks out; the row after it no longer follows from the one before.
        expect(result).toMatchObject({ ok: false, firstBrokenId: String(at + 1n), reason: 'link' });
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect((await verify()).ok).toBe(true);
    });
  });

  describe('anchored against the database owner (checkpoints with AUDIT_CHAIN_KEY)', () => {
    /** In a transaction that is rolled back, holding the chain's lock, with the append-only triggers off. */
    const asOwner = async (work: (runner: import('typeorm').QueryRunner) => Promise<void>) => {
      const runner = api.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`SELECT pg_advisory_xact_lock(7513, 1)`);
        await runner.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
        await runner.query(`ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only`);
        await work(runner);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };

    it('writes a checkpoint with every group commit, so verify anchors every row', async () => {
      const result = await verify();
      expect(result).toMatchObject({ ok: true, anchor: { developmentKey: true } });
      expect(result.anchor.checkpoints).toBeGreaterThan(0);
      const [head] = await api.dataSource.query(`SELECT max(head_id)::text AS id FROM audit_checkpoint`);
      expect(BigInt(head.id)).toBeGreaterThanOrEqual(BigInt(result.rows));
      await expect(api.dataSource.query(`DELETE FROM audit_checkpoint`)).rejects.toThrow(/append-only/);
    });

    it('catches a chain the owner rewrote and rehashed: the checkpoints no longer match, and cannot be forged', async () => {
      const row = await middleRow();
      await asOwner(async (runner) => {
        // Edit a row and recompute every hash after it, as whoever owns the database can.
        await runner.query(`UPDATE audit_log SET access_point = access_point || ' (edited)' WHERE id = $1`, [
          row.id,
        ]);
        await runner.query(
          `DO $$ DECLARE r record; prev text; BEGIN
             SELECT hash INTO prev FROM audit_log WHERE id = ${BigInt(row.id) - 1n};
             FOR r IN SELECT * FROM audit_log WHERE id >= ${BigInt(row.id)} ORDER BY id LOOP
               UPDATE audit_log SET prev_hash = prev,
                      hash = encode(sha256(convert_to(audit_log_canonical_v2(r.id, r.occurred_at, r.event, r.client_ids,
                        r.client_bases, r.user_id, r.party_id, r.party_kind, r.responsible_user_id, r.access_point,
                        r.categories, r.result, r.status, r.request_id, prev), 'UTF8')), 'hex')
                WHERE id = r.id RETURNING hash INTO prev;
             END LOOP;
           END $$`,
        );
        const service = api.app.get(AuditService);
        const rewritten = await service.verify(runner);
        expect(rewritten).toMatchObject({ ok: false, reason: 'checkpoint' });
        expect(BigInt(rewritten.firstBrokenId!)).toBeGreaterThanOrEqual(BigInt(row.id));
        // Make the checkpoints name the new hashes too: their MACs give it away.
        await runner.query(
          `UPDATE audit_checkpoint c SET head_hash = a.hash FROM audit_log a WHERE a.id = c.head_id AND c.head_hash <> a.hash`,
        );
        expect(await service.verify(runner)).toMatchObject({ ok: false, reason: 'checkpoint_mac' });
        // Or remove them: the rows after the last one left are anchored by nothing.
        await runner.query(`DELETE FROM audit_checkpoint WHERE head_id >= $1`, [row.id]);
        expect(await service.verify(runner)).toMatchObject({ ok: false, reason: 'unanchored' });
      });
      expect((await verify()).ok).toBe(true);
    });
  });

  describe('if the log cannot be written', () => {
    it('fails the request with a generic 500 and shows nothing of the client', async () => {
      const refuse = `audit_test_refuse_${randomUUID().replace(/-/g, '')}`;
      await api.dataSource.query(
        `CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'disk full while logging client ${clientId}'; END $$`,
      );
      // Only this suite's care user: other requests keep being logged.
      await api.dataSource.query(
        `CREATE TRIGGER ${refuse} BEFORE INSERT ON audit_log FOR EACH ROW
           WHEN (NEW.user_id = '${userIds.addiction_care}') EXECUTE FUNCTION ${refuse}()`,
      );
      try {
        const read = await request(api.http).get(`/api/clients/${clientId}`).set(care);
        expect(read.status).toBe(500);
        expect(read.body).toEqual({
          statusCode: 500,
          error: 'internal_error',
          message: expect.stringMatching(/unexpected error/),
        });
        expect(read.text).not.toContain(CLIENT_NAME);
        expect(read.text).not.toContain(clientId);

        const refused = await request(api.http).get(`/api/clients/${randomUUID()}`).set(care);
        expect(refused.status).toBe(500);

        const [{ count }] = await api.dataSource.query(
          `SELECT count(*)::int AS count FROM audit_log WHERE request_id = ANY($1::uuid[])`,
          [[read.headers['x-request-id'], refused.headers['x-request-id']]],
        );
        expect(count).toBe(0);
      } finally {
        await api.dataSource.query(`DROP TRIGGER ${refuse} ON audit_log`);
        await api.dataSource.query(`DROP FUNCTION ${refuse}()`);
      }
      expect((await request(api.http).get(`/api/clients/${clientId}`).set(care)).status).toBe(200);
      // The failed appends left no gap.
      expect((await verify()).ok).toBe(true);
    });
  });

  describe('the route table', () => {
    it('marks every route under a client-data path: @ClientData or an explicit @NoClientData', () => {
      const routes = api.app.get(RouteTable).routes();
      expect(routes.length).toBeGreaterThan(20);
      const unmarked = routes
        .filter((r) => isUnder(r.path, CLIENT_DATA_PATHS) && !r.clientData && r.noClientData === undefined)
        .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
      expect(unmarked).toEqual([]);
      // A handler that sends the answer itself (@Res()) would send it before its row is written.
      expect(routes.filter((r) => r.clientData && r.answersItself)).toEqual([]);
      expect(routes.find((r) => r.path === '/api/meetings/:id/ics')?.answersItself).toBe(true);
      expect(api.app.get(RouteTable).unmarked()).toEqual([]);
      expect(routes.find((r) => r.path === '/api/clients/:id' && r.method === 'GET')?.clientData?.event).toBe(
        'read',
      );
      expect(routes.find((r) => r.path === '/api/meetings/:id/ics')?.noClientData).toBeTruthy();
    });

    it('reads the same routes as the HTTP router serves', () => {
      const express = api.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      };
      // The router's routes under /api, less the OpenAPI pages and the request-id middleware (`/api/*path`).
      const served = express.router.stack
        .filter(
          (layer) =>
            layer.route &&
            layer.route.path.startsWith('/api/') &&
            !layer.route.path.startsWith('/api/docs') &&
            !layer.route.path.includes('*'),
        )
        .flatMap((layer) =>
          Object.keys(layer.route!.methods)
            .filter((m) => m !== '_all')
            .map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
        );
      const read = api.app
        .get(RouteTable)
        .routes()
        .map((r) => `${r.method} ${r.path}`);
      expect([...new Set(read)].sort()).toEqual([...new Set(served)].sort());
      expect(
        served.filter((route) => isUnder(route.split(' ')[1], CLIENT_DATA_PATHS)).length,
      ).toBeGreaterThan(20);
    });
  });
});
