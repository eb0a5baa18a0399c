/**
 * The budget's part of the authorization matrix's world (libs/budget, issue 7 items 3 and 4): each team's yearly
 * budget, and for every client a spend and a conditional arrangement whose free text carries the client's `budget`
 * marker (so no answer may show it to a role that may not see that client's budget); and valid requests for the
 * budget's routes, with a fresh spend or arrangement where a request uses one up (approve, reject, cancel, …).
 */
import request from 'supertest';
import { addCalendarDays, amsterdamDate } from '@koers/clock';
import type { ClientKey, RouteRequestSpec, Target, World } from './route-requests';

type Auth = { Authorization: string };

const REVIEW_IN_DAYS = 30;
// Dates as the API reads them: the Amsterdam calendar.
const today = () => amsterdamDate(new Date());
const inDays = (days: number) => addCalendarDays(today(), days);
const thisYear = () => Number(today().slice(0, 4));

const teamOf = (w: World, key: ClientKey): 'own' | 'other' => w.clients[key].team;
const careOf = (w: World, team: 'own' | 'other'): Auth =>
  team === 'own' ? w.users.care.auth : w.teamB.care.auth;
const chairOf = (w: World, team: 'own' | 'other'): Auth =>
  team === 'own' ? w.users.chair.auth : w.teamB.chair.auth;

async function post(auth: Auth, w: World, path: string, body: object): Promise<Record<string, unknown>> {
  const response = await request(w.api.http).post(path).set(auth).send(body);
  if (response.status >= 300) {
    throw new Error(
      `world set-up: POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

/** A spend of the client, requested by its team's addiction care; `approved`: approved by its chair. */
async function freshSpend(
  w: World,
  key: ClientKey,
  options: { kind?: 'gift' | 'loan'; approved?: boolean } = {},
): Promise<string> {
  const team = teamOf(w, key);
  const spend = await post(careOf(w, team), w, `/api/clients/${w.clients[key].id}/spends`, {
    category: 'travel',
    amountCents: 1_000,
    kind: options.kind ?? 'gift',
    description: 'Reiskosten naar een afspraak bij de kliniek.',
  });
  if (options.approved) {
    await post(chairOf(w, team), w, `/api/spends/${spend.id}/approve`, { expectedVersion: 1 });
  }
  return String(spend.id);
}

async function freshArrangement(w: World, key: ClientKey): Promise<string> {
  const arrangement = await post(
    careOf(w, teamOf(w, key)),
    w,
    `/api/clients/${w.clients[key].id}/conditional-arrangements`,
    { conditions: 'Cliënt houdt de afspraken met de budgetcoach aan.', reviewDate: inDays(REVIEW_IN_DAYS) },
  );
  return String(arrangement.id);
}

/** Plants the budget's data in the world (called once by buildWorld, after the clients). */
export async function plantBudget(w: World): Promise<void> {
  for (const team of ['own', 'other'] as const) {
    const response = await request(w.api.http)
      .put(`/api/teams/${w.teams[team]}/budget/${thisYear()}`)
      .set(chairOf(w, team))
      .send({ amountCents: 100_000_000 });
    if (response.status !== 200) throw new Error(`world set-up: budget answered ${response.status}`);
  }
  for (const key of Object.keys(w.clients) as ClientKey[]) {
    const client = w.clients[key];
    const care = careOf(w, client.team);
    const spend = await post(care, w, `/api/clients/${client.id}/spends`, {
      category: 'sports_subscription',
      amountCents: 7_200,
      kind: 'conditional_gift',
      description: `Sportabonnement ${client.markers.budget}.`,
      conditions: `Sporten 2 à 3 keer per week ${client.markers.budget}.`,
    });
    await post(chairOf(w, client.team), w, `/api/spends/${spend.id}/approve`, {
      expectedVersion: 1,
      note: `Akkoord ${client.markers.budget}.`,
    });
    await post(care, w, `/api/clients/${client.id}/conditional-arrangements`, {
      conditions: `Toetsen of cliënt sport ${client.markers.budget}.`,
      reviewDate: inDays(REVIEW_IN_DAYS),
      spendIds: [spend.id],
    });
  }
}

const clientId = (w: World, target: Target) => w.clients[target as ClientKey].id;
const teamKey = (target: Target) => (target === 'other' ? 'other' : 'own');
const key = (target: Target) => target as ClientKey;

/** Valid requests for the budget's routes (merged into ROUTE_REQUESTS). */
export const BUDGET_ROUTE_REQUESTS: Record<string, RouteRequestSpec> = {
  'PUT /api/teams/:teamId/budget/:year': {
    targets: 'team',
    build: (w, _r, t) => ({
      params: { teamId: w.teams[teamKey(t)], year: String(thisYear()) },
      body: { amountCents: 100_000_000 },
    }),
  },
  'GET /api/teams/:teamId/budget/:year': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { teamId: w.teams[teamKey(t)], year: String(thisYear()) } }),
  },
  'GET /api/teams/:teamId/spends': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { teamId: w.teams[teamKey(t)] }, query: { status: 'approved' } }),
  },
  'GET /api/teams/:teamId/conditional-arrangements': {
    targets: 'team',
    build: (w, _r, t) => ({ params: { teamId: w.teams[teamKey(t)] }, query: { status: 'open' } }),
  },
  'POST /api/clients/:clientId/spends': {
    targets: 'client',
    fuzzAs: 'care',
    build: (w, _r, t) => ({
      params: { clientId: clientId(w, t) },
      body: {
        category: 'clinic_deposit',
        amountCents: 45_000,
        kind: 'gift',
        description: 'Borg voor de privékliniek, te betalen voor de intake.',
        urgent: true,
        neededBy: inDays(3),
      },
    }),
  },
  'GET /api/clients/:clientId/spends': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { clientId: clientId(w, t) } }),
  },
  'GET /api/spends/:id': {
    targets: 'client',
    build: async (w, _r, t) => ({ params: { id: await freshSpend(w, key(t)) } }),
  },
  'POST /api/spends/:id/approve': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshSpend(w, key(t)) },
      body: { expectedVersion: 1, note: 'Akkoord, betalen via financiën.' },
    }),
  },
  'POST /api/spends/:id/reject': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshSpend(w, key(t)) },
      body: { expectedVersion: 1, reason: 'Valt onder de bijzondere bijstand.' },
    }),
  },
  'POST /api/spends/:id/cancel': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshSpend(w, key(t)) },
      body: { expectedVersion: 1, reason: 'Cliënt heeft het zelf geregeld.' },
    }),
  },
  'POST /api/spends/:id/repayments': {
    targets: 'client',
    fuzzAs: 'care',
    build: async (w, _r, t) => ({
      params: { id: await freshSpend(w, key(t), { kind: 'loan', approved: true }) },
      body: { expectedVersion: 2, amountCents: 100, paidOn: today() },
    }),
  },
  'POST /api/spends/:id/write-off': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshSpend(w, key(t), { kind: 'loan', approved: true }) },
      body: { expectedVersion: 2, reason: 'Cliënt kan niet terugbetalen.' },
    }),
  },
  'POST /api/clients/:clientId/conditional-arrangements': {
    targets: 'client',
    fuzzAs: 'care',
    build: (w, _r, t) => ({
      params: { clientId: clientId(w, t) },
      body: { conditions: 'Cliënt gaat 2 à 3 keer per week sporten.', reviewDate: inDays(REVIEW_IN_DAYS) },
    }),
  },
  'GET /api/clients/:clientId/conditional-arrangements': {
    targets: 'client',
    build: (w, _r, t) => ({ params: { clientId: clientId(w, t) } }),
  },
  'PATCH /api/conditional-arrangements/:id': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshArrangement(w, key(t)) },
      body: { expectedVersion: 1, reviewDate: inDays(REVIEW_IN_DAYS + 7) },
    }),
  },
  'POST /api/conditional-arrangements/:id/review': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshArrangement(w, key(t)) },
      body: { expectedVersion: 1, outcome: 'extend', note: 'Cliënt ging drie keer per week.' },
    }),
  },
  'POST /api/conditional-arrangements/:id/cancel': {
    targets: 'client',
    build: async (w, _r, t) => ({
      params: { id: await freshArrangement(w, key(t)) },
      body: { expectedVersion: 1, reason: 'Cliënt is verhuisd naar een andere gemeente.' },
    }),
  },
};
