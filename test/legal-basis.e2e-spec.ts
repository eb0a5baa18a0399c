import request from 'supertest';
import { legalBasisKindOf, restoreSnapshot } from '@koers/machines/trajectory';
import { upgradeSnapshot } from '@koers/trajectory';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';

type Auth = { Authorization: string };

const SCOPE = 'Informatie delen binnen het casusoverleg';
const INCLUDE = {
  type: 'INCLUSION_DECIDED',
  included: true,
  criteria: ['serious_substance_use_disorder', 'resident', 'problems_other_life_domains'],
  reasons: 'Voldoet aan de criteria van de handreiking.',
};
// Texts per data category, to see what each answer leaks.
const HEALTH = 'Medicatie afgebouwd tijdens ontwenning';
const JUSTICE = 'Aangehouden voor winkeldiefstal';
const HOUSING = 'Woning vervuild, huurachterstand';
const GENERAL = 'Cliënt belt zelf af voor het gesprek';

/**
 * The legal basis per trajectory (issue 5, domain.md §2 and §8): consent with who recorded it, when and its scope;
 * a withdrawal of consent leaves only identity and trajectory visible, for everyone, on every route; a covenant
 * recorded afterwards (by the chair) brings back what that covenant allows; the access log records the basis.
 */
describe('legal basis (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let chair: Auth;
  let care: Auth;
  let police: Auth;
  let housing: Auth;
  const userIds: Record<string, string> = {};
  let clientId: string;

  const get = (auth: Auth, url: string) => request(api.http).get(url).set(auth);
  const send = (auth: Auth, id: string, event: Record<string, unknown>) =>
    request(api.http).post(`/api/clients/${id}/events`).set(auth).send(event);
  const ok = async (response: request.Response | Promise<request.Response>, status = 200) => {
    const r = await response;
    if (r.status !== status) throw new Error(`${r.status}: ${JSON.stringify(r.body)}`);
    return r;
  };
  const journal = (auth: Auth, category: string, text: string) =>
    request(api.http)
      .post(`/api/clients/${clientId}/journal`)
      .set(auth)
      .send({ kind: 'note', category, text, occurredAt: new Date().toISOString() });
  /** The access-log row of one request. */
  const auditRow = async (response: request.Response) =>
    (
      await api.dataSource.query(
        `SELECT client_ids::text[], client_bases, categories, result FROM audit_log WHERE request_id = $1`,
        [response.headers['x-request-id']],
      )
    )[0];
  const version = async (id: string) =>
    (await api.dataSource.query(`SELECT version FROM trajectory WHERE client_id = $1`, [id]))[0].version;
  const newClient = async (name: string) =>
    (
      await ok(
        request(api.http)
          .post('/api/clients')
          .set(care)
          .send({ displayName: name, signal: { source: 'police', description: 'Overlast en zorgen.' } }),
        201,
      )
    ).body.client.id as string;

  /** What each party sees of the client on the main routes. */
  async function seenBy(auth: Auth) {
    const detail = await get(auth, `/api/clients/${clientId}`);
    const board = await get(auth, `/api/board?team=${team.teamId}`);
    const entries = await get(auth, `/api/clients/${clientId}/journal`);
    return {
      status: detail.status,
      context: detail.status === 200 ? Object.keys(detail.body.trajectory.context).sort() : null,
      text: JSON.stringify([detail.body, entries.body]),
      journal: entries.status === 200 ? entries.body.map((e: { text: string }) => e.text).sort() : null,
      boardRow: board.body.rows.find((r: { clientId: string }) => r.clientId === clientId) ?? null,
    };
  }

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    chair = await api.login(team.users.municipality);
    care = await api.login(team.users.addiction_care);
    police = await api.login(team.users.police);
    for (const [kind, username] of Object.entries(team.users)) {
      userIds[kind] = (
        await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username])
      )[0].id;
    }
    clientId = await newClient('Demo G. Rondslag');
    await ok(send(chair, clientId, INCLUDE));
    await ok(send(care, clientId, { type: 'CONSENT_GIVEN', scope: SCOPE }));
    await ok(send(care, clientId, { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' }));
    await ok(journal(care, 'health', HEALTH), 201);
    await ok(journal(police, 'justice', JUSTICE), 201);
    await ok(journal(care, 'housing', HOUSING), 201);
    await ok(journal(care, 'general', GENERAL), 201);
    await ok(
      request(api.http)
        .put(`/api/clients/${clientId}/intake`)
        .set(police)
        .send({ facts: 'Bekend bij de wijkagent.', offences: JUSTICE, lifeDomains: { housing: HOUSING } }),
    );
    await ok(
      request(api.http)
        .post(`/api/clients/${clientId}/invitations`)
        .set(care)
        .send({
          partyKind: 'housing_corporation',
          scope: ['housing'],
          endsAt: '2099-01-01',
          reason: 'Woning regelen na de opname.',
        }),
      201,
    );
    housing = await api.login(team.users.housing_corporation);
  });
  afterAll(() => api.close());

  it('records consent as the legal basis: who recorded it (from the session), when, and the scope', async () => {
    const detail = (await ok(get(chair, `/api/clients/${clientId}`))).body;
    const consentEvent = detail.trajectory.history.find((h: { type: string }) => h.type === 'CONSENT_GIVEN');
    const expected = {
      kind: 'consent',
      label: 'Toestemming van de cliënt',
      allows: ['identity', 'trajectory', 'health', 'justice', 'housing', 'finances', 'budget'],
      since: consentEvent.at,
      current: {
        seq: consentEvent.seq,
        event: 'CONSENT_GIVEN',
        kind: 'consent',
        scope: SCOPE,
        justification: null,
        reason: null,
        recordedAt: consentEvent.at,
        recordedBy: {
          userId: userIds.addiction_care,
          displayName: 'Test addiction_care',
          party: 'addiction_care',
        },
      },
    };
    expect(detail.trajectory.legalBasis).toMatchObject(expected);
    expect(detail.trajectory.legalBasis.history).toHaveLength(1);
    // Its own endpoint says the same; the housing corporation (no trajectory category) only learns the kind.
    const own = await ok(get(police, `/api/clients/${clientId}/legal-basis`));
    expect(own.body).toMatchObject(expected);
    expect((await auditRow(own)).client_bases).toEqual(['consent']);
    const partner = await ok(get(housing, `/api/clients/${clientId}/legal-basis`));
    expect(partner.body).toEqual({
      kind: 'consent',
      label: 'Toestemming van de cliënt',
      allows: expected.allows,
      since: consentEvent.at,
    });
    expect((await auditRow(partner)).categories).toEqual(['identity']);
    // Consent cannot be withdrawn before it is given, nor overridden by a covenant while it holds.
    const fresh = await newClient('Demo V. Roeg');
    await ok(send(chair, fresh, INCLUDE));
    const early = await send(care, fresh, { type: 'CONSENT_WITHDRAWN', reason: 'Wil toch niet meedoen.' });
    expect(early.status).toBe(422);
    expect(early.body.message ?? JSON.stringify(early.body)).toMatch(/toestemming/i);
    const overConsent = await send(chair, clientId, {
      type: 'COVENANT_INVOKED',
      legalBasis: 'care_covenant',
      justification: 'Ernstige zorgen om de gezondheid van de cliënt.',
    });
    expect(overConsent.status).toBe(422);
    expect(JSON.stringify(overConsent.body)).toContain('consent_in_force');
  });

  it('refuses bad withdrawals with a 4xx and changes nothing', async () => {
    const before = await version(clientId);
    const cases: [Auth, Record<string, unknown>, number][] = [
      [care, { type: 'CONSENT_WITHDRAWN' }, 400],
      [care, { type: 'CONSENT_WITHDRAWN', reason: 'nee' }, 400],
      [care, { type: 'CONSENT_WITHDRAWN', reason: 'Wil niet meer meedoen.', extra: true }, 400],
      [
        care,
        { type: 'CONSENT_WITHDRAWN', reason: 'Wil niet meer meedoen.', continueUnder: 'care_covenant' },
        400,
      ],
      [
        chair,
        {
          type: 'CONSENT_WITHDRAWN',
          reason: 'Wil niet meer meedoen.',
          continueUnder: { legalBasis: 'gut_feeling', justification: 'Ernstige zorgen om de veiligheid.' },
        },
        400,
      ],
      [
        chair,
        {
          type: 'CONSENT_WITHDRAWN',
          reason: 'Wil niet meer meedoen.',
          continueUnder: { legalBasis: 'care_covenant', justification: 'zorg' },
        },
        400,
      ],
      // A covenant to go on is the chair's decision.
      [
        care,
        {
          type: 'CONSENT_WITHDRAWN',
          reason: 'Wil niet meer meedoen.',
          continueUnder: { legalBasis: 'care_covenant', justification: 'Ernstige zorgen om de gezondheid.' },
        },
        403,
      ],
      // The police may record trajectory events, but not on a client it cannot see: fine here; a stale version is 409.
      [police, { type: 'CONSENT_WITHDRAWN', reason: 'Wil niet meer meedoen.', expectedVersion: 1 }, 409],
      // The housing corporation sees no trajectory category.
      [housing, { type: 'CONSENT_WITHDRAWN', reason: 'Wil niet meer meedoen.' }, 403],
    ];
    for (const [auth, body, status] of cases) {
      const response = await send(auth, clientId, body);
      expect({ body, status: response.status }).toEqual({ body, status });
    }
    expect(await version(clientId)).toBe(before);
    expect((await get(chair, `/api/clients/${clientId}`)).body.trajectory.legalBasis.kind).toBe('consent');
  });

  it('after a withdrawal without covenant shows everyone only identity and trajectory, everywhere', async () => {
    const seenBefore = await seenBy(police);
    expect(seenBefore.journal).toEqual([GENERAL, HOUSING, JUSTICE].sort());

    const withdrawn = await ok(
      send(care, clientId, {
        type: 'CONSENT_WITHDRAWN',
        reason: 'Wil geen contact meer met de hulpverlening.',
      }),
    );
    // The answer already shows what the new basis allows.
    expect(withdrawn.body.context).not.toHaveProperty('treatment');
    expect(withdrawn.body.stage).toBe('waiting_list');
    expect((await auditRow(withdrawn)).client_bases).toEqual(['none']);

    const allowedContext = ['closure', 'contacts', 'daytimeActivity', 'inclusion', 'legalBasis', 'movedTo'];
    for (const auth of [chair, care, police]) {
      const seen = await seenBy(auth);
      expect(seen.status).toBe(200);
      expect(seen.context).toEqual(expect.arrayContaining(['legalBasis', 'inclusion']));
      for (const key of seen.context ?? []) {
        expect(allowedContext.concat(['network', 'preparedAftercare'])).toContain(key);
      }
      expect(seen.text).not.toMatch(/clinical_detox|Medicatie|Aangehouden|huurachterstand/);
      expect(seen.journal).toEqual([GENERAL]);
      expect(seen.boardRow).toMatchObject({ stage: 'waiting_list' });
      expect(seen.boardRow.blockers.map((b: { code: string }) => b.code)).toEqual(['no_legal_basis']);
      expect(seen.boardRow.blockers[0].liftedBy).toBe('chair');
    }
    // The housing corporation keeps the client (its invitation) but sees only who it is and the stage.
    const partner = await seenBy(housing);
    expect(partner.status).toBe(200);
    expect(partner.context).toEqual(['movedTo']);
    expect(partner.journal).toEqual([]);
    expect(partner.boardRow).toMatchObject({ stage: 'waiting_list', blockers: [] });

    // The handreiking's answers: the police's offences and the housing domain are not shown to the chair now.
    const intake = await ok(get(chair, `/api/clients/${clientId}/intake`));
    expect(JSON.stringify(intake.body)).not.toMatch(/winkeldiefstal|huurachterstand/);
    expect(JSON.stringify(intake.body)).toContain('Bekend bij de wijkagent.');
    // Its deadlines were withdrawn: nothing is chased for a client without a basis.
    const deadlines = await ok(get(chair, `/api/clients/${clientId}/deadlines`));
    expect(
      deadlines.body.filter((d: { state: string }) => d.state === 'pending' || d.state === 'overdue'),
    ).toEqual([]);
    // The access log: the police's read names the basis and only what went through.
    const read = await ok(get(police, `/api/clients/${clientId}`));
    expect(await auditRow(read)).toEqual({
      client_ids: [clientId],
      client_bases: ['none'],
      categories: ['identity', 'trajectory'],
      result: 'ok',
    });
    // The history of bases, with who recorded the withdrawal.
    const basis = await ok(get(chair, `/api/clients/${clientId}/legal-basis`));
    expect(basis.body.history.map((r: { kind: string; event: string }) => [r.event, r.kind])).toEqual([
      ['CONSENT_GIVEN', 'consent'],
      ['CONSENT_WITHDRAWN', 'none'],
    ]);
    expect(basis.body.current).toMatchObject({
      reason: 'Wil geen contact meer met de hulpverlening.',
      recordedBy: { userId: userIds.addiction_care, party: 'addiction_care' },
    });
  });

  it('without a basis refuses every write but a covenant or closing, and changes nothing', async () => {
    const before = await version(clientId);
    const contact = await send(care, clientId, {
      type: 'CONTACT_LOGGED',
      channel: 'call',
      note: 'Gebeld, geen gehoor.',
    });
    expect(contact.status).toBe(403);
    expect(contact.body.message ?? JSON.stringify(contact.body)).toMatch(/legal basis \(none\)/);
    const prepared = await send(care, clientId, { type: 'AFTERCARE_ITEM_PREPARED', item: 'housing' });
    expect(prepared.status).toBe(422);
    expect(JSON.stringify(prepared.body)).toContain('no_legal_basis');
    expect((await journal(care, 'health', 'Nog een notitie over de gezondheid.')).status).toBe(403);
    const note = await journal(care, 'general', 'Cliënt wil geen contact meer.');
    expect(note.status).toBe(201);
    const byCare = await send(care, clientId, {
      type: 'COVENANT_INVOKED',
      legalBasis: 'care_covenant',
      justification: 'Ernstige zorgen om de gezondheid van de cliënt.',
    });
    expect(byCare.status).toBe(403);
    expect(await version(clientId)).toBe(before);
  });

  it('keeps the chair’s data-subject export complete (AVG right of access), with the bases', async () => {
    const exported = await ok(get(chair, `/api/clients/${clientId}/export?format=json`));
    const text = JSON.stringify(exported.body);
    expect(text).toContain(HEALTH);
    expect(text).toContain(JUSTICE);
    expect(exported.body.legalBasis).toMatchObject({ kind: 'none' });
    expect(exported.body.legalBasis.history.map((r: { kind: string }) => r.kind)).toEqual([
      'consent',
      'none',
    ]);
    const logged = exported.body.accessLog.map((a: { legalBasis: string | null }) => a.legalBasis);
    expect(logged).toContain('consent');
    expect(logged).toContain('none');
    expect((await get(care, `/api/clients/${clientId}/export?format=json`)).status).toBe(403);
    const pdf = await get(chair, `/api/clients/${clientId}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/pdf/);
  });

  it('a care covenant recorded by the chair brings back what it allows: care sees health, the police no justice', async () => {
    const covenant = await ok(
      send(chair, clientId, {
        type: 'COVENANT_INVOKED',
        legalBasis: 'care_covenant',
        justification: 'Ernstige zorgen om de gezondheid van de cliënt; onderbouwd in het casusoverleg.',
      }),
    );
    expect(covenant.body.context.treatment).toBe('clinical_detox');
    expect((await auditRow(covenant)).client_bases).toEqual(['care_covenant']);

    const byCare = await seenBy(care);
    expect(byCare.context).toContain('treatment');
    expect(byCare.journal).toEqual([GENERAL, 'Cliënt wil geen contact meer.', HOUSING, HEALTH].sort());
    expect(byCare.boardRow.blockers.map((b: { code: string }) => b.code)).not.toContain('no_legal_basis');

    const byPolice = await seenBy(police);
    expect(byPolice.journal).toEqual([GENERAL, 'Cliënt wil geen contact meer.', HOUSING].sort());
    expect(byPolice.text).not.toMatch(/Aangehouden|clinical_detox/);
    const read = await ok(get(police, `/api/clients/${clientId}`));
    expect((await auditRow(read)).categories).toEqual(['identity', 'trajectory', 'housing']);

    expect((await seenBy(housing)).journal).toEqual([HOUSING]);
    // The trajectory goes on; deadlines run again.
    await ok(
      send(care, clientId, { type: 'CONTACT_LOGGED', channel: 'call', note: 'Gebeld, gaat redelijk.' }),
    );
    const deadlines = await ok(get(care, `/api/clients/${clientId}/deadlines`));
    expect(
      deadlines.body.some(
        (d: { kind: string; state: string }) => d.kind === 'waiting_contact' && d.state === 'pending',
      ),
    ).toBe(true);
    const basis = await ok(get(chair, `/api/clients/${clientId}/legal-basis`));
    expect(basis.body.current).toMatchObject({
      event: 'COVENANT_INVOKED',
      kind: 'care_covenant',
      recordedBy: { userId: userIds.municipality, party: 'municipality' },
    });
  });

  it('lets the chair withdraw consent and go on under a covenant in one event', async () => {
    const other = await newClient('Demo C. Onvenant');
    await ok(send(chair, other, INCLUDE));
    await ok(send(care, other, { type: 'CONSENT_GIVEN', scope: SCOPE }));
    const withdrawn = await ok(
      send(chair, other, {
        type: 'CONSENT_WITHDRAWN',
        reason: 'Trekt toestemming in na een ruzie.',
        continueUnder: {
          legalBasis: 'safety_covenant',
          justification: 'Gevaar voor de buren, meerdere meldingen.',
        },
      }),
    );
    expect(withdrawn.body.stage).toBe('motivation');
    const basis = (await ok(get(police, `/api/clients/${other}/legal-basis`))).body;
    expect(basis).toMatchObject({
      kind: 'safety_covenant',
      allows: ['identity', 'trajectory', 'justice', 'housing'],
      current: {
        reason: 'Trekt toestemming in na een ruzie.',
        justification: 'Gevaar voor de buren, meerdere meldingen.',
      },
    });
    // On a safety covenant treatment (health) is not shared: addiction care cannot record it in the casusoverleg.
    expect((await send(care, other, { type: 'TREATMENT_AGREED', treatment: 'ambulatory' })).status).toBe(403);
    // Withdrawing again is refused: there is no consent any more.
    const again = await send(care, other, { type: 'CONSENT_WITHDRAWN', reason: 'Nog een keer ingetrokken.' });
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.body)).toContain('consent_not_in_force');
  });

  it('keeps trajectory.legal_basis equal to the basis the snapshot records, a refused consent included', async () => {
    const refused = await newClient('Demo W. Eigert');
    await ok(send(chair, refused, INCLUDE));
    await ok(
      send(care, refused, { type: 'CONSENT_REFUSED', reason: 'Wil geen bemoeienis van de gemeente.' }),
    );
    const rows: { legal_basis: string; machine_id: string; machine_version: number; snapshot: unknown }[] =
      await api.dataSource.query(
        `SELECT legal_basis, machine_id, machine_version, snapshot FROM trajectory WHERE team_id = $1`,
        [team.teamId],
      );
    expect(rows.length).toBe(4);
    for (const row of rows) {
      const context = restoreSnapshot(
        upgradeSnapshot(row.machine_id, row.machine_version, row.snapshot),
      ).context;
      expect(row.legal_basis).toBe(legalBasisKindOf(context));
    }
    expect(new Set(rows.map((r) => r.legal_basis))).toEqual(
      new Set(['pending', 'care_covenant', 'safety_covenant', 'none']),
    );
    // A refused consent leaves only identity and trajectory too.
    const detail = await ok(get(police, `/api/clients/${refused}`));
    expect(detail.body.trajectory.legalBasis).toMatchObject({
      kind: 'none',
      current: { event: 'CONSENT_REFUSED' },
    });
  });
});
