import request from 'supertest';
import { NEED_TO_KNOW, accessOf } from '@koers/access';
import { RouteTable } from '@koers/audit';
import { ApiHarness, startApi } from './support/api-harness';
import {
  CATEGORIES,
  HEALTH_CONTEXT_FIELDS,
  ROLES,
  ROUTES_ONLY_WITH,
  ROUTE_REQUESTS,
  type Role,
  TARGETS,
  type Target,
  VISIBLE,
  type World,
  buildWorld,
  fillPath,
  forbiddenMarkers,
} from './support/route-requests';

/**
 * The authorization matrix of issue 5: every route of the API × every role × every target, generated from the
 * API's route table (read at runtime, as libs/audit/src/route-table.ts does), with the expected outcome of each
 * combination kept as data in RULES below. A route without a rule fails the test, so a new endpoint cannot go
 * unchecked; a rule without a route fails too (unless the route is served only under a test-only setting).
 *
 * A rule gives, per role, the expected status of each target, in the order of TARGETS[kind] (client routes:
 * `own invited notInvited other`; team routes: `own other`; other routes: one status). One status stands for
 * all targets; `a|b` allows either (writes whose outcome depends on the state, e.g. already on the agenda).
 * `anonymous` (no token) is 401 unless the rule says otherwise. Targets and roles: test/support/route-requests.ts.
 *
 * Besides the status, every answer (also refusals) is checked for data the reader may not see: each client's
 * data carries markers per data category, and no answer to a role may contain the marker of a category that role
 * may not see of that client (VISIBLE, from domain.md §8), nor any trajectory context field about treatment.
 */
type Roles = Record<Role, string> & { anonymous?: string };

// prettier-ignore
const RULES: Record<string, Roles> = {
  // --- public and session routes (anyone logged in; the privacy officer and admin log in in demo mode) ---------
  'GET /api/health':              { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200', anonymous: '200' },
  'POST /api/auth/login':         { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200', anonymous: '200' },
  'POST /api/auth/logout':        { chair: '204', care: '204', police: '204', housing: '204', privacy: '204', admin: '204' },
  'GET /api/auth/me':             { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'POST /api/auth/totp/enrol':    { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  // A wrong code for a secret being set up.
  'POST /api/auth/totp/confirm':  { chair: '400', care: '400', police: '400', housing: '400', privacy: '400', admin: '400' },
  // Single sign-on: public and without client data. Off here (no OIDC_ISSUER): the options say so and the sign-in
  // routes are 404 (test/oidc-login.e2e-spec.ts runs them against a real OpenID provider).
  'GET /api/auth/options':        { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200', anonymous: '200' },
  'GET /api/auth/oidc':           { chair: '404', care: '404', police: '404', housing: '404', privacy: '404', admin: '404', anonymous: '404' },
  'GET /api/auth/oidc/callback':  { chair: '404', care: '404', police: '404', housing: '404', privacy: '404', admin: '404', anonymous: '404' },
  'POST /api/auth/oidc/exchange': { chair: '404', care: '404', police: '404', housing: '404', privacy: '404', admin: '404', anonymous: '404' },

  // --- clients: full-scope participants of the team; the housing corporation only where invited --------------
  //                                          own invited notInvited other
  'GET /api/clients':                       { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  // Any participant brings a signal in (a chain partner is then invited to it); no team, no signal.
  'POST /api/clients':                      { chair: '201', care: '201', police: '201', housing: '201', privacy: '403', admin: '403' },
  'GET /api/clients/:id': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404 200 404 404',
    privacy: '404',
    admin:   '404',
  },
  // The legal basis: its kind for everyone who sees the client; who recorded it and why with the trajectory category.
  'GET /api/clients/:id/legal-basis': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404 200 404 404',
    privacy: '404',
    admin:   '404',
  },
  // CONTACT_LOGGED is a health event: the police and the housing corporation may not record it.
  'POST /api/clients/:id/events': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:id/invitations': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  // Only the chair and the case coordinator (addiction care) invite chain partners.
  'POST /api/clients/:id/invitations': {
    chair:   '201 201 201 404',
    care:    '201 201 201 404',
    police:  '403 403 403 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  'DELETE /api/invitations/:id': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:clientId/journal': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404 200 404 404',
    privacy: '404',
    admin:   '404',
  },
  // A health entry: beyond the need-to-know of the police and of the housing corporation.
  'POST /api/clients/:clientId/journal': {
    chair:   '201 201 201 404',
    care:    '201 201 201 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:id/actions': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:id/deadlines': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404 200 404 404',
    privacy: '404',
    admin:   '404',
  },
  // The data-subject export: only the chair of the client's casusoverleg (403 for others who can see the client).
  'GET /api/clients/:id/export': {
    chair:   '200 200 200 404',
    care:    '403 403 403 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:id/intake': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  'PUT /api/clients/:id/intake': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },

  // --- board and deadlines: lists, filtered to what the reader may see ----------------------------------------
  'GET /api/board':     { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'GET /api/deadlines': { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },

  // --- meetings: the team's full-scope participants read, the chair plans and decides ---------------------------
  'GET /api/meetings':  { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'POST /api/meetings': { chair: '201', care: '403', police: '403', housing: '403', privacy: '403', admin: '403' },
  //                                     own other
  'GET /api/meetings/:id':          { chair: '200 404', care: '200 404', police: '200 404', housing: '404', privacy: '404', admin: '404' },
  'PATCH /api/meetings/:id':        { chair: '200 404', care: '403 404', police: '403 404', housing: '404', privacy: '404', admin: '404' },
  'POST /api/meetings/:id/hold':    { chair: '200 404', care: '403 404', police: '403 404', housing: '404', privacy: '404', admin: '404' },
  'GET /api/meetings/:id/agenda':   { chair: '200 404', care: '200 404', police: '200 404', housing: '404', privacy: '404', admin: '404' },
  'PUT /api/meetings/:id/agenda':   { chair: '200 404', care: '403 404', police: '403 404', housing: '404', privacy: '404', admin: '404' },
  'GET /api/meetings/:id/minutes':  { chair: '200 404', care: '200 404', police: '200 404', housing: '404', privacy: '404', admin: '404' },
  'GET /api/meetings/:id/ics':      { chair: '200 404', care: '200 404', police: '200 404', housing: '404', privacy: '404', admin: '404' },
  // A meeting of A; `other` names a client of B. Already on the generated agenda: 422.
  'POST /api/meetings/:id/agenda/items': {
    chair:   '200|422 200|422 200|422 404',
    care:    '403',
    police:  '403',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/meetings/:id/clients/:clientId/notes': {
    chair:   '201 201 201 404',
    care:    '201 201 201 404',
    police:  '201 201 201 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  // Decisions and actions are the chair's: anyone else is refused at the meeting, before the client is looked up.
  'POST /api/meetings/:id/clients/:clientId/decisions': {
    chair:   '201 201 201 404',
    care:    '403',
    police:  '403',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/meetings/:id/clients/:clientId/actions': {
    chair:   '201 201 201 404',
    care:    '403',
    police:  '403',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },
  // Any full-scope participant of the client's team reports an action done.
  'POST /api/actions/:id/done': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404',
    privacy: '404',
    admin:   '404',
  },

  // --- notifications (own inbox), deputies and teams (participants of the casusoverleg) -------------------------
  'GET /api/notifications':           { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'GET /api/notifications/unread-count': { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  //                                            own other
  'POST /api/notifications/:id/read': { chair: '204 404', care: '204 404', police: '204 404', housing: '204 404', privacy: '204 404', admin: '204 404' },
  'GET /api/deputies':                { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'POST /api/deputies':               { chair: '201 404', care: '201 404', police: '201 404', housing: '201 404', privacy: '404', admin: '404' },
  // Someone else's deputy (addiction care's): the chair, or that participant, withdraws it.
  'DELETE /api/deputies/:id':         { chair: '204 404', care: '204 404', police: '403 404', housing: '403 404', privacy: '404', admin: '404' },
  'GET /api/teams':                   { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'GET /api/teams/:teamId':           { chair: '200 404', care: '200 404', police: '200 404', housing: '200 404', privacy: '404', admin: '404' },
  'PATCH /api/teams/:teamId':         { chair: '200 404', care: '403 404', police: '403 404', housing: '403 404', privacy: '404', admin: '404' },

  // --- the access log: the privacy officer only -----------------------------------------------------------------
  'GET /api/audit':                   { chair: '403', care: '403', police: '403', housing: '403', privacy: '200', admin: '403' },
  'GET /api/audit/verify':            { chair: '403', care: '403', police: '403', housing: '403', privacy: '200', admin: '403' },
  'GET /api/audit/clients/:clientId': { chair: '403', care: '403', police: '403', housing: '403', privacy: '200', admin: '403' },

  // --- user administration: the admin only, for the accounts and teams of every casusoverleg --------------------
  'GET /api/admin/users':                       { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200' },
  'POST /api/admin/users':                      { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '201' },
  //                                                  own other
  'PATCH /api/admin/users/:id':                 { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200 200' },
  'POST /api/admin/users/:id/reset-password':   { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200 200' },
  'POST /api/admin/users/:id/unlock':           { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200 200' },
  'DELETE /api/admin/users/:id/totp':           { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200 200' },
  'GET /api/admin/teams':                       { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200' },
  'POST /api/admin/teams':                      { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '201' },
  'POST /api/admin/teams/:id/members':          { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '201 201' },
  'DELETE /api/admin/teams/:id/members/:userId': { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200 200' },
  'GET /api/admin/parties':                     { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200' },
  'POST /api/admin/parties':                    { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '201' },
  // The admin log: the admin and the privacy officer.
  'GET /api/admin/audit':                       { chair: '403', care: '403', police: '403', housing: '403', privacy: '200', admin: '200' },

  // --- recovery monitoring (health data) and documents (issue 7) ------------------------------------------------
  // The instruments are data, no client data: anyone logged in reads them; only the admin sets item wording.
  'GET /api/recovery/instruments':     { chair: '200', care: '200', police: '200', housing: '200', privacy: '200', admin: '200' },
  'PUT /api/recovery/instruments/:instrumentId/items/:itemId': { chair: '403', care: '403', police: '403', housing: '403', privacy: '403', admin: '200' },
  // Measurements are health: the police and the housing corporation (scope housing) see the client, not these.
  'GET /api/clients/:clientId/recovery-measurements': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/clients/:clientId/recovery-measurements': {
    chair:   '201 201 201 404',
    care:    '201 201 201 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  // Recorded by addiction care: the chair or that recorder corrects or deletes it.
  'PUT /api/clients/:clientId/recovery-measurements/:measurementId': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'DELETE /api/clients/:clientId/recovery-measurements/:measurementId': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  // Identity, housing and finances: the world's clients are in admission, with no agreement to fill in (422).
  'GET /api/clients/:id/documents/three-party-agreement.pdf': {
    chair:   '422 422 422 404',
    care:    '422 422 422 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  // Anyone who sees the client gets a summary of what they may see.
  'GET /api/clients/:id/documents/summary.pdf': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '200 200 200 404',
    housing: '404 200 404 404',
    privacy: '404',
    admin:   '404',
  },

  // --- reports (issue 7): participants who see all clients of the team; chain partners, privacy and admin 403 -----
  //                                  own other
  'GET /api/reports/flow':        { chair: '200 404', care: '200 404', police: '200 404', housing: '403', privacy: '403', admin: '403' },
  'GET /api/reports/flow/export': { chair: '200 404', care: '200 404', police: '200 404', housing: '403', privacy: '403', admin: '403' },
  // Inflow figures are trajectory data: the police may see those clients too (not the health figures: 403).
  'GET /api/reports/drilldown':   { chair: '200 404', care: '200 404', police: '200 404', housing: '403', privacy: '403', admin: '403' },

  // --- the budget (issue 7 items 3, 4): the chair and addiction care; the police and chain partners never see it ----
  //                                                  own other
  'PUT /api/teams/:teamId/budget/:year':             { chair: '200 404', care: '403 404', police: '403 404', housing: '403 404', privacy: '404', admin: '404' },
  'GET /api/teams/:teamId/budget/:year':             { chair: '200 404', care: '200 404', police: '403 404', housing: '403 404', privacy: '404', admin: '404' },
  'GET /api/teams/:teamId/spends':                   { chair: '200 404', care: '200 404', police: '403 404', housing: '403 404', privacy: '404', admin: '404' },
  'GET /api/teams/:teamId/conditional-arrangements': { chair: '200 404', care: '200 404', police: '403 404', housing: '403 404', privacy: '404', admin: '404' },
  //                                          own invited notInvited other
  'POST /api/clients/:clientId/spends': {
    chair:   '201 201 201 404',
    care:    '201 201 201 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:clientId/spends': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/spends/:id': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  // Only the chair (the budget holder) decides, and writes off a loan.
  'POST /api/spends/:id/approve': {
    chair:   '200 200 200 404',
    care:    '403 403 403 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/spends/:id/reject': {
    chair:   '200 200 200 404',
    care:    '403 403 403 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  // The chair, or whoever requested it (addiction care requested these).
  'POST /api/spends/:id/cancel': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/spends/:id/repayments': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/spends/:id/write-off': {
    chair:   '200 200 200 404',
    care:    '403 403 403 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/clients/:clientId/conditional-arrangements': {
    chair:   '201 201 201 404',
    care:    '201 201 201 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'GET /api/clients/:clientId/conditional-arrangements': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'PATCH /api/conditional-arrangements/:id': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/conditional-arrangements/:id/review': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },
  'POST /api/conditional-arrangements/:id/cancel': {
    chair:   '200 200 200 404',
    care:    '200 200 200 404',
    police:  '403 403 403 404',
    housing: '404 403 404 404',
    privacy: '404',
    admin:   '404',
  },

  // --- only with TEST_CLOCK=1: not served here (as in production) ------------------------------------------------
  'POST /api/test/clock':             { chair: '404', care: '404', police: '404', housing: '404', privacy: '404', admin: '404', anonymous: '404' },
};

type Who = Role | 'anonymous';
const WHO: readonly Who[] = [...ROLES, 'anonymous'];

/** The allowed statuses of each target for one role, from a rule's string. */
function expectedStatuses(rule: Roles, who: Who, targets: readonly Target[], key: string): number[][] {
  const text = (who === 'anonymous' ? rule.anonymous : rule[who]) ?? '401';
  const tokens = text.trim().split(/\s+/);
  if (tokens.length !== 1 && tokens.length !== targets.length) {
    throw new Error(
      `rule ${key}, ${who}: "${text}" names ${tokens.length} targets, expected 1 or ${targets.length}`,
    );
  }
  return targets.map((_t, i) => tokens[tokens.length === 1 ? 0 : i].split('|').map(Number));
}

const isGet = (key: string) => key.startsWith('GET ');
/** Reads first, so the writes' changes (a new client, a revoked invitation) never decide a read's outcome. */
const ORDERED_KEYS = [...Object.keys(RULES).filter(isGet), ...Object.keys(RULES).filter((k) => !isGet(k))];

describe('authorization matrix (e2e): every route × role × target, from the route table', () => {
  let api: ApiHarness;
  let world: World;
  let served: string[];
  const counts = { cases: 0, statuses: new Map<number, number>() };

  beforeAll(async () => {
    const started = Date.now();
    api = await startApi({ DEMO_MODE: '1' });
    world = await buildWorld(api);
    served = api.app
      .get(RouteTable)
      .routes()
      .map((route) => `${route.method} ${route.path}`);
    console.log(
      `authorization matrix: world built in ${Date.now() - started} ms; ${served.length} routes served`,
    );
  });
  afterAll(async () => {
    const byStatus = [...counts.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`authorization matrix: ${counts.cases} requests (${byStatus.join(', ')})`);
    await api?.close();
  });

  it('has a rule and a valid request for every route the API serves, and no rule for a route it does not', () => {
    const withoutRule = served.filter((key) => !RULES[key]);
    const withoutRequest = served.filter((key) => !ROUTE_REQUESTS[key]);
    const stale = Object.keys(RULES).filter((key) => !served.includes(key) && !ROUTES_ONLY_WITH[key]);
    const message = [
      ...withoutRule.map((key) => `${key}: no rule in RULES (test/authorization-matrix.e2e-spec.ts)`),
      ...withoutRequest.map(
        (key) => `${key}: no valid request in ROUTE_REQUESTS (test/support/route-requests.ts)`,
      ),
      ...stale.map((key) => `${key}: a rule, but the API serves no such route`),
    ];
    expect(message).toEqual([]);
    expect(Object.keys(ROUTE_REQUESTS).sort()).toEqual(Object.keys(RULES).sort());
    expect(served.length).toBeGreaterThan(40);
  });

  it('expects what the need-to-know matrix says each role may see (domain.md §8, libs/access need-to-know.ts)', () => {
    const sorted = (list: readonly string[]) => [...list].sort();
    expect(sorted(VISIBLE.chair.own)).toEqual(sorted(accessOf('municipality', 'chair').categories));
    expect(sorted(VISIBLE.care.own)).toEqual(sorted(NEED_TO_KNOW.addiction_care.categories));
    expect(sorted(VISIBLE.police.own)).toEqual(sorted(NEED_TO_KNOW.police.categories));
    expect(VISIBLE.police.own).not.toContain('health');
    expect(NEED_TO_KNOW.housing_corporation.clients).toBe('invited');
    expect(sorted(VISIBLE.housing.invited)).toEqual(
      sorted(accessOf('housing_corporation', 'member', ['housing']).categories),
    );
    for (const role of ['privacy_officer', 'admin'])
      expect(accessOf('municipality', role).categories).toEqual([]);
    for (const role of ROLES) expect(VISIBLE[role].other).toEqual([]);
    expect(CATEGORIES.length).toBe(7);
  });

  it('finds the markers where they may be seen (so that their absence elsewhere means something)', async () => {
    const text = async (role: Role, path: string) =>
      (await request(api.http).get(path).set(world.users[role].auth)).text;
    const own = world.clients.own;
    const journal = await text('care', `/api/clients/${own.id}/journal`);
    for (const category of ['health', 'justice', 'housing', 'finances', 'trajectory'] as const) {
      expect(journal).toContain(own.markers[category]);
    }
    expect(await text('chair', `/api/clients/${own.id}`)).toContain(own.markers.health);
    expect(await text('care', `/api/clients/${own.id}/intake`)).toContain(own.markers.health);
    expect(await text('police', `/api/clients/${own.id}/intake`)).toContain(own.markers.justice);
    expect(await text('police', `/api/clients/${own.id}/journal`)).toContain(own.markers.housing);
    const invited = world.clients.invited;
    expect(await text('housing', `/api/clients/${invited.id}/journal`)).toContain(invited.markers.housing);
    expect(await text('housing', '/api/board')).toContain(invited.displayName);
    // Meeting notes of every category: each reader gets those of the categories it may see (the rest is checked below).
    const meeting = `/api/meetings/${world.meetings.own}`;
    for (const category of ['health', 'finances', 'budget'] as const) {
      expect(await text('chair', meeting)).toContain(own.markers[category]);
      expect(await text('care', `${meeting}/minutes`)).toContain(own.markers[category]);
    }
    expect(await text('police', meeting)).toContain(own.markers.justice);
    expect(await text('police', `${meeting}/minutes`)).toContain(own.markers.housing);
  });

  it.each(ORDERED_KEYS)('%s', async (key) => {
    const spec = ROUTE_REQUESTS[key];
    if (!spec) throw new Error(`${key}: no valid request in ROUTE_REQUESTS (test/support/route-requests.ts)`);
    const [method, pattern] = key.split(' ');
    const targets = TARGETS[spec.targets] as readonly Target[];
    const problems: string[] = [];
    for (const who of WHO) {
      const expected = expectedStatuses(RULES[key], who, targets, key);
      const forbidden = forbiddenMarkers(world, who);
      for (const [index, target] of targets.entries()) {
        const role: Role = who === 'anonymous' ? 'chair' : who;
        const built = await spec.build(world, role, target);
        const session = who === 'anonymous' ? 'none' : (built.session ?? 'role');
        let call = request(api.http)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](
          fillPath(pattern, built.params),
        );
        if (session === 'role') call = call.set(world.users[role].auth);
        if (session === 'fresh') call = call.set(await world.freshAuth(role));
        if (built.query) call = call.query(built.query);
        const response = built.body === undefined ? await call : await call.send(built.body as object);
        counts.cases++;
        counts.statuses.set(response.status, (counts.statuses.get(response.status) ?? 0) + 1);

        const where = `${who} → ${target}`;
        if (!expected[index].includes(response.status)) {
          problems.push(
            `${where}: ${response.status}, expected ${expected[index].join(' or ')} (${String(response.body?.message ?? '').slice(0, 120)})`,
          );
        }
        const leaked = forbidden.filter((m) => response.text?.includes(m));
        if (leaked.length > 0)
          problems.push(`${where}: the answer shows what ${who} may not see: ${leaked.join(', ')}`);
        // `none`: a route's own new client (POST /api/clients) is seen as the role sees its team's clients.
        const seesHealth =
          who !== 'anonymous' && VISIBLE[who][target === 'none' ? 'own' : target].includes('health');
        const context =
          response.body?.trajectory?.context ??
          (key.endsWith('/events') ? response.body?.context : undefined);
        if (context && !seesHealth) {
          const treatment = HEALTH_CONTEXT_FIELDS.filter((field) => field in context);
          if (treatment.length > 0)
            problems.push(`${where}: treatment fields in the context: ${treatment.join(', ')}`);
        }
        if (who !== 'chair' && who !== 'care' && response.text?.includes('clinical_detox')) {
          problems.push(`${where}: the answer names the agreed treatment (clinical_detox)`);
        }
        if (response.status >= 500) problems.push(`${where}: ${response.status} (a server error)`);
      }
    }
    expect(problems).toEqual([]);
  });
});
