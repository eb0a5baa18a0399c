/**
 * The world the authorization matrix and the API fuzzer run in, and one valid request for every route of the API.
 *
 * The world: two casusoverleg teams (`own` = A, `other` = B), the six roles of issue 5 (chair, addiction care,
 * police and a housing corporation as participants of A; a privacy officer and an admin in no team, as the demo
 * seed has them), and four clients, each taken through inclusion, consent, treatment and admission with a journal,
 * handreiking answers, meeting notes (one of each category) and an action:
 *
 *   own        client of A; no chain partner invited
 *   invited    client of A; the housing corporation is invited with scope ['housing']
 *   notInvited client of A; the housing corporation was invited, and the invitation was revoked
 *   other      client of B
 *
 * Every piece of client data carries a marker naming its client and data category (`mk-health-own-1a2b3c4d`), so
 * a test can check that no answer ever contains a marker the reader may not see (need-to-know, domain.md §8).
 *
 * ROUTE_REQUESTS says, per route pattern, which targets it has and how to build a valid request for a role and a
 * target; writes that use up what they touch (revoke, hold, close, delete) get a fresh resource per request.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiHarness, TEST_PASSWORD } from './api-harness';
import { createTeam, TeamFixture } from './fixtures';
import { BUDGET_ROUTE_REQUESTS, plantBudget } from './budget-requests';

export const ROLES = ['chair', 'care', 'police', 'housing', 'privacy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CLIENT_KEYS = ['own', 'invited', 'notInvited', 'other'] as const;
export type ClientKey = (typeof CLIENT_KEYS)[number];

/** What a route's path parameters (or, for some, its body) point at. */
export const TARGETS = {
  /** A client (and what hangs off it: its actions, invitations, journal). */
  client: CLIENT_KEYS,
  /** A resource of a team: the team itself, its meetings, deputies, or the caller's own vs someone else's. */
  team: ['own', 'other'] as const,
  /** Routes without a client or team in their path. */
  none: ['none'] as const,
};
export type TargetKind = keyof typeof TARGETS;
export type Target = ClientKey | 'none';

export const CATEGORIES = [
  'identity',
  'trajectory',
  'health',
  'justice',
  'housing',
  'finances',
  'budget',
] as const;
export type Category = (typeof CATEGORIES)[number];

type Auth = { Authorization: string };

export interface RouteRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** `fresh`: a session of its own (the request ends it); `none`: no Authorization header. Default: the role's. */
  session?: 'role' | 'fresh' | 'none';
}

export interface RouteRequestSpec {
  targets: TargetKind;
  /** The role whose valid request gets furthest (the fuzzer sends its mutations as this role). Default chair. */
  fuzzAs?: Role;
  build(world: World, role: Role, target: Target): RouteRequest | Promise<RouteRequest>;
}

export interface WorldClient {
  key: ClientKey;
  id: string;
  team: 'own' | 'other';
  displayName: string;
  /** The marker of each category planted in this client's data (identity: the display name). */
  markers: Record<Category, string>;
}

export interface World {
  api: ApiHarness;
  suffix: string;
  teams: Record<'own' | 'other', string>;
  fixtures: Record<'own' | 'other', TeamFixture>;
  /** The six roles: username, user id and a logged-in session. */
  users: Record<Role, { username: string; id: string; auth: Auth }>;
  /** Users of team B that set it up (its chair and its addiction care). */
  teamB: { chair: { id: string; auth: Auth }; care: { id: string; auth: Auth } };
  clients: Record<ClientKey, WorldClient>;
  /** One planned meeting per team (notes, decisions and actions are recorded in these). */
  meetings: Record<'own' | 'other', string>;
  /** The mental-health partner of each team: a party to invite, and to revoke fresh invitations of. */
  mentalHealthParty: Record<'own' | 'other', string>;
  /** A fresh session for `role` (for routes that end it). */
  freshAuth(role: Role): Promise<Auth>;
  freshMeeting(team: 'own' | 'other'): Promise<string>;
  freshInvitation(client: ClientKey): Promise<string>;
  freshAction(client: ClientKey): Promise<string>;
  freshDeputy(team: 'own' | 'other'): Promise<string>;
  freshNotification(userId: string): Promise<string>;
  /** A new participant account (police) of a team's party; `member`: taking part in that team. */
  freshUser(team: 'own' | 'other', member?: boolean): Promise<string>;
}

const FAR_FUTURE_DATE = '2099-12-31';
const today = () => new Date().toISOString();

export function marker(category: Category, key: ClientKey, suffix: string): string {
  return `mk-${category}-${key}-${suffix}`;
}

/**
 * What each role may see of each client of the world: domain.md §8 and libs/access/src/need-to-know.ts (the
 * chair sees what the municipality sees; the housing corporation only the clients it is invited to, within the
 * invitation's scope; the privacy officer and the admin no client data), written out here as the expectation.
 */
const ALL: readonly Category[] = CATEGORIES;
const POLICE: readonly Category[] = ['identity', 'trajectory', 'justice', 'housing'];
const NOTHING: readonly Category[] = [];
export const VISIBLE: Record<Role, Record<ClientKey, readonly Category[]>> = {
  chair: { own: ALL, invited: ALL, notInvited: ALL, other: NOTHING },
  care: { own: ALL, invited: ALL, notInvited: ALL, other: NOTHING },
  police: { own: POLICE, invited: POLICE, notInvited: POLICE, other: NOTHING },
  housing: { own: NOTHING, invited: ['identity', 'housing'], notInvited: NOTHING, other: NOTHING },
  privacy: { own: NOTHING, invited: NOTHING, notInvited: NOTHING, other: NOTHING },
  admin: { own: NOTHING, invited: NOTHING, notInvited: NOTHING, other: NOTHING },
};

/** Fields of the trajectory context that are treatment details (category health, domain.md §8). */
export const HEALTH_CONTEXT_FIELDS = [
  'treatment',
  'admission',
  'leaveUntil',
  'leaveOverdue',
  'discharge',
  'relapses',
  'setback',
];

/** The markers an answer to `role` must never contain (its text, whatever the status). */
export function forbiddenMarkers(world: World, role: Role | 'anonymous'): string[] {
  return CLIENT_KEYS.flatMap((key) => {
    const visible = role === 'anonymous' ? NOTHING : VISIBLE[role][key];
    return CATEGORIES.filter((c) => !visible.includes(c)).map((c) => world.clients[key].markers[c]);
  });
}

async function expectStatus(response: request.Response, status: number, what: string) {
  if (response.status !== status) {
    throw new Error(`world set-up: ${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** Builds the world on a running API (started with DEMO_MODE=1, so the privacy officer and admin log in). */
export async function buildWorld(api: ApiHarness): Promise<World> {
  const ds = api.dataSource;
  const http = api.http;
  const own = await createTeam(ds, [
    'municipality',
    'police',
    'addiction_care',
    'housing_corporation',
    'mental_health',
  ]);
  const other = await createTeam(ds, ['municipality', 'police', 'addiction_care', 'mental_health']);
  const suffix = own.teamId.slice(0, 8);

  // The privacy officer and the admin: of the municipality's party, in no casusoverleg (as the demo seed has them).
  for (const role of ['privacy_officer', 'admin']) {
    await ds.query(
      `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
       SELECT $1, $2, password_hash, party_id, $3 FROM app_user WHERE username = $4`,
      [`${role}-${suffix}`, `Test ${role}`, role, own.users.municipality],
    );
  }
  const usernames: Record<Role, string> = {
    chair: own.users.municipality,
    care: own.users.addiction_care,
    police: own.users.police,
    housing: own.users.housing_corporation,
    privacy: `privacy_officer-${suffix}`,
    admin: `admin-${suffix}`,
  };
  const idOf = async (username: string): Promise<string> =>
    (await ds.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;
  const partyOf = async (username: string): Promise<string> =>
    (await ds.query(`SELECT party_id FROM app_user WHERE username = $1`, [username]))[0].party_id;

  const users = {} as World['users'];
  for (const role of ROLES) {
    users[role] = {
      username: usernames[role],
      id: await idOf(usernames[role]),
      auth: await api.login(usernames[role], TEST_PASSWORD),
    };
  }
  const teamB = {
    chair: { id: await idOf(other.users.municipality), auth: await api.login(other.users.municipality) },
    care: { id: await idOf(other.users.addiction_care), auth: await api.login(other.users.addiction_care) },
  };
  const chairOf = { own: users.chair, other: teamB.chair };
  const careOf = { own: users.care, other: teamB.care };
  const mentalHealthParty = {
    own: await partyOf(own.users.mental_health),
    other: await partyOf(other.users.mental_health),
  };
  const mentalHealthUser = {
    own: await idOf(own.users.mental_health),
    other: await idOf(other.users.mental_health),
  };

  const post = async (auth: Auth, path: string, body: unknown, status: number) =>
    (
      await expectStatus(
        await request(http)
          .post(path)
          .set(auth)
          .send(body as object),
        status,
        `POST ${path}`,
      )
    ).body;

  const meetings = {
    own: (await post(users.chair.auth, '/api/meetings', { startsAt: '2099-01-05' }, 201)).id as string,
    other: (await post(teamB.chair.auth, '/api/meetings', { startsAt: '2099-01-05' }, 201)).id as string,
  };

  const clients = {} as Record<ClientKey, WorldClient>;
  for (const key of CLIENT_KEYS) {
    const team = key === 'other' ? 'other' : 'own';
    const markers = Object.fromEntries(CATEGORIES.map((c) => [c, marker(c, key, suffix)])) as Record<
      Category,
      string
    >;
    const displayName = `Demo ${markers.identity}`;
    markers.identity = displayName;
    const care = careOf[team].auth;
    const created = await post(
      care,
      '/api/clients',
      { displayName, signal: { source: 'police', description: 'Overlast en zorgen in de wijk.' } },
      201,
    );
    const id: string = created.client.id;
    for (const event of [
      {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
        reasons: `Voldoet aan de criteria ${markers.trajectory}.`,
      },
      { type: 'CONSENT_GIVEN', scope: 'Informatie delen binnen de casusoverleg' },
      { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' },
      {
        type: 'ADMITTED',
        facility: `Kliniek ${markers.health}`,
        urgentOverride: { reason: `Acute onttrekking ${markers.health}.` },
      },
    ]) {
      await post(care, `/api/clients/${id}/events`, event, 200);
    }
    const journal: [string, Category][] = [
      ['health', 'health'],
      ['justice', 'justice'],
      ['housing', 'housing'],
      ['finances', 'finances'],
      ['general', 'trajectory'],
    ];
    for (const [category, dataCategory] of journal) {
      await post(
        care,
        `/api/clients/${id}/journal`,
        {
          kind: 'note',
          category,
          text: `Aantekening over ${category}: ${markers[dataCategory]}.`,
          occurredAt: today(),
        },
        201,
      );
    }
    const intake = {
      facts: `Drie meldingen ${markers.trajectory}.`,
      careNow: `Opgenomen ${markers.health}`,
      careBefore: `Detox afgebroken ${markers.health}`,
      offences: `Aangehouden ${markers.justice}`,
      nuisance: `Overlast ${markers.justice}`,
      lifeDomains: {
        housing: `Dreigende uitzetting ${markers.housing}`,
        finances: `Schulden ${markers.finances}`,
        physical_health: `Vermagerd ${markers.health}`,
        mental_health: `Somber ${markers.health}`,
      },
    };
    await expectStatus(
      await request(http).put(`/api/clients/${id}/intake`).set(care).send(intake),
      200,
      'PUT intake',
    );
    // The same answers as the mental-health partner's (written as data: an invited partner cannot answer through
    // the API), so they stay whatever the matrix's own PUTs replace.
    await ds.query(
      `INSERT INTO case_intake (client_id, party_id, answers, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())`,
      [id, mentalHealthParty[team], JSON.stringify(intake), mentalHealthUser[team]],
    );
    await post(
      care,
      `/api/meetings/${meetings[team]}/clients/${id}/notes`,
      { text: `Besproken ${markers.trajectory}.` },
      201,
    );
    // Meeting notes of the other categories, each with its category's marker (need-to-know of meeting records).
    for (const category of ['health', 'justice', 'housing', 'finances', 'budget'] as const) {
      await post(
        care,
        `/api/meetings/${meetings[team]}/clients/${id}/notes`,
        { text: `Besproken ${markers[category]}.`, category },
        201,
      );
    }
    await post(
      chairOf[team].auth,
      `/api/meetings/${meetings[team]}/clients/${id}/actions`,
      {
        description: `Huisbezoek ${markers.trajectory}.`,
        owner: { partyKind: 'police' },
        dueDate: FAR_FUTURE_DATE,
      },
      201,
    );
    clients[key] = { key, id, team, displayName, markers };
  }

  const housingInvite = {
    partyKind: 'housing_corporation',
    scope: ['housing'],
    endsAt: '2099-01-01',
    reason: 'Woning regelen na de opname.',
  };
  await post(users.care.auth, `/api/clients/${clients.invited.id}/invitations`, housingInvite, 201);
  const revoked = await post(
    users.care.auth,
    `/api/clients/${clients.notInvited.id}/invitations`,
    housingInvite,
    201,
  );
  await expectStatus(
    await request(http).delete(`/api/invitations/${revoked.id}`).set(users.chair.auth),
    200,
    'revoke',
  );

  const world: World = {
    api,
    suffix,
    teams: { own: own.teamId, other: other.teamId },
    fixtures: { own, other },
    users,
    teamB,
    clients,
    meetings,
    mentalHealthParty,
    freshAuth: (role) => api.login(users[role].username),
    async freshMeeting(team) {
      const [row] = await ds.query(
        `INSERT INTO meeting (team_id, starts_at, duration_minutes, created_by, created_at, updated_at)
         VALUES ($1, '2099-02-02T12:00:00Z', 120, $2, now(), now()) RETURNING id`,
        [world.teams[team], chairOf[team].id],
      );
      return row.id;
    },
    async freshInvitation(key) {
      const client = clients[key];
      const [row] = await ds.query(
        `INSERT INTO client_invitation (client_id, party_id, scope, starts_at, ends_at, reason, invited_by, created_at)
         VALUES ($1, $2, '{health}', now(), '2099-01-01', 'Behandeling afstemmen.', $3, now()) RETURNING id`,
        [client.id, mentalHealthParty[client.team], chairOf[client.team].id],
      );
      return row.id;
    },
    async freshAction(key) {
      const client = clients[key];
      const action = await post(
        chairOf[client.team].auth,
        `/api/meetings/${meetings[client.team]}/clients/${client.id}/actions`,
        {
          description: 'Een actie om af te ronden.',
          owner: { partyKind: 'police' },
          dueDate: FAR_FUTURE_DATE,
        },
        201,
      );
      return action.id;
    },
    async freshDeputy(team) {
      // Someone else's deputy: the addiction-care participant's, with the police as stand-in.
      const fixture = world.fixtures[team];
      const [row] = await ds.query(
        `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at)
         SELECT c.id, p.id, '2099-03-01', '2099-03-15', now() FROM app_user c, app_user p
          WHERE c.username = $1 AND p.username = $2 RETURNING id`,
        [fixture.users.addiction_care, fixture.users.police],
      );
      return row.id;
    },
    async freshNotification(userId) {
      const [row] = await ds.query(
        `INSERT INTO notification (user_id, topic, title, created_at) VALUES ($1, 'test.matrix', 'Testbericht', now())
         RETURNING id`,
        [userId],
      );
      return row.id;
    },
    async freshUser(team, member = false) {
      const fixture = world.fixtures[team];
      const [row] = await ds.query(
        `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
         SELECT $1, 'Nieuwe collega', password_hash, party_id, 'member' FROM app_user WHERE username = $2
         RETURNING id`,
        [`fresh-${randomUUID().slice(0, 13)}`, fixture.users.police],
      );
      if (member) {
        await ds.query(`INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)`, [
          fixture.teamId,
          row.id,
        ]);
      }
      return row.id;
    },
  };
  await plantBudget(world);
  return world;
}

const clientId = (w: World, target: Target) => w.clients[target as ClientKey].id;
const teamKey = (target: Target) => (target === 'other' ? 'other' : 'own');

/** Valid requests, keyed like the route table: `METHOD /api/path/:param`. */
export const ROUTE_REQUESTS: Record<string, RouteRequestSpec> = {
  // --- public and session routes -------------------------------------------------------------------------
  'GET /api/health': { targets: 'none', build: () => ({}) },
  'POST /api/auth/login': {
    targets: 'none',
    build: (w, role) => ({ body: { username: w.users[role].username, password: TEST_PASSWORD } }),
  },
  'POST /api/auth/logout': { targets: 'none', build: () => ({ session: 'fresh' }) },
  'GET /api/auth/me': { targets: 'none', build: () => ({}) },
  'POST /api/auth/totp/enrol': { targets: 'none', build: () => ({ body: {} }) },
  'POST /api/auth/totp/confirm': { targets: 'none', build: () => ({ body: { code: '000000' } }) },
  // Single sign-on (off here: no OIDC_ISSUER; test/oidc-login.e2e-spec.ts runs it against a real provider).
  'GET /api/auth/options': { targets: 'none', build: () => ({}) },
  'GET /api/auth/oidc': { targets: 'none', build: () => ({}) },
  'GET /api/auth/oidc/callback': {
    targets: 'none',
    build: () => ({ query: { state: 's'.repeat(43), code: 'c'.repeat(43) } }),
  },
  'POST /api/auth/oidc/exchange': { targets: 'none', build: () => ({ body: { code: 'c'.repeat(43) } }) },

  // --- clients -------------------------------------------------------------------------------------------
  'GET /api/clients': { targets: 'none', build: () => ({}) },
  'POST /api/clients': {
    targets: 'none',
    fuzzAs: 'care',
    build: () => ({
      body: {
        displayName: 'Demo Nieuw Signaal',
        signal: { source: 'self', description: 'Meldt zich zelf voor hulp.' },
      },
    }),
  },
  'GET /api/clients/:id': { targets: 'client', build: (w, _r, t) => ({ params: { id: clientId(w, t) } }) },
  'GET /api/clients/:id/legal-basis': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'POST /api/clients/:id/events': {
    targets: 'client',
    fuzzAs: 'care',
    build: (w, _r, t) => ({
      params: { id: clientId(w, t) },
      body: { type: 'CONTACT_LOGGED', channel: 'call', note: 'Telefonisch contact gehad.' },
    }),
  },
  'GET /api/clients/:id/invitations': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'POST /api/clients/:id/invitations': {
    targets: 'client',
    fuzzAs: 'care',
    build: (w, _r, t) => ({
      params: { id: clientId(w, t) },
      body: {
        partyKind: 'mental_health',
        scope: ['health'],
        endsAt: '2099-01-01',
        reason: 'Behandeling afstemmen met de GGZ.',
      },
    }),
  },
  'DELETE /api/invitations/:id': {
    targets: 'client',
    build: async (w, _r, t) => ({ params: { id: await w.freshInvitation(t as ClientKey) } }),
  },
  'GET /api/clients/:clientId/journal': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { clientId: clientId(w, t) } }),
  },
  'POST /api/clients/:clientId/journal': {
    targets: 'client',
    fuzzAs: 'care',
    build: (w, _r, t) => ({
      params: { clientId: clientId(w, t) },
      body: {
        kind: 'note',
        category: 'health',
        text: 'Gebruikt minder dan vorige week.',
        occurredAt: today(),
      },
    }),
  },
  'GET /api/clients/:id/actions': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'GET /api/clients/:id/deadlines': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'GET /api/clients/:id/export': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'GET /api/clients/:id/intake': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'PUT /api/clients/:id/intake': {
    targets: 'client',
    build: (w, _r, t) => ({
      params: { id: clientId(w, t) },
      body: { facts: 'Bekend bij deze partij sinds kort.' },
    }),
  },

  // --- board and deadlines ---------------------------------------------------------------------------------
  'GET /api/board': { targets: 'none', build: () => ({}) },
  'GET /api/deadlines': { targets: 'none', build: () => ({}) },

  // --- meetings --------------------------------------------------------------------------------------------
  'GET /api/meetings': { targets: 'none', build: () => ({}) },
  'POST /api/meetings': { targets: 'none', build: () => ({ body: { startsAt: '2099-01-19' } }) },
  'GET /api/meetings/:id': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { id: w.meetings[teamKey(t)] } }),
  },
  'PATCH /api/meetings/:id': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { id: w.meetings[teamKey(t)] }, body: { location: 'Stadhuis, zaal 2' } }),
  },
  'POST /api/meetings/:id/hold': {
    targets: 'team',
    build: async (w, _r, t) => ({ params: { id: await w.freshMeeting(teamKey(t)) }, body: {} }),
  },
  'GET /api/meetings/:id/agenda': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { id: w.meetings[teamKey(t)] } }),
  },
  'PUT /api/meetings/:id/agenda': {
    targets: 'team',
    build: async (w, _r, t) => ({ params: { id: await w.freshMeeting(teamKey(t)) }, body: { items: [] } }),
  },
  // The client comes in the body; the meeting is always one of A's: `other` tries to put B's client on it.
  'POST /api/meetings/:id/agenda/items': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await w.freshMeeting('own') },
      body: { clientId: clientId(w, t) },
    }),
  },
  'POST /api/meetings/:id/clients/:clientId/notes': {
    targets: 'client',
    build: (w, _r, t) => ({
      params: { id: w.meetings.own, clientId: clientId(w, t) },
      body: { text: 'Besproken in het overleg.', category: 'justice' },
    }),
  },
  'POST /api/meetings/:id/clients/:clientId/decisions': {
    targets: 'client',
    build: (w, _r, t) => ({
      params: { id: w.meetings.own, clientId: clientId(w, t) },
      body: { text: 'Besluit: doorgaan met het plan.', reasons: 'De opname loopt goed.', category: 'health' },
    }),
  },
  'POST /api/meetings/:id/clients/:clientId/actions': {
    targets: 'client',
    build: (w, _r, t) => ({
      params: { id: w.meetings.own, clientId: clientId(w, t) },
      body: { description: 'Huisbezoek afleggen.', owner: { partyKind: 'police' }, dueDate: FAR_FUTURE_DATE },
    }),
  },
  'POST /api/actions/:id/done': {
    targets: 'client',
    build: async (w, _r, t) => ({ params: { id: await w.freshAction(t as ClientKey) }, body: {} }),
  },
  'GET /api/meetings/:id/minutes': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { id: w.meetings[teamKey(t)] } }),
  },
  'GET /api/meetings/:id/ics': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { id: w.meetings[teamKey(t)] } }),
  },

  // --- notifications, deputies, teams ----------------------------------------------------------------------
  'GET /api/notifications': { targets: 'none', build: () => ({}) },
  'GET /api/notifications/unread-count': { targets: 'none', build: () => ({}) },
  // own: one of the caller's notifications; other: someone else's.
  'POST /api/notifications/:id/read': {
    targets: 'team',
    build: async (w, role, t) => ({
      params: { id: await w.freshNotification(t === 'other' ? w.teamB.chair.id : w.users[role].id) },
    }),
  },
  'GET /api/deputies': { targets: 'none', build: () => ({}) },
  // own: a stand-in from the casusoverleg A; other: a participant of B.
  'POST /api/deputies': {
    targets: 'team',
    build: (w, role, t) => ({
      body: {
        deputyUserId:
          t === 'other' ? w.teamB.chair.id : role === 'chair' ? w.users.care.id : w.users.chair.id,
        startsAt: '2099-04-01',
        endsAt: '2099-04-15',
      },
    }),
  },
  // own: the addiction-care participant's deputy in A; other: one in B.
  'DELETE /api/deputies/:id': {
    targets: 'team',
    build: async (w, _r, t) => ({ params: { id: await w.freshDeputy(teamKey(t)) } }),
  },
  'GET /api/teams': { targets: 'none', build: () => ({}) },
  'GET /api/teams/:teamId': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { teamId: w.teams[teamKey(t)] } }),
  },
  'PATCH /api/teams/:teamId': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { teamId: w.teams[teamKey(t)] }, body: { meetingIntervalWeeks: 2 } }),
  },

  // --- the access log ---------------------------------------------------------------------------------------
  'GET /api/audit': { targets: 'none', fuzzAs: 'privacy', build: () => ({ query: { limit: '5' } }) },
  'GET /api/audit/verify': { targets: 'none', fuzzAs: 'privacy', build: () => ({}) },
  'GET /api/audit/clients/:clientId': {
    targets: 'client',
    fuzzAs: 'privacy',
    build: (w, _r, t) => ({ params: { clientId: clientId(w, t) } }),
  },

  // --- user administration: the admin (and for its log, the privacy officer) ------------------------------------
  'GET /api/admin/users': { targets: 'none', fuzzAs: 'admin', build: () => ({}) },
  'POST /api/admin/users': {
    targets: 'none',
    fuzzAs: 'admin',
    build: (w) => ({
      body: {
        username: `nieuw-${randomUUID().slice(0, 13)}`,
        displayName: 'Nieuwe collega',
        partyKind: 'police',
        partyName: `police ${w.suffix}`,
        role: 'member',
      },
    }),
  },
  // own: an account of A's police; other: of B's.
  'PATCH /api/admin/users/:id': {
    targets: 'team',
    fuzzAs: 'admin',
    build: async (w, _r, t) => ({
      params: { id: await w.freshUser(teamKey(t)) },
      body: { displayName: 'Andere naam' },
    }),
  },
  'POST /api/admin/users/:id/reset-password': {
    targets: 'team',
    fuzzAs: 'admin',
    build: async (w, _r, t) => ({ params: { id: await w.freshUser(teamKey(t)) } }),
  },
  'POST /api/admin/users/:id/unlock': {
    targets: 'team',
    fuzzAs: 'admin',
    build: async (w, _r, t) => ({ params: { id: await w.freshUser(teamKey(t)) } }),
  },
  'DELETE /api/admin/users/:id/totp': {
    targets: 'team',
    fuzzAs: 'admin',
    build: async (w, _r, t) => ({ params: { id: await w.freshUser(teamKey(t)) } }),
  },
  'GET /api/admin/teams': { targets: 'none', fuzzAs: 'admin', build: () => ({}) },
  'POST /api/admin/teams': {
    targets: 'none',
    fuzzAs: 'admin',
    build: async (w) => ({
      body: {
        name: `Casusoverleg ${randomUUID().slice(0, 13)}`,
        municipalityId: (
          await w.api.dataSource.query(`SELECT municipality_id FROM team WHERE id = $1`, [w.teams.own])
        )[0].municipality_id,
      },
    }),
  },
  'POST /api/admin/teams/:id/members': {
    targets: 'team',
    fuzzAs: 'admin',
    build: async (w, _r, t) => ({
      params: { id: w.teams[teamKey(t)] },
      body: { userId: await w.freshUser(teamKey(t)) },
    }),
  },
  'DELETE /api/admin/teams/:id/members/:userId': {
    targets: 'team',
    fuzzAs: 'admin',
    build: async (w, _r, t) => ({
      params: { id: w.teams[teamKey(t)], userId: await w.freshUser(teamKey(t), true) },
    }),
  },
  'GET /api/admin/parties': { targets: 'none', fuzzAs: 'admin', build: () => ({}) },
  'POST /api/admin/parties': {
    targets: 'none',
    fuzzAs: 'admin',
    build: () => ({ body: { kind: 'gp', name: `Huisartsenpraktijk ${randomUUID().slice(0, 13)}` } }),
  },
  'GET /api/admin/audit': { targets: 'none', fuzzAs: 'admin', build: () => ({ query: { limit: '5' } }) },

  // --- recovery monitoring (health) and documents (issue 7) --------------------------------------------------
  'GET /api/recovery/instruments': { targets: 'none', build: () => ({}) },
  'PUT /api/recovery/instruments/:instrumentId/items/:itemId': {
    targets: 'none',
    fuzzAs: 'admin',
    build: () => ({
      params: { instrumentId: 'barc10', itemId: 'q1' },
      body: { text: 'De tekst van item 1 zoals de organisatie die mag gebruiken.' },
    }),
  },
  'GET /api/clients/:clientId/recovery-measurements': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { clientId: clientId(w, t) } }),
  },
  'POST /api/clients/:clientId/recovery-measurements': {
    targets: 'client',
    fuzzAs: 'care',
    build: (w, _r, t) => ({
      params: { clientId: clientId(w, t) },
      body: { instrumentId: 'barc10', measuredAt: today(), answers: { q1: 4, q2: 5, q3: 3 } },
    }),
  },
  // A fresh measurement per request, recorded by the addiction-care participant of the client's team.
  'PUT /api/clients/:clientId/recovery-measurements/:measurementId': {
    targets: 'client',
    fuzzAs: 'care',
    build: async (w, _r, t) => ({
      params: { clientId: clientId(w, t), measurementId: await freshMeasurement(w, t as ClientKey) },
      body: { answers: { q1: 4, q2: 4 }, reason: 'Item 2 was verkeerd overgenomen van het formulier.' },
    }),
  },
  'DELETE /api/clients/:clientId/recovery-measurements/:measurementId': {
    targets: 'client',
    fuzzAs: 'care',
    build: async (w, _r, t) => ({
      params: { clientId: clientId(w, t), measurementId: await freshMeasurement(w, t as ClientKey) },
      body: { reason: 'Per ongeluk bij de verkeerde cliënt vastgelegd.' },
    }),
  },
  'GET /api/clients/:id/documents/three-party-agreement.pdf': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },
  'GET /api/clients/:id/documents/summary.pdf': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { id: clientId(w, t) } }),
  },

  // --- reports (issue 7): aggregates of one team (`own` / `other`); the drilldown names the clients behind a figure
  'GET /api/reports/flow': {
    targets: 'team',
    build: (w, _r, t) => ({ query: { team: w.teams[teamKey(t)] } }),
  },
  'GET /api/reports/flow/export': {
    targets: 'team',
    build: (w, _r, t) => ({ query: { team: w.teams[teamKey(t)], format: 'csv', audience: 'council' } }),
  },
  'GET /api/reports/drilldown': {
    targets: 'team',
    build: (w, _r, t) => ({ query: { team: w.teams[teamKey(t)], figure: 'inflow.all.signals' } }),
  },

  // --- the budget: yearly budget, spends, conditional arrangements (test/support/budget-requests.ts) -----------
  ...BUDGET_ROUTE_REQUESTS,

  // --- only with TEST_CLOCK=1 (never in production); the suites here run without it -------------------------
  'POST /api/test/clock': { targets: 'none', build: () => ({ body: { advanceBy: 'PT1M' } }) },
};

/** A recovery measurement of the client, recorded by the addiction-care participant of its team. */
async function freshMeasurement(w: World, key: ClientKey): Promise<string> {
  const client = w.clients[key];
  const recorder = client.team === 'own' ? w.users.care.id : w.teamB.care.id;
  const [row] = await w.api.dataSource.query(
    `INSERT INTO recovery_measurement (client_id, team_id, instrument_id, instrument_version, measured_at, answers,
                                       recorded_by, recorded_party_kind, recorded_at)
     VALUES ($1, $2, 'barc10', 1, now(), '{"q1": 3}', $3, 'addiction_care', now()) RETURNING id`,
    [client.id, w.teams[client.team], recorder],
  );
  return row.id;
}

/** Routes served only under a setting the suites do not use: they must answer 404 (not served). */
export const ROUTES_ONLY_WITH: Record<string, string> = { 'POST /api/test/clock': 'TEST_CLOCK=1' };

/** The concrete path of a route pattern with its parameters filled in. */
export function fillPath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return encodeURIComponent(value);
  });
}
