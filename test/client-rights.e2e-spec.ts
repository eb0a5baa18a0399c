import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DATA_CATEGORIES } from '@koers/access';
import { SystemClock } from '@koers/clock';
import {
  ANONYMISED_NAME,
  ANONYMISED_TEXT,
  ClientAnonymisationService,
  ClientAnonymisationSweeper,
  ClientRightsWorkerModule,
  type ClientExport,
} from '@koers/client-rights';
import { ClockModule } from '@koers/clock';
import { ConfigModule, loadConfig } from '@koers/config';
import { PersistenceModule } from '@koers/persistence';
import { Module } from '@nestjs/common';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { pdfText, squashed } from './support/pdf-text';
import { testDatabaseUrl } from './support/test-database';

type Auth = { Authorization: string };

const DAY = 86_400_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Every instant field (`…At`) anywhere in a value, with its path. */
function instants(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => instants(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.endsWith('At') && !path.includes('payload')
      ? [[`${path}.${key}`, child] as [string, unknown]]
      : []),
    ...instants(child, `${path}.${key}`),
  ]);
}

/**
 * Client rights (issue 5 item 5): the data-subject export of one client (JSON and PDF), and the anonymisation
 * of closed trajectories after the retention period.
 */
describe('client rights (e2e)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** A team with one user per party, their logins, and helpers that fill a client's file through the API. */
  async function setUpTeam() {
    const team = await createTeam(api.dataSource);
    const auth = {
      chair: await api.login(team.users.municipality),
      care: await api.login(team.users.addiction_care),
      police: await api.login(team.users.police),
      housing: await api.login(team.users.housing_corporation),
    };
    const ok = (response: request.Response, status = 200) => {
      if (response.status !== status)
        throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
      return response.body;
    };
    const register = async (displayName: string, token: string, extra: Record<string, unknown> = {}) =>
      ok(
        await request(api.http)
          .post('/api/clients')
          .set(auth.chair)
          .send({
            displayName,
            ...extra,
            signal: { source: 'police', description: `Signaal ${token}: overlast in de flat.` },
          }),
        201,
      ).client.id as string;
    const event = async (clientId: string, body: Record<string, unknown>) =>
      ok(await request(api.http).post(`/api/clients/${clientId}/events`).set(auth.chair).send(body));
    const plan = async () =>
      ok(
        await request(api.http)
          .post('/api/meetings')
          .set(auth.chair)
          .send({ startsAt: inDays(2) }),
        201,
      ).id as string;
    /** Everything one can write about a client outside the trajectory's own events, each with `token`. */
    const fill = async (
      meetingId: string,
      clientId: string,
      token: string,
      options: { include?: boolean } = {},
    ) => {
      ok(
        await request(api.http)
          .post(`/api/clients/${clientId}/journal`)
          .set(auth.care)
          .send({
            kind: 'contact_moment',
            category: 'health',
            text: `Journaal ${token}: gebruikt weer.`,
            occurredAt: today(),
          }),
        201,
      );
      // A police entry also notifies addiction care (a notification about this client).
      ok(
        await request(api.http)
          .post(`/api/clients/${clientId}/journal`)
          .set(auth.police)
          .send({
            kind: 'police_contact',
            category: 'justice',
            text: `Politie ${token}: aangehouden.`,
            occurredAt: today(),
          }),
        201,
      );
      ok(
        await request(api.http)
          .put(`/api/clients/${clientId}/intake`)
          .set(auth.care)
          .send({
            facts: `Feiten ${token}: detox afgebroken.`,
            inViewSince: '2025-01-01',
            lifeDomains: { housing: `Wonen ${token}` },
          }),
      );
      ok(
        await request(api.http)
          .post(`/api/clients/${clientId}/invitations`)
          .set(auth.care)
          .send({
            partyKind: 'housing_corporation',
            scope: ['housing'],
            endsAt: '2099-01-01',
            reason: `Woning ${token} regelen.`,
          }),
        201,
      );
      ok(
        await request(api.http)
          .post(`/api/meetings/${meetingId}/clients/${clientId}/notes`)
          .set(auth.police)
          .send({ text: `Notitie ${token}: wijkagent houdt contact.` }),
        201,
      );
      ok(
        await request(api.http)
          .post(`/api/meetings/${meetingId}/clients/${clientId}/decisions`)
          .set(auth.chair)
          .send({
            text: `Besluit ${token}`,
            reasons: `Onderbouwing ${token}: ernstige verslaving, inwoner, overlast.`,
            ...(options.include
              ? {
                  inclusion: {
                    included: true,
                    criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
                  },
                }
              : {}),
          }),
        201,
      );
      const action = ok(
        await request(api.http)
          .post(`/api/meetings/${meetingId}/clients/${clientId}/actions`)
          .set(auth.chair)
          .send({
            description: `Actie ${token}: aanmelden bij de kliniek.`,
            owner: { partyKind: 'addiction_care' },
            dueDate: inDays(10).slice(0, 10),
          }),
        201,
      );
      return action.id as string;
    };
    return { team, auth, ok, register, event, plan, fill };
  }

  describe('the data-subject export', () => {
    let t: Awaited<ReturnType<typeof setUpTeam>>;
    let other: TeamFixture;
    let otherChair: Auth;
    const suffix = randomUUID().slice(0, 6);
    const nameA = `Demo Anna Exportveld ${suffix}`;
    const nameB = `Demo Bert Anderclient ${suffix}`;
    const tokenA = `Aardbei${suffix}`;
    const tokenB = `Bosbes${suffix}`;
    let a: string;
    let b: string;
    let meetingId: string;

    beforeAll(async () => {
      t = await setUpTeam();
      other = await createTeam(api.dataSource);
      otherChair = await api.login(other.users.municipality);
      a = await t.register(nameA, tokenA, { birthDate: '1980-05-17', bsn: '111222333' });
      b = await t.register(nameB, tokenB, { birthDate: '1975-01-02' });
      meetingId = await t.plan();
      // Both on the agenda of one meeting, each with the chair's note.
      t.ok(
        await request(api.http)
          .put(`/api/meetings/${meetingId}/agenda`)
          .set(t.auth.chair)
          .send({
            items: [
              { clientId: a, note: `Agenda ${tokenA}` },
              { clientId: b, note: `Agenda ${tokenB}` },
            ],
          }),
      );
      await t.fill(meetingId, a, tokenA, { include: true });
      await t.fill(meetingId, b, tokenB, { include: true });
      await t.event(a, { type: 'CONSENT_GIVEN', scope: `Toestemming ${tokenA} voor de casusoverleg` });
      await t.event(a, { type: 'TREATMENT_AGREED', treatment: 'clinical_detox' });
      await t.event(a, { type: 'CONTACT_LOGGED', channel: 'visit', note: `Contact ${tokenA} thuis` });
      await t.event(b, { type: 'CONSENT_GIVEN', scope: `Toestemming ${tokenB}` });
      // Reads that land in the access log: one of A by the police, and a list naming both A and B.
      t.ok(await request(api.http).get(`/api/clients/${a}`).set(t.auth.police));
      t.ok(await request(api.http).get(`/api/clients/${b}`).set(t.auth.police));
      t.ok(await request(api.http).get('/api/clients').set(t.auth.chair));
    });

    it('gives the chair everything about the client, as stable JSON with ISO dates', async () => {
      const response = await request(api.http).get(`/api/clients/${a}/export`).set(t.auth.chair);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="koers-gegevens-${a}.json"`);
      expect(response.headers['cache-control']).toMatch(/no-store/);
      const data = response.body as ClientExport;

      expect(data).toMatchObject({ format: 'koers.client-export', version: 1 });
      expect(Object.keys(data)).toEqual([
        'format',
        'version',
        'generatedAt',
        'generatedBy',
        'client',
        'trajectory',
        'deadlines',
        'notifications',
        'journal',
        'meetings',
        'actions',
        'intake',
        'invitations',
        'accessLog',
        'legalBasis',
        'recovery',
        'budget',
      ]);
      expect(data.generatedBy).toMatchObject({ displayName: 'Test municipality', partyKind: 'municipality' });
      expect(data.client).toMatchObject({
        id: a,
        displayName: nameA,
        birthDate: '1980-05-17',
        bsn: '111222333',
        anonymisedAt: null,
        team: { id: t.team.teamId },
        createdBy: { displayName: 'Test municipality' },
      });

      // The trajectory: state, context with the decisions' reasons, and the full history with payloads.
      expect(data.trajectory).toMatchObject({
        stage: 'waiting_list',
        stageLabel: 'Wachtlijst',
        closedAt: null,
      });
      expect(data.trajectory.context).toMatchObject({
        treatment: 'clinical_detox',
        contacts: 1,
        legalBasis: { kind: 'consent', scope: `Toestemming ${tokenA} voor de casusoverleg` },
        inclusion: {
          included: true,
          reasons: `Onderbouwing ${tokenA}: ernstige verslaving, inwoner, overlast.`,
        },
      });
      expect(data.trajectory.history.map((e) => e.type)).toEqual([
        'SIGNAL_REGISTERED',
        'INCLUSION_DECIDED',
        'CONSENT_GIVEN',
        'TREATMENT_AGREED',
        'CONTACT_LOGGED',
      ]);
      expect(data.trajectory.history[0]).toMatchObject({
        seq: 1,
        typeLabel: 'Signaal ingebracht',
        fromStage: null,
        toStage: 'signal',
        by: { displayName: 'Test municipality', partyKind: 'municipality' },
        payload: { source: 'police', description: `Signaal ${tokenA}: overlast in de flat.` },
      });
      expect(data.trajectory.history[4].payload).toEqual({
        channel: 'visit',
        note: `Contact ${tokenA} thuis`,
      });

      // Deadlines with their ladder, the action's among them.
      expect(data.deadlines.map((d) => d.kind)).toEqual(
        expect.arrayContaining(['inclusion_decision', 'action_due']),
      );
      expect(data.deadlines.every((d) => d.steps.length > 0)).toBe(true);
      expect(data.deadlines[0].steps[0]).toEqual(
        expect.objectContaining({ step: expect.any(String), fireAt: expect.stringMatching(ISO_INSTANT) }),
      );

      // The police note told addiction care: titles only.
      expect(data.notifications).toEqual([
        expect.objectContaining({
          topic: 'journal.police_note',
          recipient: expect.objectContaining({ partyKind: 'addiction_care' }),
        }),
      ]);
      expect(Object.keys(data.notifications[0]).sort()).toEqual([
        'createdAt',
        'id',
        'readAt',
        'recipient',
        'title',
        'topic',
      ]);

      expect(data.journal.map((j) => j.text)).toEqual(
        expect.arrayContaining([`Journaal ${tokenA}: gebruikt weer.`, `Politie ${tokenA}: aangehouden.`]),
      );
      expect(data.journal).toHaveLength(2);
      expect(data.journal.find((j) => j.kind === 'police_contact')).toMatchObject({
        kindLabel: 'Politiecontact',
        category: 'justice',
        author: { displayName: 'Test police', partyKind: 'police' },
      });

      // The meeting: only A's agenda item and A's records.
      expect(data.meetings).toHaveLength(1);
      expect(data.meetings[0]).toMatchObject({
        meetingId,
        status: 'planned',
        agendaItem: { position: 1, note: `Agenda ${tokenA}` },
      });
      expect(data.meetings[0].records.map((r) => [r.kind, r.text, r.reasons])).toEqual([
        ['note', `Notitie ${tokenA}: wijkagent houdt contact.`, null],
        ['decision', `Besluit ${tokenA}`, `Onderbouwing ${tokenA}: ernstige verslaving, inwoner, overlast.`],
      ]);
      expect(data.meetings[0].records[1]).toMatchObject({ decisionType: 'inclusion', eventSeq: 2 });

      expect(data.actions).toEqual([
        expect.objectContaining({
          meetingId,
          description: `Actie ${tokenA}: aanmelden bij de kliniek.`,
          owner: { partyKind: 'addiction_care', person: null },
          status: 'open',
          dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      ]);
      expect(data.intake).toEqual([
        expect.objectContaining({
          partyKind: 'addiction_care',
          partyLabel: 'Verslavingszorg',
          answers: {
            facts: `Feiten ${tokenA}: detox afgebroken.`,
            inViewSince: '2025-01-01',
            lifeDomains: { housing: `Wonen ${tokenA}` },
          },
        }),
      ]);
      expect(data.invitations).toEqual([
        expect.objectContaining({
          party: expect.objectContaining({ kind: 'housing_corporation' }),
          scope: ['housing'],
          reason: `Woning ${tokenA} regelen.`,
          invitedBy: expect.objectContaining({ displayName: 'Test addiction_care' }),
          revokedAt: null,
        }),
      ]);

      // The access log: who looked, when, what categories; the police read and the chair's list are there.
      const police = data.accessLog.find(
        (row) => row.accessPoint === 'GET /api/clients/:id' && row.user.partyKind === 'police',
      );
      expect(police).toMatchObject({
        event: 'read',
        result: 'ok',
        status: 200,
        user: { displayName: 'Test police' },
      });
      expect(police?.categories).toEqual(['identity', 'trajectory', 'justice', 'housing']);
      expect(
        data.accessLog.some((row) => row.event === 'search' && row.accessPoint === 'GET /api/clients'),
      ).toBe(true);
      expect(Object.keys(data.accessLog[0]).sort()).toEqual(
        [
          'accessPoint',
          'categories',
          'event',
          'id',
          'legalBasis',
          'occurredAt',
          'responsibleUserId',
          'result',
          'status',
          'user',
        ].sort(),
      );

      // Every instant is ISO 8601 in UTC.
      const found = instants(data);
      expect(found.length).toBeGreaterThan(30);
      for (const [path, value] of found) {
        if (value !== null) expect([path, value]).toEqual([path, expect.stringMatching(ISO_INSTANT)]);
      }
    });

    it('contains nothing of another client in the same team and meeting', async () => {
      const response = await request(api.http).get(`/api/clients/${a}/export`).set(t.auth.chair);
      const text = response.text;
      expect(text).toContain(nameA);
      for (const forbidden of [b, b.toUpperCase(), nameB, 'Bert Anderclient', tokenB])
        expect(text).not.toContain(forbidden);
      // The list row in the access log named both clients; the export shows the row, not the other id.
      const both = await api.dataSource.query(
        `SELECT id::text FROM audit_log WHERE client_ids @> ARRAY[$1::uuid, $2::uuid]`,
        [a, b],
      );
      expect(both.length).toBeGreaterThan(0);
      const exported = (response.body as ClientExport).accessLog.map((row) => row.id);
      for (const row of both) expect(exported).toContain(row.id);

      // And B's own export has B's, not A's.
      const ofB = await request(api.http).get(`/api/clients/${b}/export`).set(t.auth.chair);
      expect(ofB.status).toBe(200);
      expect(ofB.text).toContain(tokenB);
      for (const forbidden of [a, nameA, tokenA, '111222333']) expect(ofB.text).not.toContain(forbidden);
    });

    it('is a readable Dutch PDF with the client’s name and file', async () => {
      const response = await request(api.http)
        .get(`/api/clients/${a}/export?format=pdf`)
        .set(t.auth.chair)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="koers-gegevens-${a}.pdf"`);
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
      const text = pdfText(pdf);
      for (const expected of [
        'Overzicht van uw gegevens',
        nameA,
        '1. Persoonsgegevens',
        'Geboortedatum:17 mei 1980',
        'BSN:111222333',
        'Wachtlijst',
        'Signaal ingebracht',
        `Onderbouwing ${tokenA}: ernstige verslaving, inwoner, overlast.`,
        `Journaal ${tokenA}: gebruikt weer.`,
        `Actie ${tokenA}: aanmelden bij de kliniek.`,
        `Feiten ${tokenA}: detox afgebroken.`,
        `Woning ${tokenA} regelen.`,
        'Wie uw gegevens inzag of vastlegde',
        'Test police (Politie): ingezien, toegestaan',
      ])
        expect(text).toContain(squashed(expected));
      expect(text).not.toContain(squashed(nameB));
      expect(text).not.toContain(tokenB);
    });

    it('is for the chair of the client’s casusoverleg only: 403 for others who see the client, 404 outside scope', async () => {
      const status = async (auth: Auth, id = a, query = '') =>
        (await request(api.http).get(`/api/clients/${id}/export${query}`).set(auth)).status;
      expect(await status(t.auth.police)).toBe(403);
      expect(await status(t.auth.care)).toBe(403);
      // The housing corporation is invited to A (so it sees A, within its scope) but not to another client.
      const housing = await api.login(t.team.users.housing_corporation);
      expect((await request(api.http).get(`/api/clients/${a}`).set(housing)).status).toBe(200);
      expect(await status(housing)).toBe(403);
      const c = await t.register(`Demo Cor Niet-uitgenodigd ${suffix}`, 'x-token');
      expect(await status(housing, c)).toBe(404);
      expect(await status(otherChair)).toBe(404);
      expect(await status(t.auth.chair, randomUUID())).toBe(404);
      expect(await status(t.auth.chair, a, '?format=docx')).toBe(400);
      expect(await status(t.auth.chair, 'not-a-uuid')).toBe(400);
      expect((await request(api.http).get(`/api/clients/${a}/export`)).status).toBe(401);
    });

    it('is in the access log: an export of all categories naming only this client; refusals too', async () => {
      const response = await request(api.http).get(`/api/clients/${a}/export`).set(t.auth.chair);
      const [row] = await api.dataSource.query(
        `SELECT event, client_ids::text[] AS client_ids, access_point, categories, result, status, party_kind
           FROM audit_log WHERE request_id = $1`,
        [response.headers['x-request-id']],
      );
      expect(row).toEqual({
        event: 'export',
        client_ids: [a],
        access_point: 'GET /api/clients/:id/export',
        categories: [...DATA_CATEGORIES],
        result: 'ok',
        status: 200,
        party_kind: 'municipality',
      });
      const refused = await request(api.http).get(`/api/clients/${a}/export?format=pdf`).set(t.auth.police);
      const [refusal] = await api.dataSource.query(
        `SELECT event, client_ids::text[] AS client_ids, result, status FROM audit_log WHERE request_id = $1`,
        [refused.headers['x-request-id']],
      );
      expect(refusal).toEqual({ event: 'export', client_ids: [a], result: 'refused', status: 403 });
      // The next export lists the earlier one.
      const again = (await request(api.http).get(`/api/clients/${a}/export`).set(t.auth.chair))
        .body as ClientExport;
      expect(
        again.accessLog.filter((r) => r.event === 'export' && r.result === 'ok').length,
      ).toBeGreaterThanOrEqual(2);
      expect(again.accessLog.some((r) => r.event === 'export' && r.status === 403)).toBe(true);
    });
  });

  describe('anonymisation after the retention period', () => {
    let t: Awaited<ReturnType<typeof setUpTeam>>;
    const suffix = randomUUID().slice(0, 6);
    const names = {
      old: `Demo Oskar Oudgesloten ${suffix}`,
      recent: `Demo Rita Recentdicht ${suffix}`,
      open: `Demo Otto Openstaand ${suffix}`,
    };
    const tokens = { old: `Ouderwets${suffix}`, recent: `Recentelijk${suffix}`, open: `Openhartig${suffix}` };
    const ids = { old: '', recent: '', open: '' };
    let service: ClientAnonymisationService;
    let before: { history: { seq: number; type: string; at: string }[]; counts: Record<string, number> };

    const counts = async (clientId: string) => {
      const [row] = await api.dataSource.query(
        `SELECT (SELECT count(*)::int FROM journal_entry WHERE client_id = $1) AS journal,
                (SELECT count(*)::int FROM meeting_record WHERE client_id = $1) AS records,
                (SELECT count(*)::int FROM action WHERE client_id = $1) AS actions,
                (SELECT count(*)::int FROM case_intake WHERE client_id = $1) AS intake,
                (SELECT count(*)::int FROM client_invitation WHERE client_id = $1) AS invitations,
                (SELECT count(*)::int FROM notification WHERE client_id = $1) AS notifications,
                (SELECT count(*)::int FROM deadline d JOIN trajectory t ON t.id = d.trajectory_id WHERE t.client_id = $1) AS deadlines,
                (SELECT count(*)::int FROM trajectory_event e JOIN trajectory t ON t.id = e.trajectory_id WHERE t.client_id = $1) AS events,
                (SELECT count(*)::int FROM audit_log WHERE client_ids @> ARRAY[$1::uuid]) AS audit`,
        [clientId],
      );
      return row as Record<string, number>;
    };
    const detail = async (clientId: string) =>
      t.ok(await request(api.http).get(`/api/clients/${clientId}`).set(t.auth.chair));
    /** Rows of any table in the schema whose text contains `needle`, per table. */
    const tablesContaining = async (needle: string): Promise<Record<string, number>> => {
      const tables: { table_name: string }[] = await api.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      const hits: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [{ n }] = await api.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table_name}" x WHERE x::text ILIKE '%' || $1 || '%'`,
          [needle],
        );
        if (n > 0) hits[table_name] = n;
      }
      return hits;
    };

    beforeAll(async () => {
      t = await setUpTeam();
      service = new ClientAnonymisationService(api.dataSource, new SystemClock(), {
        clientRetentionMonths: 24,
      });
      ids.old = await t.register(names.old, tokens.old, { birthDate: '1970-03-03', bsn: '111222333' });
      ids.recent = await t.register(names.recent, tokens.recent, { birthDate: '1990-09-09' });
      ids.open = await t.register(names.open, tokens.open);
      const meetingId = await t.plan();
      t.ok(
        await request(api.http)
          .put(`/api/meetings/${meetingId}/agenda`)
          .set(t.auth.chair)
          .send({
            items: [
              { clientId: ids.old, note: `Agenda ${tokens.old}` },
              { clientId: ids.recent, note: `Agenda ${tokens.recent}` },
            ],
          }),
      );
      for (const key of ['old', 'recent', 'open'] as const) {
        const actionId = await t.fill(meetingId, ids[key], tokens[key], { include: key !== 'recent' });
        t.ok(
          await request(api.http)
            .post(`/api/actions/${actionId}/done`)
            .set(t.auth.chair)
            .send({ note: `Klaar ${tokens[key]}` }),
        );
      }
      // Old: included, consent, treatment, a contact, then closed (dropped out, still using).
      await t.event(ids.old, { type: 'CONSENT_GIVEN', scope: `Toestemming ${tokens.old}` });
      await t.event(ids.old, { type: 'TREATMENT_AGREED', treatment: 'ambulatory' });
      await t.event(ids.old, { type: 'CONTACT_LOGGED', channel: 'call', note: `Gebeld ${tokens.old}` });
      await t.event(ids.old, { type: 'TRAJECTORY_CLOSED', reason: 'dropped_out', stillUsing: 'yes' });
      // Recent: included, then refused consent (a closure with a free-text explanation).
      await t.event(ids.recent, {
        type: 'INCLUSION_DECIDED',
        included: true,
        criteria: ['serious_substance_use_disorder', 'resident', 'cannot_find_regular_care'],
        reasons: `Insluiten ${tokens.recent}: vindt geen aansluiting.`,
      });
      await t.event(ids.recent, { type: 'CONSENT_REFUSED', reason: `Weigert ${tokens.recent}` });
      // The old one closed 25 months ago, the recent one 23; the open one was opened five years ago.
      await api.dataSource.query(
        `UPDATE trajectory SET closed_at = now() - interval '25 months' WHERE client_id = $1`,
        [ids.old],
      );
      await api.dataSource.query(
        `UPDATE trajectory SET closed_at = now() - interval '23 months' WHERE client_id = $1`,
        [ids.recent],
      );
      await api.dataSource.query(
        `UPDATE trajectory SET opened_at = now() - interval '5 years' WHERE client_id = $1`,
        [ids.open],
      );
      // Someone read the old file (the access log keeps it).
      t.ok(await request(api.http).get(`/api/clients/${ids.old}`).set(t.auth.police));
      const history = (await detail(ids.old)).trajectory.history as {
        seq: number;
        type: string;
        at: string;
      }[];
      before = {
        history: history.map(({ seq, type, at }) => ({ seq, type, at })),
        counts: await counts(ids.old),
      };
      expect(await tablesContaining(tokens.old)).not.toEqual({});
    });

    it('anonymises an old closed trajectory: no name, no free text anywhere, report facts kept', async () => {
      const result = await service.run();
      expect(result).toMatchObject({ retentionMonths: 24, failures: 0 });
      expect(result.anonymised).toBeGreaterThanOrEqual(1);

      const [client] = await api.dataSource.query(
        `SELECT display_name, birth_date, bsn, anonymised_at FROM client WHERE id = $1`,
        [ids.old],
      );
      expect(client).toMatchObject({ display_name: ANONYMISED_NAME, birth_date: null, bsn: null });
      expect(client.anonymised_at).toBeInstanceOf(Date);

      // Nothing of the name, the birth date's client, the BSN or any free text is left, in any table.
      expect(await tablesContaining(names.old)).toEqual({});
      expect(await tablesContaining('Oskar Oudgesloten')).toEqual({});
      expect(await tablesContaining(tokens.old)).toEqual({});

      // Every row is still there (the access log too), and what the reports need is kept.
      expect(await counts(ids.old)).toEqual(before.counts);
      const after = await detail(ids.old);
      expect(after.client).toMatchObject({ displayName: ANONYMISED_NAME, birthDate: null, hasBsn: false });
      expect(after.trajectory).toMatchObject({ stage: 'closed', closedAt: expect.any(String) });
      expect(after.trajectory.context).toMatchObject({
        closure: { reason: 'dropped_out', stillUsing: 'yes' },
        treatment: 'ambulatory',
        contacts: 1,
        inclusion: {
          included: true,
          criteria: ['serious_substance_use_disorder', 'resident', 'substance_related_offences'],
          reasons: ANONYMISED_TEXT,
        },
        legalBasis: { kind: 'consent', scope: ANONYMISED_TEXT },
      });
      const history = after.trajectory.history as {
        seq: number;
        type: string;
        at: string;
        fromStage: string | null;
        toStage: string;
        payload: Record<string, unknown>;
      }[];
      expect(history.map(({ seq, type, at }) => ({ seq, type, at }))).toEqual(before.history);
      expect(history.map((e) => e.toStage)).toEqual([
        'signal',
        'consent',
        'motivation',
        'waiting_list',
        'waiting_list',
        'closed',
      ]);
      expect(history.find((e) => e.type === 'TRAJECTORY_CLOSED')?.payload).toEqual({
        reason: 'dropped_out',
        stillUsing: 'yes',
      });
      expect(history.find((e) => e.type === 'TREATMENT_AGREED')?.payload).toEqual({
        treatment: 'ambulatory',
      });
      expect(history.find((e) => e.type === 'CONTACT_LOGGED')?.payload).toEqual({
        channel: 'call',
        note: ANONYMISED_TEXT,
      });
      expect(history.find((e) => e.type === 'SIGNAL_REGISTERED')?.payload).toEqual({
        source: 'police',
        description: ANONYMISED_TEXT,
      });
      const [events] = await api.dataSource.query(
        `SELECT count(*) FILTER (WHERE e.anonymised_at IS NULL)::int AS left FROM trajectory_event e
           JOIN trajectory t ON t.id = e.trajectory_id WHERE t.client_id = $1`,
        [ids.old],
      );
      expect(events.left).toBe(0);
      const [journal] = await api.dataSource.query(
        `SELECT array_agg(DISTINCT kind ORDER BY kind) AS kinds, array_agg(DISTINCT text) AS texts FROM journal_entry WHERE client_id = $1`,
        [ids.old],
      );
      expect(journal).toEqual({ kinds: ['contact_moment', 'police_contact'], texts: [ANONYMISED_TEXT] });
      const [intake] = await api.dataSource.query(`SELECT answers FROM case_intake WHERE client_id = $1`, [
        ids.old,
      ]);
      expect(intake.answers).toEqual({
        facts: ANONYMISED_TEXT,
        inViewSince: '2025-01-01',
        lifeDomains: { housing: ANONYMISED_TEXT },
      });
      const [decision] = await api.dataSource.query(
        `SELECT decision_type, event_seq, text, reasons FROM meeting_record WHERE client_id = $1 AND kind = 'decision'`,
        [ids.old],
      );
      expect(decision).toEqual({
        decision_type: 'inclusion',
        event_seq: 2,
        text: ANONYMISED_TEXT,
        reasons: ANONYMISED_TEXT,
      });

      // The chair can still export it: what is left.
      const exported = await request(api.http).get(`/api/clients/${ids.old}/export`).set(t.auth.chair);
      expect(exported.status).toBe(200);
      expect(exported.body.client).toMatchObject({
        displayName: ANONYMISED_NAME,
        anonymisedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(exported.text).not.toContain(tokens.old);
    });

    it('leaves recent and open trajectories alone', async () => {
      const untouched = {
        trajectory: 1,
        trajectory_event: expect.any(Number),
        journal_entry: 2,
        meeting_record: 2,
        action: 1,
        case_intake: 1,
        client_invitation: 1,
      };
      for (const key of ['recent', 'open'] as const) {
        const [client] = await api.dataSource.query(
          `SELECT display_name, birth_date, anonymised_at FROM client WHERE id = $1`,
          [ids[key]],
        );
        expect(client).toMatchObject({ display_name: names[key], anonymised_at: null });
        expect(await tablesContaining(tokens[key])).toEqual(
          key === 'recent' ? { ...untouched, meeting: 1 } : untouched,
        );
      }
      expect((await detail(ids.recent)).trajectory.context.closure).toEqual({
        reason: 'declined',
        stillUsing: 'unknown',
        explanation: `Weigert ${tokens.recent}`,
      });
      // With a shorter retention the recent one is due.
      const shorter = new ClientAnonymisationService(api.dataSource, new SystemClock(), {
        clientRetentionMonths: 12,
      });
      await shorter.run();
      const [recent] = await api.dataSource.query(`SELECT display_name FROM client WHERE id = $1`, [
        ids.recent,
      ]);
      expect(recent.display_name).toBe(ANONYMISED_NAME);
      expect(await tablesContaining(tokens.recent)).toEqual({});
      expect((await detail(ids.recent)).trajectory.context.closure).toEqual({
        reason: 'declined',
        stillUsing: 'unknown',
        explanation: ANONYMISED_TEXT,
      });
      const [open] = await api.dataSource.query(
        `SELECT display_name, anonymised_at FROM client WHERE id = $1`,
        [ids.open],
      );
      expect(open).toEqual({ display_name: names.open, anonymised_at: null });
      expect(await tablesContaining(tokens.open)).toEqual(untouched);
    });

    it('is idempotent and records each run', async () => {
      const snapshot = async () =>
        api.dataSource.query(
          `SELECT c.display_name, c.anonymised_at, t.snapshot, t.updated_at,
                  (SELECT json_agg(json_build_object('p', e.payload, 'a', e.anonymised_at) ORDER BY e.seq)
                     FROM trajectory_event e WHERE e.trajectory_id = t.id) AS events
             FROM client c JOIN trajectory t ON t.client_id = c.id WHERE c.id = $1`,
          [ids.old],
        );
      const first = await snapshot();
      const runsBefore = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM client_anonymisation_run`,
      );
      const again = await service.run();
      expect(again.anonymised).toBe(0);
      expect(await snapshot()).toEqual(first);
      expect(await service.anonymise(ids.old, new Date())).toBe(false);
      const [runs] = await api.dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE finished_at IS NULL)::int AS unfinished FROM client_anonymisation_run`,
      );
      expect(runs).toEqual({ n: runsBefore[0].n + 1, unfinished: 0 });
      const [last] = await api.dataSource.query(
        `SELECT retention_months, clients, failures, cutoff < started_at AS cutoff_before FROM client_anonymisation_run ORDER BY id DESC LIMIT 1`,
      );
      expect(last).toEqual({ retention_months: 24, clients: 0, failures: 0, cutoff_before: true });
    });

    it('keeps the history append-only: only the anonymisation exception passes, once, on a closed trajectory', async () => {
      const eventOf = async (clientId: string) =>
        (
          await api.dataSource.query(
            `SELECT e.id::text AS id FROM trajectory_event e JOIN trajectory t ON t.id = e.trajectory_id
              WHERE t.client_id = $1 ORDER BY e.seq LIMIT 1`,
            [clientId],
          )
        )[0].id as string;
      const oldEvent = await eventOf(ids.old);
      const openEvent = await eventOf(ids.open);
      const refuse = (sql: string, values: unknown[], anonymising = false) =>
        expect(
          api.dataSource.transaction(async (manager) => {
            if (anonymising) await manager.query(`SELECT set_config('koers.anonymising', 'on', true)`);
            await manager.query(sql, values);
          }),
        ).rejects.toThrow(/append-only/);

      // Ordinary changes, as always.
      await refuse(`UPDATE trajectory_event SET payload = '{}' WHERE id = $1`, [openEvent]);
      await refuse(`UPDATE trajectory_event SET occurred_at = now() WHERE id = $1`, [oldEvent]);
      await refuse(`DELETE FROM trajectory_event WHERE id = $1`, [oldEvent]);
      await refuse(`TRUNCATE trajectory_event`, []);
      // Even with the setting: not on an open trajectory, not twice, not other columns, not new keys, never DELETE.
      await refuse(
        `UPDATE trajectory_event SET payload = '{}', anonymised_at = now() WHERE id = $1`,
        [openEvent],
        true,
      );
      await refuse(
        `UPDATE trajectory_event SET payload = '{}', anonymised_at = now() WHERE id = $1`,
        [oldEvent],
        true,
      );
      await refuse(`DELETE FROM trajectory_event WHERE id = $1`, [oldEvent], true);
      await refuse(`TRUNCATE trajectory_event`, [], true);
      const c = await t.register(`Demo Tina Triggertest ${suffix}`, 'trigger');
      await t.event(c, {
        type: 'INCLUSION_DECIDED',
        included: false,
        criteria: ['resident'],
        reasons: 'Geen ernstige verslavingsproblematiek vastgesteld.',
      });
      const closedEvent = await eventOf(c);
      await refuse(
        `UPDATE trajectory_event SET type = 'X', anonymised_at = now() WHERE id = $1`,
        [closedEvent],
        true,
      );
      await refuse(
        `UPDATE trajectory_event SET payload = payload || '{"extra": "x"}', anonymised_at = now() WHERE id = $1`,
        [closedEvent],
        true,
      );
      await refuse(`UPDATE trajectory_event SET payload = '{}' WHERE id = $1`, [closedEvent], true);
      // The one exception, inside a transaction that says so; the setting does not outlive it.
      await api.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('koers.anonymising', 'on', true)`);
        await manager.query(
          `UPDATE trajectory_event SET payload = '{}', anonymised_at = now() WHERE id = $1`,
          [closedEvent],
        );
      });
      await refuse(`UPDATE trajectory_event SET payload = '{}' WHERE id = $1`, [closedEvent]);
      const [{ setting }] = await api.dataSource.query(
        `SELECT current_setting('koers.anonymising', true) AS setting`,
      );
      expect(setting === null || setting === '' || setting === 'off').toBe(true);
    });

    it('runs in the worker: once at start, then daily, with the retention period from the environment', async () => {
      expect(WorkerModule.register(process.env).imports).toContain(ClientRightsWorkerModule);
      expect(loadConfig({ DATABASE_URL: testDatabaseUrl() }).clientRetentionMonths).toBe(24);
      expect(
        loadConfig({ DATABASE_URL: testDatabaseUrl(), CLIENT_RETENTION_MONTHS: '60' }).clientRetentionMonths,
      ).toBe(60);
      expect(() => loadConfig({ DATABASE_URL: testDatabaseUrl(), CLIENT_RETENTION_MONTHS: '0' })).toThrow(
        /CLIENT_RETENTION_MONTHS/,
      );

      const due = await t.register(`Demo Wim Workerdue ${suffix}`, 'worker');
      await t.event(due, {
        type: 'INCLUSION_DECIDED',
        included: false,
        criteria: ['resident'],
        reasons: 'Geen verslavingsproblematiek.',
      });
      await api.dataSource.query(
        `UPDATE trajectory SET closed_at = now() - interval '7 months' WHERE client_id = $1`,
        [due],
      );

      @Module({
        imports: [
          ConfigModule.forRoot({ DATABASE_URL: testDatabaseUrl(), CLIENT_RETENTION_MONTHS: '6' }),
          ClockModule,
          PersistenceModule,
          ClientRightsWorkerModule,
        ],
      })
      class AnonymisationWorker {}
      const worker = await NestFactory.createApplicationContext(AnonymisationWorker, { logger: ['error'] });
      try {
        await worker.get(ClientAnonymisationSweeper).current;
        const [client] = await api.dataSource.query(`SELECT display_name FROM client WHERE id = $1`, [due]);
        expect(client.display_name).toBe(ANONYMISED_NAME);
        const [run] = await api.dataSource.query(
          `SELECT retention_months, finished_at FROM client_anonymisation_run ORDER BY id DESC LIMIT 1`,
        );
        expect(run.retention_months).toBe(6);
        expect(run.finished_at).toBeInstanceOf(Date);
      } finally {
        await worker.close();
      }
    });
  });
});
