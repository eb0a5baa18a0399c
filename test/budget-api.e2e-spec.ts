import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { runMigrations } from '@koers/persistence';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '@koers/seed';
import { addCalendarDays, amsterdamDate, amsterdamInstant, SystemClock } from '@koers/clock';
import { ANONYMISED_TEXT, BUDGET_FREE_TEXT_COLUMNS, ClientAnonymisationService } from '@koers/client-rights';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { testDatabaseUrl } from './support/test-database';

type Auth = { Authorization: string };

/**
 * The casusoverleg's budget (issue 7 items 3 and 4): the yearly budget, spends per client with the chair's approval,
 * urgent payments with their deadline, loans and their repayments, conditional arrangements and their review, and
 * who may see or do what (need-to-know: the police and the housing corporation never see the budget).
 */
describe('budget API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let other: TeamFixture;
  const auth = {} as Record<'chair' | 'care' | 'police' | 'housing' | 'finance' | 'otherChair', Auth>;
  const ids: Record<string, string> = {};
  const today = amsterdamDate(new Date());
  const year = Number(today.slice(0, 4));

  const http = () => request(api.http);
  const userId = async (username: string): Promise<string> =>
    (await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;
  const newClient = async (name: string, as: Auth = auth.care): Promise<string> => {
    const response = await http()
      .post('/api/clients')
      .set(as)
      .send({
        displayName: name,
        signal: { source: 'police', description: 'Zorgen over gebruik en schulden.' },
      });
    expect(response.status).toBe(201);
    return response.body.client.id;
  };
  const requestSpend = (client: string, body: Record<string, unknown>, as: Auth = auth.care) =>
    http().post(`/api/clients/${client}/spends`).set(as).send(body);
  const act = (spend: string, action: string, body: Record<string, unknown>, as: Auth = auth.chair) =>
    http().post(`/api/spends/${spend}/${action}`).set(as).send(body);
  const overview = async (as: Auth = auth.chair) => {
    const response = await http().get(`/api/teams/${team.teamId}/budget/${year}`).set(as);
    expect(response.status).toBe(200);
    return response.body;
  };
  const deadlineOf = async (kind: string, subjectId: string) =>
    api.dataSource.query(
      `SELECT d.id, d.status, d.due_at, d.trajectory_id, d.team_id, d.revision, d.done_at,
              (SELECT json_agg(json_build_object('step', s.step, 'status', s.status, 'revision', s.revision)
                               ORDER BY s.revision, s.fire_at, s.step)
                 FROM deadline_step s WHERE s.deadline_id = d.id) AS steps
         FROM deadline d WHERE d.kind = $1 AND d.subject_id = $2 ORDER BY d.created_at`,
      [kind, subjectId],
    );
  const rowCounts = async () =>
    (
      await api.dataSource.query(
        `SELECT (SELECT count(*) FROM spend)::int AS spends, (SELECT count(*) FROM loan_repayment)::int AS repayments,
                (SELECT count(*) FROM conditional_arrangement)::int AS arrangements,
                (SELECT count(*) FROM deadline)::int AS deadlines,
                (SELECT coalesce(sum(version), 0) FROM spend)::int AS spend_versions,
                (SELECT coalesce(sum(version), 0) FROM conditional_arrangement)::int AS arrangement_versions,
                (SELECT count(*) FROM team_budget)::int AS budgets`,
      )
    )[0];

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource, [
      'municipality',
      'police',
      'addiction_care',
      'housing_corporation',
      'financial_administrator',
    ]);
    other = await createTeam(api.dataSource, ['municipality', 'addiction_care']);
    auth.chair = await api.login(team.users.municipality);
    auth.care = await api.login(team.users.addiction_care);
    auth.police = await api.login(team.users.police);
    auth.housing = await api.login(team.users.housing_corporation);
    auth.finance = await api.login(team.users.financial_administrator);
    auth.otherChair = await api.login(other.users.municipality);
    ids.chair = await userId(team.users.municipality);
    ids.care = await userId(team.users.addiction_care);
    ids.client = await newClient('Demo B. Budgetklant');
    ids.trajectory = (
      await api.dataSource.query(`SELECT id FROM trajectory WHERE client_id = $1`, [ids.client])
    )[0].id;
  });
  afterAll(() => api?.close());

  describe('the yearly budget', () => {
    it('is set by the chair only', async () => {
      const set = await http()
        .put(`/api/teams/${team.teamId}/budget/${year}`)
        .set(auth.chair)
        .send({ amountCents: 100_000 });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ teamId: team.teamId, year, amountCents: 100_000 });
      expect(set.body.updatedBy).toEqual({ userId: ids.chair, displayName: 'Test municipality' });

      const before = await rowCounts();
      for (const [who, status] of [
        ['care', 403],
        ['police', 403],
        ['housing', 403],
        ['otherChair', 404],
      ] as const) {
        const response = await http()
          .put(`/api/teams/${team.teamId}/budget/${year}`)
          .set(auth[who])
          .send({ amountCents: 1 });
        expect([who, response.status]).toEqual([who, status]);
      }
      expect(await rowCounts()).toEqual(before);

      const view = await overview();
      expect(view).toMatchObject({
        teamId: team.teamId,
        year,
        budgetCents: 100_000,
        approvedCents: 0,
        remainingCents: 100_000,
        budgetUpdatedBy: { userId: ids.chair },
      });
      expect(view.byCategory).toHaveLength(7);
      // The team set-up shows the same row.
      const setup = await http().get(`/api/teams/${team.teamId}`).set(auth.chair);
      expect(setup.body.budgets).toContainEqual({ year, amountCents: 100_000 });
    });
  });

  describe('an urgent clinic deposit (done-when: record it, approve it, see the budget drop)', () => {
    let spendId: string;
    const neededBy = addCalendarDays(today, 2);

    it('is requested with a needed-by date and starts an urgent_payment deadline for the chair', async () => {
      const response = await requestSpend(
        ids.client,
        {
          category: 'clinic_deposit',
          amountCents: 45_000,
          kind: 'gift',
          description: 'Borg voor de intake bij de privékliniek, betalen voor de opname.',
          urgent: true,
          neededBy,
        },
        auth.chair,
      );
      expect(response.status).toBe(201);
      spendId = response.body.id;
      expect(response.body).toMatchObject({
        clientId: ids.client,
        teamId: team.teamId,
        budgetYear: year,
        category: 'clinic_deposit',
        categoryLabel: 'Borg privékliniek',
        amountCents: 45_000,
        kind: 'gift',
        status: 'requested',
        statusLabel: 'Aangevraagd',
        urgent: true,
        neededBy,
        requestedBy: { userId: ids.chair, partyKind: 'municipality' },
        approvedBy: null,
        approvedAt: null,
        loan: null,
        version: 1,
      });
      const [deadline] = await deadlineOf('urgent_payment', spendId);
      expect(deadline).toMatchObject({
        status: 'pending',
        trajectory_id: ids.trajectory,
        team_id: team.teamId,
      });
      expect(new Date(deadline.due_at).toISOString()).toBe(amsterdamInstant(neededBy, 9).toISOString());
      expect(deadline.steps).toEqual([
        { step: 'warning', status: 'pending', revision: 1 },
        { step: 'overdue', status: 'pending', revision: 1 },
      ]);
      const pending = await overview();
      expect(pending).toMatchObject({ pendingCents: 45_000, remainingCents: 100_000 });

      // The chair and addiction care see it among the client's deadlines; the police does not (need-to-know).
      const chairDeadlines = await http().get(`/api/clients/${ids.client}/deadlines`).set(auth.chair);
      expect(chairDeadlines.body.map((d: { kind: string }) => d.kind)).toContain('urgent_payment');
      const policeDeadlines = await http().get(`/api/clients/${ids.client}/deadlines`).set(auth.police);
      expect(policeDeadlines.status).toBe(200);
      expect(policeDeadlines.body.map((d: { kind: string }) => d.kind)).not.toContain('urgent_payment');
    });

    it('is approved by the chair, with who and when: the deadline ends and the budget drops', async () => {
      const refused = await act(spendId, 'approve', { expectedVersion: 1 }, auth.care);
      expect(refused.status).toBe(403);

      const response = await act(spendId, 'approve', { expectedVersion: 1, note: 'Akkoord, spoed.' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'approved',
        approvedBy: { userId: ids.chair, displayName: 'Test municipality' },
        decisionReason: 'Akkoord, spoed.',
        overBudgetReason: null,
        version: 2,
      });
      expect(Date.now() - Date.parse(response.body.approvedAt)).toBeLessThan(60_000);

      const [deadline] = await deadlineOf('urgent_payment', spendId);
      expect(deadline.status).toBe('done');
      expect(deadline.done_at).not.toBeNull();
      expect(deadline.steps.map((s: { status: string }) => s.status)).toEqual(['withdrawn', 'withdrawn']);

      const view = await overview();
      expect(view).toMatchObject({
        budgetCents: 100_000,
        approvedCents: 45_000,
        spentCents: 45_000,
        pendingCents: 0,
        remainingCents: 55_000,
        overspent: false,
      });
      expect(
        view.byCategory.find((c: { category: string }) => c.category === 'clinic_deposit'),
      ).toMatchObject({
        approvedCents: 45_000,
        approvedCount: 1,
        categoryLabel: 'Borg privékliniek',
      });
      expect(view.byClient).toEqual([
        expect.objectContaining({
          clientId: ids.client,
          displayName: 'Demo B. Budgetklant',
          spentCents: 45_000,
        }),
      ]);

      // The access log names the client and the budget category for the approval.
      const [logged] = await api.dataSource.query(
        `SELECT categories, result FROM audit_log WHERE client_ids @> ARRAY[$1::uuid] AND event = 'write'
          AND access_point LIKE '%approve%' ORDER BY id DESC LIMIT 1`,
        [ids.client],
      );
      expect(logged).toEqual({ categories: ['budget'], result: 'ok' });
    });

    it('cannot be decided twice; a stale version gets 409 and changes nothing', async () => {
      const before = await rowCounts();
      const stale = await act(spendId, 'reject', { expectedVersion: 1, reason: 'Toch niet nodig gebleken.' });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toBe('stale_version');
      const decided = await act(spendId, 'reject', {
        expectedVersion: 2,
        reason: 'Toch niet nodig gebleken.',
      });
      expect(decided.status).toBe(422);
      expect(decided.body.details).toEqual([expect.objectContaining({ code: 'spend_decided' })]);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('decisions', () => {
    it('records a rejection with its reason, who and when; it does not count against the budget', async () => {
      const requested = await requestSpend(ids.client, {
        category: 'travel',
        amountCents: 2_500,
        kind: 'gift',
        description: 'Treinkaartje naar de kliniek in een andere stad.',
      });
      expect(requested.status).toBe(201);
      const before = await overview();
      expect(before.pendingCents).toBe(2_500);
      const rejected = await act(requested.body.id, 'reject', {
        expectedVersion: 1,
        reason: 'De kliniek vergoedt de reiskosten zelf.',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        approvedBy: { userId: ids.chair },
        decisionReason: 'De kliniek vergoedt de reiskosten zelf.',
        version: 2,
      });
      expect(rejected.body.approvedAt).toEqual(expect.any(String));
      const after = await overview();
      expect(after).toMatchObject({ pendingCents: 0, approvedCents: before.approvedCents });
    });

    it('lets one of two simultaneous approvals win; the other gets 409', async () => {
      const requested = await requestSpend(ids.client, {
        category: 'bills',
        amountCents: 1_000,
        kind: 'gift',
        description: 'Achterstallige energierekening om afsluiting te voorkomen.',
      });
      const results = await Promise.all([
        act(requested.body.id, 'approve', { expectedVersion: 1 }),
        act(requested.body.id, 'reject', { expectedVersion: 1, reason: 'Via de bewindvoerder laten lopen.' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const [row] = await api.dataSource.query(`SELECT version FROM spend WHERE id = $1`, [
        requested.body.id,
      ]);
      expect(row.version).toBe(2);
    });

    it('refuses to approve beyond the remaining budget without a reason, and records the reason', async () => {
      const { remainingCents } = await overview();
      const requested = await requestSpend(ids.client, {
        category: 'skip_container',
        amountCents: remainingCents + 100,
        kind: 'gift',
        description: 'Twee containers om de vervuilde woning leeg te halen.',
      });
      const before = await rowCounts();
      const refused = await act(requested.body.id, 'approve', { expectedVersion: 1 });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([expect.objectContaining({ code: 'over_budget' })]);
      expect(await rowCounts()).toEqual(before);

      const approved = await act(requested.body.id, 'approve', {
        expectedVersion: 1,
        overBudgetReason: 'Woning dreigt ontruimd te worden; tekort dekken uit de reserve.',
      });
      expect(approved.status).toBe(200);
      expect(approved.body.overBudgetReason).toBe(
        'Woning dreigt ontruimd te worden; tekort dekken uit de reserve.',
      );
      expect(await overview()).toMatchObject({ remainingCents: -100, overspent: true });
      // Raise the budget again for what follows.
      await http()
        .put(`/api/teams/${team.teamId}/budget/${year}`)
        .set(auth.chair)
        .send({ amountCents: 1_000_000 });
    });

    it('lets the requester or the chair cancel a request; an urgent one ends its deadline', async () => {
      const requested = await requestSpend(ids.client, {
        category: 'other',
        amountCents: 3_000,
        kind: 'gift',
        description: 'Legitimatiebewijs aanvragen bij de gemeente.',
        urgent: true,
        neededBy: today,
      });
      expect(requested.status).toBe(201);
      expect((await deadlineOf('urgent_payment', requested.body.id))[0].status).toBe('pending');
      const police = await act(
        requested.body.id,
        'cancel',
        { expectedVersion: 1, reason: 'Dubbel aangevraagd.' },
        auth.police,
      );
      expect(police.status).toBe(403);
      const cancelled = await act(
        requested.body.id,
        'cancel',
        { expectedVersion: 1, reason: 'Cliënt heeft het zelf al geregeld.' },
        auth.care,
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancelledBy: { userId: ids.care },
        cancelReason: 'Cliënt heeft het zelf al geregeld.',
        approvedBy: null,
      });
      expect((await deadlineOf('urgent_payment', requested.body.id))[0].status).toBe('done');
    });
  });

  describe('loans', () => {
    it('tracks repayments: open → repaying → repaid, never more than owed', async () => {
      const requested = await requestSpend(ids.client, {
        category: 'housing_materials',
        amountCents: 20_000,
        kind: 'loan',
        description: 'Bed en koelkast voor de nieuwe woning, terug te betalen in termijnen.',
      });
      expect(requested.body.loan).toMatchObject({ repaymentStatus: null, repaidCents: 0, repayments: [] });
      const spendId = requested.body.id;
      const beforeApproval = await overview();
      const approved = await act(spendId, 'approve', { expectedVersion: 1 });
      expect(approved.body.loan).toMatchObject({ repaymentStatus: 'open', outstandingCents: 20_000 });

      expect(
        (
          await act(
            spendId,
            'repayments',
            { expectedVersion: 2, amountCents: 5_000, paidOn: today },
            auth.police,
          )
        ).status,
      ).toBe(403);
      const tomorrow = addCalendarDays(today, 1);
      expect(
        (
          await act(
            spendId,
            'repayments',
            { expectedVersion: 2, amountCents: 5_000, paidOn: tomorrow },
            auth.care,
          )
        ).status,
      ).toBe(400);

      const first = await act(
        spendId,
        'repayments',
        { expectedVersion: 2, amountCents: 5_000, paidOn: today },
        auth.care,
      );
      expect(first.status).toBe(200);
      expect(first.body.loan).toMatchObject({
        repaymentStatus: 'repaying',
        repaymentStatusLabel: 'Wordt terugbetaald',
        repaidCents: 5_000,
        outstandingCents: 15_000,
        repayments: [{ amountCents: 5_000, paidOn: today, recordedBy: { userId: ids.care } }],
      });
      expect(first.body.version).toBe(3);

      const tooMuch = await act(
        spendId,
        'repayments',
        { expectedVersion: 3, amountCents: 15_001, paidOn: today },
        auth.care,
      );
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.details[0].code).toBe('repayment_exceeds_loan');
      const rest = await act(spendId, 'repayments', {
        expectedVersion: 3,
        amountCents: 15_000,
        paidOn: today,
      });
      expect(rest.body.loan).toMatchObject({ repaymentStatus: 'repaid', outstandingCents: 0 });
      const more = await act(spendId, 'repayments', { expectedVersion: 4, amountCents: 1, paidOn: today });
      expect(more.status).toBe(422);

      // Repaid loans flow back into the budget.
      const after = await overview();
      expect(after.repaidCents - beforeApproval.repaidCents).toBe(20_000);
      expect(after.remainingCents).toBe(beforeApproval.remainingCents);
      const [{ repayments }] = await api.dataSource.query(
        `SELECT count(*)::int AS repayments FROM loan_repayment WHERE spend_id = $1`,
        [spendId],
      );
      expect(repayments).toBe(2);
    });

    it('lets the chair write off a loan, after which nothing more is repaid', async () => {
      const requested = await requestSpend(ids.client, {
        category: 'bills',
        amountCents: 8_000,
        kind: 'loan',
        description: 'Voorschot op de huur van deze maand.',
      });
      await act(requested.body.id, 'approve', { expectedVersion: 1 });
      const byCare = await act(
        requested.body.id,
        'write-off',
        { expectedVersion: 2, reason: 'Cliënt kan niet terugbetalen.' },
        auth.care,
      );
      expect(byCare.status).toBe(403);
      const written = await act(requested.body.id, 'write-off', {
        expectedVersion: 2,
        reason: 'Cliënt kan niet terugbetalen; schuld valt onder het bewind.',
      });
      expect(written.status).toBe(200);
      expect(written.body.loan).toMatchObject({
        repaymentStatus: 'written_off',
        writtenOffBy: { userId: ids.chair },
        outstandingCents: 0,
      });
      const repay = await act(requested.body.id, 'repayments', {
        expectedVersion: 3,
        amountCents: 100,
        paidOn: today,
      });
      expect(repay.status).toBe(422);
      expect(repay.body.details[0].code).toBe('loan_written_off');
      // A gift is no loan.
      const gift = await requestSpend(ids.client, {
        category: 'travel',
        amountCents: 500,
        kind: 'gift',
        description: 'Buskaart voor de afspraak bij de schuldhulp.',
      });
      expect(
        (await act(gift.body.id, 'repayments', { expectedVersion: 1, amountCents: 100, paidOn: today }))
          .status,
      ).toBe(422);
    });
  });

  describe('a conditional arrangement (gym paid for two months, extended if the client goes 2–3 times a week)', () => {
    let spendId: string;
    let arrangementId: string;
    const reviewDate = addCalendarDays(today, 60);

    it('is made with its spend and review date, and runs a condition_review deadline', async () => {
      const requested = await requestSpend(ids.client, {
        category: 'sports_subscription',
        amountCents: 7_200,
        kind: 'conditional_gift',
        description: 'Sportschoolabonnement voor twee maanden (EUR 36 per maand).',
        conditions: 'Cliënt gaat 2 à 3 keer per week naar de sportschool.',
      });
      expect(requested.status).toBe(201);
      spendId = requested.body.id;
      await act(spendId, 'approve', { expectedVersion: 1 });

      const created = await http()
        .post(`/api/clients/${ids.client}/conditional-arrangements`)
        .set(auth.care)
        .send({
          conditions: 'Cliënt gaat 2 à 3 keer per week naar de sportschool; de sportschool houdt het bij.',
          reviewDate,
          spendIds: [spendId],
        });
      expect(created.status).toBe(201);
      arrangementId = created.body.id;
      expect(created.body).toMatchObject({
        clientId: ids.client,
        reviewDate,
        status: 'open',
        outcome: null,
        version: 1,
        createdBy: { userId: ids.care },
        spends: [{ id: spendId, category: 'sports_subscription', amountCents: 7_200, status: 'approved' }],
      });
      const [deadline] = await deadlineOf('condition_review', arrangementId);
      expect(deadline).toMatchObject({ status: 'pending', trajectory_id: ids.trajectory, revision: 1 });
      expect(new Date(deadline.due_at).toISOString()).toBe(amsterdamInstant(reviewDate, 9).toISOString());

      const spend = await http().get(`/api/spends/${spendId}`).set(auth.chair);
      expect(spend.body.arrangementId).toBe(arrangementId);
      const listed = await http().get(`/api/clients/${ids.client}/conditional-arrangements`).set(auth.chair);
      expect(listed.body.map((a: { id: string }) => a.id)).toEqual([arrangementId]);
      const teamList = await http()
        .get(`/api/teams/${team.teamId}/conditional-arrangements`)
        .query({ status: 'open' })
        .set(auth.chair);
      expect(teamList.body).toEqual([
        expect.objectContaining({ id: arrangementId, clientDisplayName: 'Demo B. Budgetklant' }),
      ]);
    });

    it('moves its deadline with the review date', async () => {
      const later = addCalendarDays(reviewDate, 7);
      const updated = await http()
        .patch(`/api/conditional-arrangements/${arrangementId}`)
        .set(auth.chair)
        .send({ expectedVersion: 1, reviewDate: later });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ reviewDate: later, version: 2 });
      const [deadline] = await deadlineOf('condition_review', arrangementId);
      expect(deadline).toMatchObject({ status: 'pending', revision: 2 });
      expect(new Date(deadline.due_at).toISOString()).toBe(amsterdamInstant(later, 9).toISOString());
      const stale = await http()
        .patch(`/api/conditional-arrangements/${arrangementId}`)
        .set(auth.chair)
        .send({ expectedVersion: 1, reviewDate });
      expect(stale.status).toBe(409);
    });

    it('is reviewed: outcome with who and when, its deadline ends, an extension starts a follow-up', async () => {
      const nextReviewDate = addCalendarDays(today, 120);
      const bad = await http()
        .post(`/api/conditional-arrangements/${arrangementId}/review`)
        .set(auth.care)
        .send({ expectedVersion: 2, outcome: 'stop', note: 'Cliënt ging niet meer.', nextReviewDate });
      expect(bad.status).toBe(400);
      const police = await http()
        .post(`/api/conditional-arrangements/${arrangementId}/review`)
        .set(auth.police)
        .send({ expectedVersion: 2, outcome: 'extend', note: 'Cliënt ging drie keer per week.' });
      expect(police.status).toBe(403);

      const reviewed = await http()
        .post(`/api/conditional-arrangements/${arrangementId}/review`)
        .set(auth.care)
        .send({
          expectedVersion: 2,
          outcome: 'extend',
          note: 'Cliënt ging drie keer per week; twee maanden verlengen.',
          nextReviewDate,
        });
      expect(reviewed.status).toBe(200);
      expect(reviewed.body).toMatchObject({
        status: 'reviewed',
        outcome: 'extend',
        outcomeLabel: 'Verlengen',
        outcomeNote: 'Cliënt ging drie keer per week; twee maanden verlengen.',
        reviewedBy: { userId: ids.care },
        version: 3,
      });
      expect(reviewed.body.reviewedAt).toEqual(expect.any(String));
      const [done] = await deadlineOf('condition_review', arrangementId);
      expect(done.status).toBe('done');
      expect(done.steps.every((s: { status: string }) => s.status !== 'pending')).toBe(true);

      const followUpId = reviewed.body.followUpId;
      expect(followUpId).toEqual(expect.any(String));
      const [next] = await deadlineOf('condition_review', followUpId);
      expect(next.status).toBe('pending');
      expect(new Date(next.due_at).toISOString()).toBe(amsterdamInstant(nextReviewDate, 9).toISOString());
      const listed = await http().get(`/api/clients/${ids.client}/conditional-arrangements`).set(auth.care);
      expect(listed.body[0]).toMatchObject({
        id: followUpId,
        status: 'open',
        followsId: arrangementId,
        conditions: 'Cliënt gaat 2 à 3 keer per week naar de sportschool; de sportschool houdt het bij.',
      });

      // The extension's spend belongs to the follow-up.
      const extension = await requestSpend(ids.client, {
        category: 'sports_subscription',
        amountCents: 7_200,
        kind: 'conditional_gift',
        description: 'Verlenging sportschoolabonnement met twee maanden.',
        conditions: 'Cliënt blijft 2 à 3 keer per week gaan.',
        arrangementId: followUpId,
      });
      expect(extension.status).toBe(201);
      expect(extension.body.arrangementId).toBe(followUpId);

      const again = await http()
        .post(`/api/conditional-arrangements/${arrangementId}/review`)
        .set(auth.care)
        .send({ expectedVersion: 3, outcome: 'stop', note: 'Nog een keer toetsen kan niet.' });
      expect(again.status).toBe(422);
      const closed = await requestSpend(ids.client, {
        category: 'sports_subscription',
        amountCents: 100,
        kind: 'gift',
        description: 'Bij een getoetste afspraak kan niets meer.',
        arrangementId,
      });
      expect(closed.status).toBe(422);
    });

    it('can lapse: cancelling ends its deadline', async () => {
      const created = await http()
        .post(`/api/clients/${ids.client}/conditional-arrangements`)
        .set(auth.chair)
        .send({ conditions: 'Cliënt houdt de afspraken met de budgetcoach aan.', reviewDate });
      const cancelled = await http()
        .post(`/api/conditional-arrangements/${created.body.id}/cancel`)
        .set(auth.chair)
        .send({ expectedVersion: 1, reason: 'Cliënt is naar een andere gemeente verhuisd.' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: { userId: ids.chair } });
      expect((await deadlineOf('condition_review', created.body.id))[0].status).toBe('done');
    });
  });

  describe('need-to-know', () => {
    it('keeps the budget from the police and the housing corporation', async () => {
      const before = await rowCounts();
      const [someSpend] = await api.dataSource.query(`SELECT id FROM spend WHERE client_id = $1 LIMIT 1`, [
        ids.client,
      ]);
      const [someArrangement] = await api.dataSource.query(
        `SELECT id, version FROM conditional_arrangement WHERE client_id = $1 AND status = 'open' LIMIT 1`,
        [ids.client],
      );
      const body = {
        category: 'travel',
        amountCents: 500,
        kind: 'gift',
        description: 'Buskaart voor de afspraak bij de schuldhulp.',
      };
      const cases: [string, Auth, request.Test, number][] = [
        ['police reads', auth.police, http().get(`/api/clients/${ids.client}/spends`), 403],
        ['police requests', auth.police, http().post(`/api/clients/${ids.client}/spends`).send(body), 403],
        ['police reads a spend', auth.police, http().get(`/api/spends/${someSpend.id}`), 403],
        ['police overview', auth.police, http().get(`/api/teams/${team.teamId}/budget/${year}`), 403],
        ['police team spends', auth.police, http().get(`/api/teams/${team.teamId}/spends`), 403],
        [
          'police arrangements',
          auth.police,
          http().get(`/api/clients/${ids.client}/conditional-arrangements`),
          403,
        ],
        ['housing (not invited) reads', auth.housing, http().get(`/api/clients/${ids.client}/spends`), 404],
        ['housing reads a spend', auth.housing, http().get(`/api/spends/${someSpend.id}`), 404],
        ['housing overview', auth.housing, http().get(`/api/teams/${team.teamId}/budget/${year}`), 403],
        [
          'housing reviews',
          auth.housing,
          http().post(`/api/conditional-arrangements/${someArrangement.id}/review`).send({
            expectedVersion: someArrangement.version,
            outcome: 'stop',
            note: 'Geen reden meer voor.',
          }),
          404,
        ],
        ['other team reads', auth.otherChair, http().get(`/api/clients/${ids.client}/spends`), 404],
        [
          'other team approves',
          auth.otherChair,
          http().post(`/api/spends/${someSpend.id}/approve`).send({ expectedVersion: 1 }),
          404,
        ],
        ['other team overview', auth.otherChair, http().get(`/api/teams/${team.teamId}/budget/${year}`), 404],
      ];
      for (const [what, who, call, status] of cases) {
        const response = await call.set(who);
        expect([what, response.status]).toEqual([what, status]);
        expect(response.text).not.toContain('Borg voor de intake');
      }
      expect(await rowCounts()).toEqual(before);
    });

    it("follows the client's legal basis: under a safety covenant the budget is not shared, only counted", async () => {
      const client = await newClient('Demo S. Veiligheidshuis');
      const spend = await requestSpend(client, {
        category: 'bills',
        amountCents: 1_234,
        kind: 'gift',
        description: 'Rekening van de woningcorporatie voor schade aan de deur.',
      });
      expect(spend.status).toBe(201);
      for (const event of [
        {
          type: 'INCLUSION_DECIDED',
          included: true,
          criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
          reasons: 'Voldoet aan de criteria; ernstige overlast en strafbare feiten.',
        },
        {
          type: 'CONSENT_OVERRIDDEN',
          legalBasis: 'safety_covenant',
          justification: 'Ernstige zorg om de veiligheid van omwonenden; toestemming is niet te krijgen.',
        },
      ]) {
        const response = await http().post(`/api/clients/${client}/events`).set(auth.chair).send(event);
        expect(response.status).toBe(200);
      }
      expect((await http().get(`/api/clients/${client}/spends`).set(auth.chair)).status).toBe(403);
      expect((await act(spend.body.id, 'approve', { expectedVersion: 1 })).status).toBe(403);
      const view = await overview();
      expect(view.byClient.map((c: { clientId: string }) => c.clientId)).not.toContain(client);
      expect(view.withheld).toMatchObject({ clients: 1, pendingCents: 1_234 });
      expect(JSON.stringify(view)).not.toContain('Demo S. Veiligheidshuis');
      const listed = await http().get(`/api/teams/${team.teamId}/spends`).set(auth.chair);
      expect(listed.body.map((s: { clientId: string }) => s.clientId)).not.toContain(client);
      // Withdrawn again so the totals of the other tests stay as they were.
      await api.dataSource.query(
        `UPDATE spend SET status = 'cancelled', cancelled_by = $2, cancelled_at = now() WHERE id = $1`,
        [spend.body.id, ids.chair],
      );
    });

    it('lets a financial administrator invited to the budget read it, not change it', async () => {
      const invited = await http()
        .post(`/api/clients/${ids.client}/invitations`)
        .set(auth.care)
        .send({
          partyKind: 'financial_administrator',
          scope: ['budget'],
          endsAt: addCalendarDays(today, 30),
          reason: 'Bewindvoerder stemt de uitgaven af met het budgetplan.',
        });
      expect(invited.status).toBe(201);
      const finance = await api.login(team.users.financial_administrator);
      const read = await http().get(`/api/clients/${ids.client}/spends`).set(finance);
      expect(read.status).toBe(200);
      expect(read.body.length).toBeGreaterThan(0);
      const before = await rowCounts();
      const write = await requestSpend(
        ids.client,
        {
          category: 'bills',
          amountCents: 500,
          kind: 'gift',
          description: 'Een rekening van de bewindvoerder.',
        },
        finance,
      );
      expect(write.status).toBe(403);
      const overviewRead = await http().get(`/api/teams/${team.teamId}/budget/${year}`).set(finance);
      expect(overviewRead.status).toBe(403);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('bad input', () => {
    it('gets a clear 4xx and changes nothing', async () => {
      const valid = {
        category: 'travel',
        amountCents: 1_000,
        kind: 'gift',
        description: 'Treinkaartje naar de intake bij de kliniek.',
      };
      const before = await rowCounts();
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...valid, amountCents: 0 }, /amountCents must not be less than 1/],
        [{ ...valid, amountCents: -500 }, /amountCents/],
        [{ ...valid, amountCents: 10.5 }, /whole number/],
        [{ ...valid, amountCents: '1000' }, /whole number/],
        [{ ...valid, amountCents: 1e12 }, /amountCents must not be greater than/],
        [{ ...valid, category: 'holiday' }, /category must be one of/],
        [{ ...valid, kind: 'bribe' }, /kind must be one of/],
        [{ ...valid, description: '   ' }, /description must say something/],
        [{ ...valid, extra: 1 }, /extra is not an allowed field/],
        [{ ...valid, urgent: true }, /neededBy is required/],
        [{ ...valid, urgent: 'yes', neededBy: today }, /urgent must be true or false/],
        [{ ...valid, urgent: true, neededBy: addCalendarDays(today, -1) }, /neededBy must be today or later/],
        [{ ...valid, urgent: true, neededBy: '2026-02-30' }, /neededBy must be an ISO 8601 date/],
        [{ ...valid, neededBy: today }, /only for an urgent spend/],
        [{ ...valid, kind: 'conditional_gift' }, /conditions are required/],
        [{ ...valid, arrangementId: 'abc' }, /arrangementId must be a UUID/],
        [{ ...valid, arrangementId: '00000000-0000-4000-8000-000000000000' }, /arrangementId must name/],
      ];
      for (const [body, message] of cases) {
        const response = await requestSpend(ids.client, body);
        expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
        expect(response.body.message).toMatch(message);
      }
      // The extension of the gym subscription, still requested.
      const [spend] = await api.dataSource.query(
        `SELECT id, version FROM spend WHERE client_id = $1 AND status = 'requested' LIMIT 1`,
        [ids.client],
      );
      expect(spend).toBeDefined();
      const more: [request.Test, number][] = [
        [http().post('/api/clients/not-a-uuid/spends').send(valid), 400],
        [http().post(`/api/spends/${spend.id}/approve`).send({}), 400],
        [http().post(`/api/spends/${spend.id}/approve`).send({ expectedVersion: 0 }), 400],
        [
          http()
            .post(`/api/spends/${spend.id}/approve`)
            .send({ expectedVersion: 2 ** 40 }),
          400,
        ],
        [http().post(`/api/spends/${spend.id}/reject`).send({ expectedVersion: spend.version }), 400],
        [
          http()
            .post(`/api/spends/${spend.id}/reject`)
            .send({ expectedVersion: spend.version, reason: 'nee' }),
          400,
        ],
        [http().put(`/api/teams/${team.teamId}/budget/1999`).send({ amountCents: 1 }), 400],
        [http().put(`/api/teams/${team.teamId}/budget/20266`).send({ amountCents: 1 }), 400],
        [http().put(`/api/teams/${team.teamId}/budget/${year}`).send({ amountCents: -1 }), 400],
        [http().get(`/api/teams/${team.teamId}/budget/abcd`), 400],
        [http().get(`/api/teams/${team.teamId}/spends`).query({ year: 'last' }), 400],
        [http().get(`/api/teams/${team.teamId}/spends`).query({ status: 'paid' }), 400],
        [
          http()
            .post(`/api/clients/${ids.client}/conditional-arrangements`)
            .send({ conditions: 'Cliënt gaat naar de sportschool.', reviewDate: addCalendarDays(today, -1) }),
          400,
        ],
        [
          http()
            .post(`/api/clients/${ids.client}/conditional-arrangements`)
            .send({ conditions: 'Cliënt gaat naar de sportschool.', reviewDate: today, spendIds: ['x'] }),
          400,
        ],
        [
          http()
            .post(`/api/clients/${ids.client}/conditional-arrangements`)
            .send({
              conditions: 'Cliënt gaat naar de sportschool.',
              reviewDate: today,
              spendIds: ['00000000-0000-4000-8000-000000000000'],
            }),
          400,
        ],
        [
          http()
            .post(`/api/spends/00000000-0000-4000-8000-000000000000/approve`)
            .send({ expectedVersion: 1 }),
          404,
        ],
      ];
      for (const [call, status] of more) {
        const response = await call.set(auth.chair);
        expect(response.status).toBe(status);
        expect(response.body.message).toEqual(expect.any(String));
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses new spends for a closed trajectory (422)', async () => {
      const closedClient = await newClient('Demo C. Afgesloten');
      const closed = await http()
        .post(`/api/clients/${closedClient}/events`)
        .set(auth.chair)
        .send({ type: 'TRAJECTORY_CLOSED', reason: 'other', stillUsing: 'unknown' });
      expect(closed.status).toBe(200);
      const response = await requestSpend(closedClient, {
        category: 'travel',
        amountCents: 1_000,
        kind: 'gift',
        description: 'Reiskosten naar een afspraak na de afsluiting.',
      });
      expect(response.status).toBe(422);
      expect(response.body.details[0].code).toBe('trajectory_closed');
    });
  });

  describe('client rights', () => {
    it("puts the client's spends and arrangements in the data-subject export", async () => {
      const response = await http().get(`/api/clients/${ids.client}/export`).set(auth.chair);
      expect(response.status).toBe(200);
      const { budget } = response.body;
      const deposit = budget.spends.find((s: { category: string }) => s.category === 'clinic_deposit');
      expect(deposit).toMatchObject({
        amountCents: 45_000,
        status: 'approved',
        urgent: true,
        approvedBy: { userId: ids.chair, partyKind: 'municipality' },
        description: 'Borg voor de intake bij de privékliniek, betalen voor de opname.',
      });
      const loan = budget.spends.find(
        (s: { repaymentStatus: string | null }) => s.repaymentStatus === 'repaid',
      );
      expect(loan.repayments.map((r: { amountCents: number }) => r.amountCents)).toEqual([5_000, 15_000]);
      expect(budget.conditionalArrangements.map((a: { outcome: string | null }) => a.outcome)).toContain(
        'extend',
      );
      const pdf = await http()
        .get(`/api/clients/${ids.client}/export`)
        .query({ format: 'pdf' })
        .set(auth.chair);
      expect(pdf.status).toBe(200);
    });

    it('anonymises the free text of the budget, keeping amounts, categories and dates', async () => {
      // Every text column of the budget's tables is an id from a fixed list, or removed by anonymisation.
      const ENUM_COLUMNS = ['category', 'kind', 'status', 'repayment_status', 'outcome'];
      const textColumns = await api.dataSource.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name IN ('spend', 'conditional_arrangement', 'loan_repayment')
            AND data_type = 'text' ORDER BY 1, 2`,
      );
      for (const { table_name, column_name } of textColumns) {
        const anonymised = (BUDGET_FREE_TEXT_COLUMNS as Record<string, readonly string[]>)[table_name] ?? [];
        expect([
          table_name,
          column_name,
          anonymised.includes(column_name) || ENUM_COLUMNS.includes(column_name),
        ]).toEqual([table_name, column_name, true]);
      }

      const client = await newClient('Demo D. Vergeten');
      const spend = await requestSpend(client, {
        category: 'sports_subscription',
        amountCents: 3_600,
        kind: 'conditional_gift',
        description: 'Sportschool De Sprong aan de Dorpsstraat, een maand.',
        conditions: 'Gaat twee keer per week, samen met zijn broer.',
      });
      await act(spend.body.id, 'reject', { expectedVersion: 1, reason: 'Broer betaalt het abonnement al.' });
      const arrangement = await http()
        .post(`/api/clients/${client}/conditional-arrangements`)
        .set(auth.care)
        .send({
          conditions: 'Gaat naar de inloop van de GGZ aan de Markt.',
          reviewDate: addCalendarDays(today, 14),
        });
      await http()
        .post(`/api/conditional-arrangements/${arrangement.body.id}/review`)
        .set(auth.care)
        .send({ expectedVersion: 1, outcome: 'stop', note: 'Ging niet meer na de ruzie met zijn moeder.' });
      await http()
        .post(`/api/clients/${client}/events`)
        .set(auth.chair)
        .send({ type: 'TRAJECTORY_CLOSED', reason: 'dropped_out', stillUsing: 'unknown' });

      const service = new ClientAnonymisationService(api.dataSource, new SystemClock(), {
        clientRetentionMonths: 1,
      });
      expect(await service.anonymise(client, new Date(Date.now() + 86_400_000))).toBe(true);
      const [s] = await api.dataSource.query(
        `SELECT description, conditions, decision_reason, cancel_reason, amount_cents, category, status, approved_at
           FROM spend WHERE id = $1`,
        [spend.body.id],
      );
      expect(s).toMatchObject({
        description: ANONYMISED_TEXT,
        conditions: ANONYMISED_TEXT,
        decision_reason: ANONYMISED_TEXT,
        cancel_reason: null,
        amount_cents: '3600',
        category: 'sports_subscription',
        status: 'rejected',
      });
      expect(s.approved_at).not.toBeNull();
      const [a] = await api.dataSource.query(
        `SELECT conditions, outcome, outcome_note, to_char(review_date, 'YYYY-MM-DD') AS review_date
           FROM conditional_arrangement WHERE id = $1`,
        [arrangement.body.id],
      );
      expect(a).toEqual({
        conditions: ANONYMISED_TEXT,
        outcome: 'stop',
        outcome_note: ANONYMISED_TEXT,
        review_date: addCalendarDays(today, 14),
      });
    });
  });

  describe('lists', () => {
    it("gives the team's spends of a year with the client's name, filtered by status and category", async () => {
      const all = await http().get(`/api/teams/${team.teamId}/spends`).set(auth.care);
      expect(all.status).toBe(200);
      expect(all.body.length).toBeGreaterThan(5);
      expect(all.body.every((s: { budgetYear: number }) => s.budgetYear === year)).toBe(true);
      expect(all.body[0].clientDisplayName).toEqual(expect.any(String));
      const approvedDeposits = await http()
        .get(`/api/teams/${team.teamId}/spends`)
        .query({ year, status: 'approved', category: 'clinic_deposit' })
        .set(auth.chair);
      expect(approvedDeposits.body.map((s: { amountCents: number }) => s.amountCents)).toEqual([45_000]);
      const lastYear = await http()
        .get(`/api/teams/${team.teamId}/spends`)
        .query({ year: year - 1 })
        .set(auth.chair);
      expect(lastYear.body).toEqual([]);
      const client = await http().get(`/api/clients/${ids.client}/spends`).set(auth.care);
      expect(client.body.length).toBe(
        all.body.filter((s: { clientId: string }) => s.clientId === ids.client).length,
      );
    });
  });

  describe('the demo seed (on a database of its own)', () => {
    const name = `koers_budget_seed_${randomUUID().slice(0, 8)}`;
    const url = Object.assign(new URL(testDatabaseUrl()), { pathname: `/${name}` }).toString();
    const adminQuery = async (sql: string) => {
      const client = new Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    let demo: ApiHarness | undefined;

    beforeAll(async () => {
      await adminQuery(`CREATE DATABASE ${name}`);
      await runMigrations(url);
      expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
      demo = await startApi({ DATABASE_URL: url });
    }, 120_000);
    afterAll(async () => {
      await demo?.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });

    it('has a budget for both towns, spends across categories, a gym arrangement and a pending urgent deposit', async () => {
      const q = (sql: string) => demo!.dataSource.query(sql);
      const budgets = await q(
        `SELECT t.name, b.amount_cents FROM team_budget b JOIN team t ON t.id = b.team_id WHERE b.year = ${year} ORDER BY t.name`,
      );
      expect(budgets.map((b: { name: string }) => b.name)).toEqual([
        'Casusoverleg Middelen Buurdorp',
        'Casusoverleg Middelen Voorbeeldstad',
      ]);
      const categories = await q(`SELECT DISTINCT category FROM spend WHERE status = 'approved'`);
      expect(categories.length).toBeGreaterThanOrEqual(5);
      const [arrangement] = await q(
        `SELECT a.id, to_char(a.review_date, 'YYYY-MM-DD') AS review_date, d.status AS deadline, s.category
           FROM conditional_arrangement a
           JOIN deadline d ON d.subject_id = a.id AND d.kind = 'condition_review'
           JOIN spend s ON s.arrangement_id = a.id
          WHERE a.status = 'open'`,
      );
      expect(arrangement).toMatchObject({ deadline: 'pending', category: 'sports_subscription' });
      expect(arrangement.review_date > today).toBe(true);
      const loans = await q(
        `SELECT repayment_status FROM spend WHERE kind = 'loan' ORDER BY repayment_status`,
      );
      expect(loans.map((l: { repayment_status: string }) => l.repayment_status)).toEqual([
        'open',
        'repaying',
      ]);
    });

    it('lets demo-chair approve the urgent clinic deposit and see the budget drop (done-when)', async () => {
      const chair = await demo!.login('demo-chair', DEMO_PASSWORD);
      const [{ id: teamId }] = await demo!.dataSource.query(
        `SELECT id FROM team WHERE name = 'Casusoverleg Middelen Voorbeeldstad'`,
      );
      const before = (await request(demo!.http).get(`/api/teams/${teamId}/budget/${year}`).set(chair)).body;
      const pending = await request(demo!.http)
        .get(`/api/teams/${teamId}/spends`)
        .query({ status: 'requested', category: 'clinic_deposit' })
        .set(chair);
      expect(pending.body).toEqual([
        expect.objectContaining({ urgent: true, amountCents: 45_000, clientDisplayName: 'Demo G. Peters' }),
      ]);
      const [deposit] = pending.body;
      const [deadline] = await demo!.dataSource.query(
        `SELECT status FROM deadline WHERE kind = 'urgent_payment' AND subject_id = $1`,
        [deposit.id],
      );
      expect(deadline.status).toBe('pending');

      const approved = await request(demo!.http)
        .post(`/api/spends/${deposit.id}/approve`)
        .set(chair)
        .send({ expectedVersion: deposit.version });
      expect(approved.status).toBe(200);
      expect(approved.body.approvedBy.displayName).toBe('Procesregisseur (demo)');
      const after = (await request(demo!.http).get(`/api/teams/${teamId}/budget/${year}`).set(chair)).body;
      expect(before.remainingCents - after.remainingCents).toBe(45_000);
      expect(after.pendingCents).toBe(before.pendingCents - 45_000);
      const [ended] = await demo!.dataSource.query(
        `SELECT status FROM deadline WHERE kind = 'urgent_payment' AND subject_id = $1`,
        [deposit.id],
      );
      expect(ended.status).toBe('done');
    });
  });
});
