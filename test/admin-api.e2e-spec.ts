import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
// @koers/access before @koers/audit: the audit library's own imports go through access (an import cycle).
import '@koers/access';
import { RouteTable } from '@koers/audit';
import { ADMIN_LOCK_NAMESPACE, ADMIN_LOCKS } from '../libs/access/src/admin/admin-rules';
import { base32Decode, totpCode } from '../libs/access/src/totp';
import { ApiHarness, TEST_PASSWORD, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { testDatabaseUrl } from './support/test-database';
import { waitFor } from './support/processes';

type Auth = { Authorization: string };
const bearer = (token: string): Auth => ({ Authorization: `Bearer ${token}` });
const ONE_TIME_PASSWORD = /^[a-hj-km-np-z2-9]{5}(-[a-hj-km-np-z2-9]{5}){3}$/;

/**
 * The admin role (issue 5 item 1) against the real API and database: users, teams and parties, only for admins,
 * every change in the append-only admin log, and no client data for the admin anywhere. The API runs with
 * DEMO_MODE=1 (admins log in without a second factor); one test runs the TOTP path on an API without it.
 */
describe('admin API: users, teams and parties (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let admin: Auth;
  let adminId: string;
  let chair: Auth;
  let police: Auth;
  let privacy: Auth;
  let privacyId: string;
  let municipalityPartyId: string;
  let policePartyId: string;
  let clientId: string;
  const suffix = randomUUID().slice(0, 8);
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${suffix}-${++counter}`;

  const http = () => request(api.http);
  const userId = async (username: string): Promise<string> =>
    (await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;
  const login = (username: string, password = TEST_PASSWORD, extra: Record<string, unknown> = {}) =>
    http()
      .post('/api/auth/login')
      .send({ username, password, ...extra });
  const me = (auth: Auth) => http().get('/api/auth/me').set(auth);
  /** A user of the fixture's kind, made over the admin API with a known password. */
  const newUser = async (overrides: Record<string, unknown> = {}) => {
    const response = await http()
      .post('/api/admin/users')
      .set(admin)
      .send({
        username: unique('user'),
        displayName: 'Nieuwe Gebruiker',
        partyId: policePartyId,
        role: 'member',
        password: TEST_PASSWORD,
        ...overrides,
      });
    expect(response.status).toBe(201);
    return response.body.user as { id: string; username: string };
  };
  const newAdmin = async () => {
    const user = await newUser({ role: 'admin', partyId: municipalityPartyId });
    return { ...user, auth: await api.login(user.username) };
  };
  /** Everything user administration could change, to show a refused request changed nothing. */
  const snapshot = async () =>
    (
      await api.dataSource.query(
        `SELECT (SELECT md5(coalesce(string_agg(u::text, '|' ORDER BY u.id), '')) FROM app_user u) AS users,
                (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM party p) AS parties,
                (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM team t) AS teams,
                (SELECT md5(coalesce(string_agg(m::text, '|' ORDER BY m.id), '')) FROM municipality m) AS municipalities,
                (SELECT md5(coalesce(string_agg(tm::text, '|' ORDER BY tm.team_id, tm.user_id), '')) FROM team_member tm) AS members,
                (SELECT md5(coalesce(string_agg(ut::text, '|' ORDER BY ut.user_id), '')) FROM user_totp ut) AS totp,
                (SELECT count(*) FROM session WHERE revoked_at IS NOT NULL) AS revoked,
                (SELECT count(*) FROM login_throttle) AS throttle,
                (SELECT count(*) FROM admin_audit) AS audit`,
      )
    )[0];
  const auditOf = async (targetId: string) =>
    (await http().get(`/api/admin/audit?targetId=${targetId}`).set(admin)).body.items as {
      action: string;
      actor: { userId: string; username: string };
      target: { kind: string; id: string; label: string };
      details: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    api = await startApi({ DEMO_MODE: '1' });
    team = await createTeam(api.dataSource);
    const [parties] = await api.dataSource.query(
      `SELECT max(party_id::text) FILTER (WHERE username = $1) AS municipality,
              max(party_id::text) FILTER (WHERE username = $2) AS police
         FROM app_user`,
      [team.users.municipality, team.users.police],
    );
    municipalityPartyId = parties.municipality;
    policePartyId = parties.police;
    // The first admin and a privacy officer: in no team, with the fixture's password.
    for (const [role, username] of [
      ['admin', `admin-${suffix}`],
      ['privacy_officer', `privacy-${suffix}`],
    ]) {
      await api.dataSource.query(
        `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
         SELECT $1, $1, password_hash, party_id, $2 FROM app_user WHERE username = $3`,
        [username, role, team.users.municipality],
      );
    }
    adminId = await userId(`admin-${suffix}`);
    privacyId = await userId(`privacy-${suffix}`);
    admin = await api.login(`admin-${suffix}`);
    privacy = await api.login(`privacy-${suffix}`);
    chair = await api.login(team.users.municipality);
    police = await api.login(team.users.police);
    const created = await http()
      .post('/api/clients')
      .set(chair)
      .send({
        displayName: 'Demo A. Dminonzichtbaar',
        signal: { source: 'police', description: 'Overlast en zorgen in de wijk.' },
      });
    expect(created.status).toBe(201);
    clientId = created.body.client.id;
  });
  afterAll(() => api?.close());

  describe('who may', () => {
    const adminRoutes = () =>
      api.app
        .get(RouteTable)
        .routes()
        .filter((r) => r.path.startsWith('/api/admin/'));
    const call = (method: string, path: string, auth?: Auth) => {
      const url = path.replace(/:[A-Za-z]+/g, randomUUID());
      const test = (http() as unknown as Record<string, (url: string) => request.Test>)[method.toLowerCase()](
        url,
      );
      return (auth ? test.set(auth) : test).send({});
    };

    it('marks every admin route as touching no client data', () => {
      const routes = adminRoutes();
      expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
        [
          'GET /api/admin/audit',
          'GET /api/admin/parties',
          'GET /api/admin/teams',
          'GET /api/admin/users',
          'PATCH /api/admin/users/:id',
          'POST /api/admin/parties',
          'POST /api/admin/teams',
          'POST /api/admin/teams/:id/members',
          'DELETE /api/admin/teams/:id/members/:userId',
          'POST /api/admin/users',
          'POST /api/admin/users/:id/reset-password',
          'POST /api/admin/users/:id/unlock',
          'DELETE /api/admin/users/:id/totp',
        ].sort(),
      );
      for (const route of routes) {
        expect(route.noClientData).toBe('user administration');
        expect(route.clientData).toBeUndefined();
      }
      expect(api.app.get(RouteTable).unmarked()).toEqual([]);
    });

    it('answers 401 without a token and 403 to chair, member and privacy officer, changing nothing', async () => {
      const before = await snapshot();
      for (const route of adminRoutes()) {
        expect([route.path, (await call(route.method, route.path)).status]).toEqual([route.path, 401]);
        for (const [who, auth] of [
          ['chair', chair],
          ['member', police],
          ['privacy officer', privacy],
        ] as const) {
          if (who === 'privacy officer' && route.path === '/api/admin/audit') continue;
          const response = await call(route.method, route.path, auth);
          expect([route.method, route.path, who, response.status]).toEqual([
            route.method,
            route.path,
            who,
            403,
          ]);
          expect(response.body.error).toBe('forbidden');
        }
      }
      expect(await snapshot()).toEqual(before);
    });

    it('lets the privacy officer read the admin log, and nothing else of it', async () => {
      const response = await http().get('/api/admin/audit').set(privacy);
      expect(response.status).toBe(200);
      // Other suites on the shared test database write admin rows too: the page may be full.
      expect(Object.keys(response.body).sort()).toEqual(['items', 'nextBefore']);
      expect(response.body.items).toEqual(expect.any(Array));
      expect(response.body.nextBefore === null || typeof response.body.nextBefore === 'string').toBe(true);
    });

    it('gives the admin no client data anywhere: in no team, no clients, an empty board', async () => {
      expect((await me(admin)).body).toMatchObject({
        role: 'admin',
        teamIds: [],
        memberTeamIds: [],
        categories: [],
      });
      expect((await http().get('/api/clients').set(admin)).body).toEqual([]);
      const board = await http().get('/api/board').set(admin);
      expect(board.status).toBe(200);
      expect(board.body.rows).toEqual([]);
      expect((await http().get(`/api/clients/${clientId}`).set(admin)).status).toBe(404);
      expect((await http().get('/api/teams').set(admin)).body).toEqual([]);
      expect((await http().get(`/api/teams/${team.teamId}`).set(admin)).status).toBe(404);
      // The chair does see the client: the admin's empty answers are need-to-know, not an empty database.
      expect((await http().get('/api/clients').set(chair)).body.map((c: { id: string }) => c.id)).toContain(
        clientId,
      );
    });

    it('writes no access-log rows for user administration', async () => {
      await http().get('/api/admin/users').set(admin);
      const [{ count }] = await api.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE access_point LIKE '%/api/admin%'`,
      );
      expect(count).toBe(0);
    });
  });

  describe('users', () => {
    it('lists every account with party, role, teams, disabled, second factor and lock', async () => {
      const response = await http().get('/api/admin/users').set(admin);
      expect(response.status).toBe(200);
      const chairRow = response.body.find(
        (u: { username: string }) => u.username === team.users.municipality,
      );
      expect(chairRow).toEqual({
        id: expect.any(String),
        username: team.users.municipality,
        displayName: 'Test municipality',
        email: null,
        party: {
          id: municipalityPartyId,
          kind: 'municipality',
          name: `municipality ${team.users.municipality.split('-')[1]}`,
        },
        role: 'chair',
        teams: [{ id: team.teamId, name: expect.stringMatching(/^Casusoverleg /) }],
        disabled: false,
        disabledAt: null,
        hasTotp: false,
        lockedUntil: null,
        oidcSubject: null,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|argon2|secret/i);
      expect(response.body.find((u: { id: string }) => u.id === adminId)).toMatchObject({
        role: 'admin',
        teams: [],
      });
    });

    it('makes an account with a one-time password that logs in, in its teams, and logs it', async () => {
      const username = unique('j.jansen');
      const response = await http()
        .post('/api/admin/users')
        .set(admin)
        .send({
          username,
          displayName: '  Jan Jansen ',
          email: 'j.jansen@voorbeeldstad.example',
          partyId: policePartyId,
          role: 'member',
          teamIds: [team.teamId],
        });
      expect(response.status).toBe(201);
      expect(response.body.oneTimePassword).toMatch(ONE_TIME_PASSWORD);
      expect(response.body.user).toMatchObject({
        username,
        displayName: 'Jan Jansen',
        email: 'j.jansen@voorbeeldstad.example',
        party: { id: policePartyId, kind: 'police' },
        role: 'member',
        teams: [{ id: team.teamId }],
        disabled: false,
        hasTotp: false,
      });
      const [stored] = await api.dataSource.query(`SELECT password_hash FROM app_user WHERE username = $1`, [
        username,
      ]);
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored.password_hash).not.toContain(response.body.oneTimePassword);

      const loggedIn = await login(username, response.body.oneTimePassword);
      expect(loggedIn.status).toBe(200);
      const auth = bearer(loggedIn.body.token);
      expect((await me(auth)).body).toMatchObject({
        username,
        partyKind: 'police',
        memberTeamIds: [team.teamId],
      });
      // A police participant of the team sees its client.
      expect((await http().get('/api/clients').set(auth)).body.map((c: { id: string }) => c.id)).toContain(
        clientId,
      );

      expect(await auditOf(response.body.user.id)).toEqual([
        expect.objectContaining({
          action: 'user.created',
          actor: { userId: adminId, username: `admin-${suffix}` },
          target: { kind: 'user', id: response.body.user.id, label: username },
          details: expect.objectContaining({
            role: 'member',
            passwordGenerated: true,
            teams: [expect.objectContaining({ id: team.teamId })],
          }),
        }),
      ]);
      expect(JSON.stringify(await auditOf(response.body.user.id))).not.toContain(
        response.body.oneTimePassword,
      );
    });

    it('takes a password when given (no one-time password then) and makes or reuses a party by kind and name', async () => {
      const partyName = `Woonstichting ${suffix}`;
      const first = await http()
        .post('/api/admin/users')
        .set(admin)
        .send({
          username: unique('woon'),
          displayName: 'Woonconsulent',
          partyKind: 'housing_corporation',
          partyName,
          role: 'member',
          password: TEST_PASSWORD,
        });
      expect(first.status).toBe(201);
      expect(first.body.oneTimePassword).toBeUndefined();
      expect(first.body.user.party).toMatchObject({ kind: 'housing_corporation', name: partyName });
      expect((await login(first.body.user.username)).status).toBe(200);
      const second = await http()
        .post('/api/admin/users')
        .set(admin)
        .send({
          username: unique('woon'),
          displayName: 'Tweede woonconsulent',
          partyKind: 'housing_corporation',
          partyName: partyName.toUpperCase(),
          role: 'member',
        });
      expect(second.status).toBe(201);
      expect(second.body.user.party.id).toBe(first.body.user.party.id);
      expect((await auditOf(first.body.user.party.id)).map((r) => r.action)).toEqual(['party.created']);
    });

    it('refuses a taken username with 409, changing nothing', async () => {
      const before = await snapshot();
      const response = await http().post('/api/admin/users').set(admin).send({
        username: team.users.police,
        displayName: 'Dubbel',
        partyId: policePartyId,
        role: 'member',
      });
      expect(response.status).toBe(409);
      expect(response.body.details).toEqual([
        expect.objectContaining({ code: 'username_taken', field: 'username' }),
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['no role', { role: undefined }, 'role'],
      ['an unknown role', { role: 'root' }, 'role'],
      ['an upper-case username', { username: 'Jan.Jansen' }, 'username'],
      ['a too short username', { username: 'jj' }, 'username'],
      ['an empty display name', { displayName: '   ' }, 'displayName'],
      ['a bad e-mail address', { email: 'nope' }, 'email'],
      ['a short password', { password: 'kort' }, 'password'],
      ['a null password', { password: null }, 'password'],
      ['no party', { partyId: undefined }, 'partyId'],
      ['partyId and partyKind', { partyKind: 'police', partyName: 'Politie' }, 'partyId'],
      ['partyKind without partyName', { partyId: undefined, partyKind: 'police' }, 'partyName'],
      ['an unknown party kind', { partyId: undefined, partyKind: 'army', partyName: 'Leger' }, 'partyKind'],
      ['teamIds that are not UUIDs', { teamIds: ['x'] }, 'teamIds'],
      ['a __proto__ key', JSON.parse('{"__proto__": {"role": "admin"}}'), undefined],
    ])('refuses %s with 400, changing nothing', async (_what, change, field) => {
      const before = await snapshot();
      const body = {
        username: unique('bad'),
        displayName: 'Fout',
        partyId: policePartyId,
        role: 'member',
        ...change,
      };
      const response = await http()
        .post('/api/admin/users')
        .set(admin)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body, (_key, value) => value));
      expect(response.status).toBe(400);
      if (field) expect(response.body.details.map((d: { field?: string }) => d.field)).toContain(field);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an admin or privacy officer in a team, and a chair outside the municipality (422); unknown ids 404', async () => {
      const before = await snapshot();
      const base = { username: unique('r'), displayName: 'Regel', partyId: municipalityPartyId };
      for (const role of ['admin', 'privacy_officer']) {
        const response = await http()
          .post('/api/admin/users')
          .set(admin)
          .send({ ...base, role, teamIds: [team.teamId] });
        expect(response.status).toBe(422);
        expect(response.body.details).toEqual([
          expect.objectContaining({ code: 'role_without_client_data' }),
        ]);
      }
      const chairOfPolice = await http()
        .post('/api/admin/users')
        .set(admin)
        .send({ ...base, partyId: policePartyId, role: 'chair' });
      expect(chairOfPolice.status).toBe(422);
      expect(chairOfPolice.body.details).toEqual([expect.objectContaining({ code: 'chair_party' })]);
      const unknownParty = await http()
        .post('/api/admin/users')
        .set(admin)
        .send({ ...base, partyId: randomUUID(), role: 'member' });
      expect(unknownParty.status).toBe(404);
      const unknownTeam = await http()
        .post('/api/admin/users')
        .set(admin)
        .send({ ...base, role: 'member', teamIds: [team.teamId, randomUUID()] });
      expect(unknownTeam.status).toBe(404);
      expect(await snapshot()).toEqual(before);
    });

    it('changes display name, e-mail and role, and logs what changed', async () => {
      const user = await newUser({ partyId: municipalityPartyId });
      const response = await http()
        .patch(`/api/admin/users/${user.id}`)
        .set(admin)
        .send({ displayName: 'Andere Naam', email: 'ander@voorbeeldstad.example', role: 'chair' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        displayName: 'Andere Naam',
        email: 'ander@voorbeeldstad.example',
        role: 'chair',
      });
      const cleared = await http().patch(`/api/admin/users/${user.id}`).set(admin).send({ email: null });
      expect(cleared.body.email).toBeNull();
      const [updated] = await auditOf(user.id);
      expect(updated).toMatchObject({
        action: 'user.updated',
        details: { changes: { email: { from: 'ander@voorbeeldstad.example', to: null } } },
      });
      expect((await auditOf(user.id))[1].details).toEqual({
        changes: {
          displayName: { from: 'Nieuwe Gebruiker', to: 'Andere Naam' },
          email: { from: null, to: 'ander@voorbeeldstad.example' },
          role: { from: 'member', to: 'chair' },
        },
      });
    });

    it.each([
      ['an empty body', {}],
      ['a null display name', { displayName: null }],
      ['a null role', { role: null }],
      ['disabled as a string', { disabled: 'yes' }],
      ['an unknown role', { role: 'superuser' }],
      ['a password', { password: 'correct horse battery staple' }],
      ['a username', { username: 'someone-else' }],
    ])('refuses a PATCH with %s (400), changing nothing', async (_what, body) => {
      const before = await snapshot();
      const response = await http().patch(`/api/admin/users/${adminId}`).set(admin).send(body);
      expect(response.status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('answers 400 for an id that is not a UUID and 404 for an unknown user', async () => {
      expect((await http().patch('/api/admin/users/nope').set(admin).send({ displayName: 'x' })).status).toBe(
        400,
      );
      expect(
        (await http().patch(`/api/admin/users/${randomUUID()}`).set(admin).send({ displayName: 'x' })).status,
      ).toBe(404);
      expect((await http().post(`/api/admin/users/${randomUUID()}/unlock`).set(admin)).status).toBe(404);
      expect((await http().post(`/api/admin/users/${randomUUID()}/reset-password`).set(admin)).status).toBe(
        404,
      );
      expect((await http().delete(`/api/admin/users/${randomUUID()}/totp`).set(admin)).status).toBe(404);
    });

    it('refuses to make a team participant admin or privacy officer, or a police user chair (422)', async () => {
      const policeId = await userId(team.users.police);
      const before = await snapshot();
      for (const role of ['admin', 'privacy_officer', 'chair']) {
        const response = await http().patch(`/api/admin/users/${policeId}`).set(admin).send({ role });
        expect(response.status).toBe(422);
        expect(response.body.details.map((d: { code: string }) => d.code)).toEqual([
          role === 'chair' ? 'chair_party' : 'role_without_client_data',
        ]);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('disabling ends every session of the user and refuses logins; enabling lets them log in again', async () => {
      const user = await newUser();
      const first = await api.login(user.username);
      const second = await api.login(user.username);
      expect((await me(first)).status).toBe(200);
      const disabled = await http().patch(`/api/admin/users/${user.id}`).set(admin).send({ disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
      expect((await me(first)).status).toBe(401);
      expect((await me(second)).status).toBe(401);
      const [{ open }] = await api.dataSource.query(
        `SELECT count(*)::int AS open FROM session WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      expect(open).toBe(0);
      expect((await login(user.username)).status).toBe(401);

      const enabled = await http().patch(`/api/admin/users/${user.id}`).set(admin).send({ disabled: false });
      expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null });
      // The old sessions stay ended; a new login works.
      expect((await me(first)).status).toBe(401);
      expect((await me(await api.login(user.username))).status).toBe(200);
      expect((await auditOf(user.id)).map((r) => r.details)).toEqual([
        { changes: { disabled: { from: true, to: false } } },
        { changes: { disabled: { from: false, to: true } }, sessionsRevoked: true },
        expect.objectContaining({ role: 'member' }),
      ]);
    });

    it('an admin cannot disable or demote themself (422); another admin can disable them', async () => {
      const other = await newAdmin();
      const before = await snapshot();
      const disable = await http()
        .patch(`/api/admin/users/${other.id}`)
        .set(other.auth)
        .send({ disabled: true });
      expect(disable.status).toBe(422);
      expect(disable.body.details).toEqual([
        expect.objectContaining({ code: 'self_disable', field: 'disabled' }),
      ]);
      const demote = await http()
        .patch(`/api/admin/users/${other.id}`)
        .set(other.auth)
        .send({ role: 'member' });
      expect(demote.status).toBe(422);
      expect(demote.body.details).toEqual([
        expect.objectContaining({ code: 'self_demotion', field: 'role' }),
      ]);
      // Changing their own name is fine.
      expect(await snapshot()).toEqual(before);
      expect(
        (await http().patch(`/api/admin/users/${other.id}`).set(other.auth).send({ displayName: 'Beheer 2' }))
          .status,
      ).toBe(200);

      const byAnother = await http()
        .patch(`/api/admin/users/${other.id}`)
        .set(admin)
        .send({ disabled: true });
      expect(byAnother.status).toBe(200);
      expect((await me(other.auth)).status).toBe(401);
    });

    it('the last active admin cannot be removed (422 last_admin)', async () => {
      // Every other active admin in the database (other suites make some) is set aside for this test.
      const others: { id: string }[] = await api.dataSource.query(
        `UPDATE app_user SET disabled_at = now() WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1 RETURNING id`,
        [adminId],
      );
      try {
        const before = await snapshot();
        for (const body of [
          { disabled: true },
          { role: 'member' },
          { role: 'privacy_officer', disabled: true },
        ]) {
          const response = await http().patch(`/api/admin/users/${adminId}`).set(admin).send(body);
          expect(response.status).toBe(422);
          expect(response.body.details.map((d: { code: string }) => d.code)).toContain('last_admin');
        }
        expect(await snapshot()).toEqual(before);
      } finally {
        await api.dataSource.query(`UPDATE app_user SET disabled_at = NULL WHERE id = ANY($1::uuid[])`, [
          others.map((o) => o.id),
        ]);
      }
      // With another active admin, only the self rule answers.
      const other = await newAdmin();
      const response = await http().patch(`/api/admin/users/${adminId}`).set(admin).send({ disabled: true });
      expect(response.body.details.map((d: { code: string }) => d.code)).toEqual(['self_disable']);
      await http().patch(`/api/admin/users/${other.id}`).set(admin).send({ disabled: true });
    });

    it('two admins demoting each other at once leave one admin: the second finds it is no admin any more', async () => {
      const a = await newAdmin();
      const b = await newAdmin();
      // Hold the admins' lock so both requests are inside the API, waiting for it, before either goes on.
      const holder = new Client({ connectionString: testDatabaseUrl() });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [
          ADMIN_LOCK_NAMESPACE,
          ADMIN_LOCKS.admins,
        ]);
        const requests = [
          http()
            .patch(`/api/admin/users/${b.id}`)
            .set(a.auth)
            .send({ role: 'member' })
            .then((r) => r),
          http()
            .patch(`/api/admin/users/${a.id}`)
            .set(b.auth)
            .send({ role: 'member' })
            .then((r) => r),
        ];
        await waitFor(
          'both requests to wait for the admins lock',
          async () => {
            const [{ waiting }] = (
              await holder.query(
                `SELECT count(*)::int AS waiting FROM pg_locks
                  WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND NOT granted`,
                [ADMIN_LOCK_NAMESPACE, ADMIN_LOCKS.admins],
              )
            ).rows;
            return waiting === 2;
          },
          10_000,
        );
        await holder.query('COMMIT');
        const responses = await Promise.all(requests);
        expect(responses.map((r) => r.status).sort()).toEqual([200, 403]);
      } finally {
        await holder.end();
      }
      const roles: { role: string }[] = await api.dataSource.query(
        `SELECT role FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY role`,
        [[a.id, b.id]],
      );
      expect(roles.map((r) => r.role)).toEqual(['admin', 'member']);
      const remaining = roles[0].role === 'admin' ? a : b;
      await http().patch(`/api/admin/users/${remaining.id}`).set(admin).send({ disabled: true });
    });

    it('resets a password: a new one-time password, the old one and every session end', async () => {
      const user = await newUser();
      const session = await api.login(user.username);
      const response = await http().post(`/api/admin/users/${user.id}/reset-password`).set(admin);
      expect(response.status).toBe(200);
      expect(response.body.oneTimePassword).toMatch(ONE_TIME_PASSWORD);
      expect(response.body.user).toMatchObject({ id: user.id });
      expect((await me(session)).status).toBe(401);
      expect((await login(user.username)).status).toBe(401);
      expect((await login(user.username, response.body.oneTimePassword)).status).toBe(200);
      expect((await auditOf(user.id))[0]).toMatchObject({
        action: 'user.password_reset',
        details: { sessionsRevoked: true },
      });
    });

    it('unlocks a username locked after too many failed logins', async () => {
      const user = await newUser();
      for (let i = 0; i < 5; i++) expect((await login(user.username, 'wrong password')).status).toBe(401);
      expect((await login(user.username)).status).toBe(429);
      const listed = (await http().get('/api/admin/users').set(admin)).body.find(
        (u: { id: string }) => u.id === user.id,
      );
      expect(Date.parse(listed.lockedUntil)).toBeGreaterThan(Date.now());

      const response = await http().post(`/api/admin/users/${user.id}/unlock`).set(admin);
      expect(response.status).toBe(200);
      expect(response.body.lockedUntil).toBeNull();
      expect((await login(user.username)).status).toBe(200);
      expect((await auditOf(user.id))[0]).toMatchObject({
        action: 'user.unlocked',
        details: { wasLocked: true, lockedUntil: listed.lockedUntil },
      });
    });

    it('resets the second factor: sessions end, the password alone logs in, and a new one can be enrolled', async () => {
      const user = await newUser();
      const auth = await api.login(user.username);
      const enrol = async (as: Auth) => {
        const { secret } = (await http().post('/api/auth/totp/enrol').set(as).send({})).body;
        const confirm = await http()
          .post('/api/auth/totp/confirm')
          .set(as)
          .send({ code: totpCode(base32Decode(secret)!, new Date()) });
        expect(confirm.body).toEqual({ totpEnabled: true });
      };
      await enrol(auth);
      expect((await login(user.username)).body.details).toEqual([
        expect.objectContaining({ code: 'totp_required' }),
      ]);
      const listed = (await http().get('/api/admin/users').set(admin)).body;
      expect(listed.find((u: { id: string }) => u.id === user.id).hasTotp).toBe(true);

      const response = await http().delete(`/api/admin/users/${user.id}/totp`).set(admin);
      expect(response.status).toBe(200);
      expect(response.body.hasTotp).toBe(false);
      expect((await me(auth)).status).toBe(401);
      const [{ rows }] = await api.dataSource.query(
        `SELECT count(*)::int AS rows FROM user_totp WHERE user_id = $1`,
        [user.id],
      );
      expect(rows).toBe(0);
      const again = await api.login(user.username);
      await enrol(again);
      expect((await login(user.username)).body.details[0].code).toBe('totp_required');
      expect((await auditOf(user.id))[0]).toMatchObject({
        action: 'user.totp_reset',
        details: { hadTotp: true, sessionsRevoked: true },
      });
    });
  });

  describe('an admin outside demo mode', () => {
    it('needs a second factor to log in; a reset sends them back to enrolment', async () => {
      const strict = await startApi();
      try {
        const username = unique('beheer');
        await newUser({ username, role: 'admin', partyId: municipalityPartyId });
        const refused = await request(strict.http)
          .post('/api/auth/login')
          .send({ username, password: TEST_PASSWORD });
        expect(refused.status).toBe(403);
        expect(refused.body.details).toEqual([expect.objectContaining({ code: 'totp_enrolment_required' })]);
        const enrol = await request(strict.http)
          .post('/api/auth/totp/enrol')
          .send({ username, password: TEST_PASSWORD });
        expect(enrol.status).toBe(200);
        const confirm = await request(strict.http)
          .post('/api/auth/totp/confirm')
          .send({
            username,
            password: TEST_PASSWORD,
            code: totpCode(base32Decode(enrol.body.secret)!, new Date()),
          });
        expect(confirm.status).toBe(200);
        const auth = bearer(confirm.body.token);
        const users = await request(strict.http).get('/api/admin/users').set(auth);
        expect(users.status).toBe(200);
        const self = users.body.find((u: { username: string }) => u.username === username);
        expect(self).toMatchObject({ role: 'admin', hasTotp: true });
        expect(
          (await request(strict.http).post('/api/auth/login').send({ username, password: TEST_PASSWORD }))
            .body.details,
        ).toEqual([expect.objectContaining({ code: 'totp_required' })]);

        expect((await http().delete(`/api/admin/users/${self.id}/totp`).set(admin)).status).toBe(200);
        expect((await request(strict.http).get('/api/admin/users').set(auth)).status).toBe(401);
        const again = await request(strict.http)
          .post('/api/auth/login')
          .send({ username, password: TEST_PASSWORD });
        expect(again.status).toBe(403);
        expect(again.body.details).toEqual([expect.objectContaining({ code: 'totp_enrolment_required' })]);
        await http().patch(`/api/admin/users/${self.id}`).set(admin).send({ disabled: true });
      } finally {
        await strict.close();
      }
    });
  });

  describe('teams', () => {
    const code = () => `GM${String(1000 + Math.floor(Math.random() * 8000))}`;

    it('lists every team with its municipality and participants', async () => {
      const response = await http().get('/api/admin/teams').set(admin);
      expect(response.status).toBe(200);
      const row = response.body.find((t: { id: string }) => t.id === team.teamId);
      expect(row).toMatchObject({
        name: expect.stringMatching(/^Casusoverleg /),
        municipality: {
          id: expect.any(String),
          name: expect.stringMatching(/^Testgemeente /),
          code: expect.any(String),
        },
        createdAt: expect.any(String),
      });
      expect(row.members.map((m: { username: string }) => m.username).sort()).toEqual(
        expect.arrayContaining(Object.values(team.users)),
      );
      expect(row.members[0]).toEqual({
        userId: expect.any(String),
        username: expect.any(String),
        displayName: expect.any(String),
        role: expect.any(String),
        party: { id: expect.any(String), kind: expect.any(String), name: expect.any(String) },
        disabled: expect.any(Boolean),
      });
    });

    it('makes a team with a new municipality, then another in the same one; refuses duplicates (409)', async () => {
      const municipality = { name: `Gemeente ${suffix}`, code: code() };
      const first = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({ name: `Casusoverleg Noord ${suffix}`, municipality });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ name: `Casusoverleg Noord ${suffix}`, municipality, members: [] });
      const second = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({ name: `Casusoverleg Zuid ${suffix}`, municipalityId: first.body.municipality.id });
      expect(second.status).toBe(201);
      expect(second.body.municipality.id).toBe(first.body.municipality.id);
      // The same code and name again: the municipality on record is used.
      const third = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({
          name: `Casusoverleg West ${suffix}`,
          municipality: { ...municipality, name: municipality.name.toUpperCase() },
        });
      expect(third.status).toBe(201);
      expect(third.body.municipality.id).toBe(first.body.municipality.id);

      const before = await snapshot();
      const sameName = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({ name: `casusoverleg noord ${suffix}`, municipalityId: first.body.municipality.id });
      expect(sameName.status).toBe(409);
      expect(sameName.body.details).toEqual([expect.objectContaining({ code: 'team_name_taken' })]);
      const codeTaken = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({
          name: `Casusoverleg Oost ${suffix}`,
          municipality: { name: 'Andere Gemeente', code: municipality.code },
        });
      expect(codeTaken.status).toBe(409);
      expect(codeTaken.body.details).toEqual([expect.objectContaining({ code: 'municipality_code_taken' })]);
      expect(await snapshot()).toEqual(before);
      expect((await auditOf(first.body.id))[0]).toMatchObject({
        action: 'team.created',
        details: { municipality: { ...municipality, created: true } },
      });
    });

    it.each([
      ['no municipality', {}],
      [
        'both municipality and municipalityId',
        { municipalityId: randomUUID(), municipality: { name: 'X', code: 'GM0001' } },
      ],
      ['a bad municipality code', { municipality: { name: 'X', code: '0363' } }],
      ['a municipality without a name', { municipality: { code: 'GM0001' } }],
      ['a municipality that is not an object', { municipality: 'GM0363' }],
      ['an unknown field', { municipalityId: randomUUID(), chairId: randomUUID() }],
      ['an empty name', { name: ' ', municipalityId: randomUUID() }],
    ])('refuses a team with %s (400), changing nothing', async (_what, body) => {
      const before = await snapshot();
      const response = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({ name: unique('Casusoverleg'), ...body });
      expect(response.status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('404 for an unknown municipality', async () => {
      const response = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({ name: unique('Casusoverleg'), municipalityId: randomUUID() });
      expect(response.status).toBe(404);
    });

    it('adds and removes participants; refuses duplicates (409), admins, privacy officers and disabled users (422)', async () => {
      const created = await http()
        .post('/api/admin/teams')
        .set(admin)
        .send({
          name: unique('Casusoverleg'),
          municipality: { name: `Gemeente ${unique('m')}`, code: code() },
        });
      expect(created.status).toBe(201);
      const teamId = created.body.id;
      const user = await newUser();
      const added = await http()
        .post(`/api/admin/teams/${teamId}/members`)
        .set(admin)
        .send({ userId: user.id });
      expect(added.status).toBe(201);
      expect(added.body.members).toEqual([
        expect.objectContaining({ userId: user.id, username: user.username }),
      ]);
      const auth = await api.login(user.username);
      expect((await me(auth)).body.memberTeamIds).toContain(teamId);

      const before = await snapshot();
      const twice = await http()
        .post(`/api/admin/teams/${teamId}/members`)
        .set(admin)
        .send({ userId: user.id });
      expect(twice.status).toBe(409);
      for (const [id, expected] of [
        [adminId, 'role_without_client_data'],
        [privacyId, 'role_without_client_data'],
      ]) {
        const response = await http()
          .post(`/api/admin/teams/${teamId}/members`)
          .set(admin)
          .send({ userId: id });
        expect(response.status).toBe(422);
        expect(response.body.details).toEqual([expect.objectContaining({ code: expected })]);
      }
      expect(
        (await http().post(`/api/admin/teams/${teamId}/members`).set(admin).send({ userId: randomUUID() }))
          .status,
      ).toBe(404);
      expect(
        (await http().post(`/api/admin/teams/${randomUUID()}/members`).set(admin).send({ userId: user.id }))
          .status,
      ).toBe(404);
      expect(
        (await http().post(`/api/admin/teams/${teamId}/members`).set(admin).send({ userId: 'x' })).status,
      ).toBe(400);
      expect(
        (
          await http()
            .post(`/api/admin/teams/${teamId}/members`)
            .set(admin)
            .send({ userId: user.id, role: 'chair' })
        ).status,
      ).toBe(400);
      expect(await snapshot()).toEqual(before);

      const disabledUser = await newUser();
      await http().patch(`/api/admin/users/${disabledUser.id}`).set(admin).send({ disabled: true });
      const disabled = await http()
        .post(`/api/admin/teams/${teamId}/members`)
        .set(admin)
        .send({ userId: disabledUser.id });
      expect(disabled.status).toBe(422);
      expect(disabled.body.details).toEqual([expect.objectContaining({ code: 'user_disabled' })]);

      const removed = await http().delete(`/api/admin/teams/${teamId}/members/${user.id}`).set(admin);
      expect(removed.status).toBe(200);
      expect(removed.body.members).toEqual([]);
      expect((await me(auth)).body.memberTeamIds).not.toContain(teamId);
      expect((await http().delete(`/api/admin/teams/${teamId}/members/${user.id}`).set(admin)).status).toBe(
        404,
      );
      expect((await auditOf(teamId)).map((r) => r.action)).toEqual([
        'team.member_removed',
        'team.member_added',
        'team.created',
      ]);
    });
  });

  describe('parties', () => {
    it('lists parties with their number of accounts and adds one; refuses duplicates (409) and unknown kinds (400)', async () => {
      const listed = await http().get('/api/admin/parties').set(admin);
      expect(listed.status).toBe(200);
      expect(listed.body.find((p: { id: string }) => p.id === policePartyId)).toEqual({
        id: policePartyId,
        kind: 'police',
        name: expect.any(String),
        users: expect.any(Number),
        createdAt: expect.any(String),
      });
      const name = `GGD ${suffix}`;
      const created = await http()
        .post('/api/admin/parties')
        .set(admin)
        .send({ kind: 'mental_health', name });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'mental_health', name, users: 0 });

      const before = await snapshot();
      const duplicate = await http()
        .post('/api/admin/parties')
        .set(admin)
        .send({ kind: 'mental_health', name: name.toLowerCase() });
      expect(duplicate.status).toBe(409);
      for (const body of [
        { kind: 'army', name: 'Leger' },
        { kind: 'police' },
        { kind: 'police', name: 'P', extra: 1 },
      ]) {
        expect((await http().post('/api/admin/parties').set(admin).send(body)).status).toBe(400);
      }
      expect(await snapshot()).toEqual(before);
      expect((await auditOf(created.body.id))[0]).toMatchObject({
        action: 'party.created',
        details: { kind: 'mental_health', name },
      });
    });
  });

  describe('the admin log', () => {
    it('records who did what to which target and when, newest first, in pages', async () => {
      const all = await http().get('/api/admin/audit?limit=500').set(admin);
      expect(all.status).toBe(200);
      const mine = all.body.items.filter((r: { actor: { userId: string } }) => r.actor.userId === adminId);
      expect(mine.length).toBeGreaterThan(10);
      expect(mine[0]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        occurredAt: expect.any(String),
        actor: { userId: adminId, username: `admin-${suffix}` },
        action: expect.any(String),
        target: { kind: expect.any(String), id: expect.any(String), label: expect.any(String) },
        details: expect.any(Object),
        requestId: expect.any(String),
      });
      const ids = all.body.items.map((r: { id: string }) => Number(r.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));

      const first = await http().get(`/api/admin/audit?actorUserId=${adminId}&limit=2`).set(privacy);
      expect(first.body.items).toHaveLength(2);
      const next = await http()
        .get(`/api/admin/audit?actorUserId=${adminId}&limit=2&before=${first.body.nextBefore}`)
        .set(privacy);
      expect(next.body.items.map((r: { id: string }) => r.id)).toEqual(
        mine.slice(2, 4).map((r: { id: string }) => r.id),
      );
      const created = await http().get('/api/admin/audit?action=party.created').set(admin);
      expect(created.body.items.every((r: { action: string }) => r.action === 'party.created')).toBe(true);
      expect(JSON.stringify(all.body)).not.toMatch(/argon2|"password"|secret/i);
    });

    it('the request id of a change is its X-Request-Id', async () => {
      const response = await http()
        .post('/api/admin/parties')
        .set(admin)
        .send({ kind: 'gp', name: unique('Huisarts') });
      const [row] = await auditOf(response.body.id);
      expect((row as unknown as { requestId: string }).requestId).toBe(response.headers['x-request-id']);
    });

    it('refuses bad queries (400)', async () => {
      for (const query of [
        'limit=0',
        'limit=501',
        'action=user.deleted',
        'targetId=x',
        'before=abc',
        'foo=1',
      ]) {
        expect([query, (await http().get(`/api/admin/audit?${query}`).set(admin)).status]).toEqual([
          query,
          400,
        ]);
      }
    });

    it('is append-only', async () => {
      await expect(api.dataSource.query(`UPDATE admin_audit SET action = action`)).rejects.toThrow(
        /append-only/,
      );
      await expect(api.dataSource.query(`DELETE FROM admin_audit`)).rejects.toThrow(/append-only/);
      await expect(api.dataSource.query(`TRUNCATE admin_audit`)).rejects.toThrow(/append-only/);
    });
  });
});
