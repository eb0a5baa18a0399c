import request from 'supertest';
import { ManualClock } from '@koers/clock';
import { loadConfig } from '@koers/config';
import { NotificationMailService, SmtpMailer } from '@koers/notifications';
import { NotificationMailSweeper } from '../libs/notifications/src/notification-mail.sweeper';
import { ApiHarness, startApi } from './support/api-harness';
import { createTeam, TeamFixture } from './support/fixtures';
import { waitFor } from './support/processes';
import { ReceivedMail, startSmtpCatcher } from './support/smtp-catcher';
import { testDatabaseUrl } from './support/test-database';

type Auth = { Authorization: string };

const CLIENT_NAME = 'Demo J. Dagboeknaam';
const POLICE_TEXT = 'Aangehouden bij de Vismarkt na een melding van burenoverlast; had GHB bij zich.';

/** Quoted-printable (and Q-encoding) bytes to text. */
const unquote = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** The headers and body of a mail as a reader sees them (nodemailer's encoded words and quoted-printable undone). */
function decodeMail(raw: string): string {
  const [head, ...body] = raw.replace(/\r\n/g, '\n').split('\n\n');
  const headers = head
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not part of the text
    .replace(/\n[ \t]+/g, ' ') // unfold
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : unquote(text.replace(/_/g, ' ')),
    );
  return `${headers}\n\n${unquote(body.join('\n\n').replace(/=\n/g, ''))}`;
}

/** The client journal between meetings: who writes and reads it, what it refuses, and the police note. */
describe('client journal API (e2e)', () => {
  let api: ApiHarness;
  let team: TeamFixture;
  let chair: Auth;
  let police: Auth;
  let care: Auth;
  let clientId: string;
  const ids: Record<string, string> = {};

  const userId = async (username: string): Promise<string> =>
    (await api.dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username]))[0].id;

  /** A second participant of an existing party of the team (e.g. another outreach worker). */
  const addColleague = async (of: string, username: string, displayName: string): Promise<string> => {
    const [user] = await api.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, party_id, role)
       SELECT $2, $3, password_hash, party_id, 'member' FROM app_user WHERE username = $1 RETURNING id`,
      [of, username, displayName],
    );
    await api.dataSource.query(`INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)`, [
      team.teamId,
      user.id,
    ]);
    return user.id;
  };

  const write = (auth: Auth, body: Record<string, unknown>, client = clientId) =>
    request(api.http).post(`/api/clients/${client}/journal`).set(auth).send(body);
  const read = (auth: Auth, client = clientId) =>
    request(api.http).get(`/api/clients/${client}/journal`).set(auth);
  const entryCount = async () =>
    Number((await api.dataSource.query(`SELECT count(*) FROM journal_entry`))[0].count);

  const newClient = async (auth: Auth): Promise<string> => {
    const response = await request(api.http)
      .post('/api/clients')
      .set(auth)
      .send({
        displayName: CLIENT_NAME,
        signal: { source: 'police', description: 'Overlast en zorgen over GHB-gebruik in de woning.' },
      });
    expect(response.status).toBe(201);
    return response.body.client.id;
  };

  beforeAll(async () => {
    api = await startApi();
    team = await createTeam(api.dataSource);
    for (const [kind, username] of Object.entries(team.users)) ids[kind] = await userId(username);
    chair = await api.login(team.users.municipality);
    police = await api.login(team.users.police);
    care = await api.login(team.users.addiction_care);
    clientId = await newClient(chair);
  });
  afterAll(() => api.close());

  describe('writing and reading', () => {
    it('records who wrote what, from the session, and lists the journal newest first', async () => {
      const earlier = await write(care, {
        kind: 'contact_moment',
        category: 'health',
        text: '  Huisbezoek: cliënt wil praten over een detox, twijfelt nog over opname.  ',
        occurredAt: '2026-01-05',
      });
      expect(earlier.status).toBe(201);
      expect(earlier.body).toMatchObject({
        clientId,
        kind: 'contact_moment',
        kindLabel: 'Contactmoment',
        category: 'health',
        categoryLabel: 'Gezondheid en middelengebruik',
        text: 'Huisbezoek: cliënt wil praten over een detox, twijfelt nog over opname.',
        occurredAt: '2026-01-05',
        authorId: ids.addiction_care,
        authorName: 'Test addiction_care',
        partyKind: 'addiction_care',
      });

      const later = await write(police, {
        kind: 'police_contact',
        category: 'justice',
        text: POLICE_TEXT,
        occurredAt: '2026-01-05T14:30:00+01:00',
      });
      expect(later.status).toBe(201);
      expect(later.body).toMatchObject({
        occurredAt: '2026-01-05T13:30:00.000Z',
        authorName: 'Test police',
        partyKind: 'police',
      });

      const network = await write(chair, {
        kind: 'network_signal',
        category: 'network',
        text: 'Zus belde: cliënt is sinds een week niet thuis geweest.',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(network.status).toBe(201);

      for (const auth of [chair, care]) {
        const journal = await read(auth);
        expect(journal.status).toBe(200);
        expect(journal.body.map((e: { id: string }) => e.id)).toEqual([
          network.body.id,
          later.body.id,
          earlier.body.id,
        ]);
      }
      // Need-to-know: the police does not read the health entry.
      const policeJournal = await read(police);
      expect(policeJournal.body.map((e: { id: string }) => e.id)).toEqual([network.body.id, later.body.id]);
      const [entry] = (await read(care)).body;
      expect(Object.keys(entry).sort()).toEqual(
        [
          'authorId',
          'authorName',
          'category',
          'categoryLabel',
          'clientId',
          'id',
          'kind',
          'kindLabel',
          'occurredAt',
          'partyKind',
          'partyName',
          'recordedAt',
          'text',
        ].sort(),
      );
    });

    it('accepts every kind and category of the closed sets', async () => {
      const kinds = ['contact_moment', 'police_contact', 'network_signal', 'nuisance_report', 'note'];
      const categories = ['general', 'health', 'justice', 'housing', 'finances', 'network'];
      for (const [i, kind] of kinds.entries()) {
        const response = await write(care, {
          kind,
          category: categories[i],
          text: `Notitie nummer ${i} voor het dossier.`,
          occurredAt: '2026-01-01',
        });
        expect(response.status).toBe(201);
      }
    });
  });

  describe('who may', () => {
    it('answers 404 to anyone outside the casusoverleg, and for unknown clients', async () => {
      const other = await createTeam(api.dataSource);
      const outsider = await api.login(other.users.police);
      const outsiderChair = await api.login(other.users.municipality);
      const before = await entryCount();
      const body = {
        kind: 'police_contact',
        category: 'justice',
        text: 'Ik probeer in een dossier van een ander team te schrijven.',
        occurredAt: '2026-01-05',
      };
      for (const auth of [outsider, outsiderChair]) {
        expect((await write(auth, body)).status).toBe(404);
        expect((await read(auth)).status).toBe(404);
      }
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await write(police, body, unknown)).status).toBe(404);
      expect((await read(police, unknown)).status).toBe(404);
      expect((await read(police, 'not-a-uuid')).status).toBe(400);
      expect((await request(api.http).get(`/api/clients/${clientId}/journal`)).status).toBe(401);
      expect(await entryCount()).toBe(before);
      // Their own client's journal is theirs, and ours stays out of it.
      const theirs = await newClient(outsiderChair);
      expect((await write(outsider, body, theirs)).status).toBe(201);
      expect((await read(care, theirs)).status).toBe(404);
    });
  });

  describe('bad input', () => {
    const valid = {
      kind: 'note',
      category: 'general',
      text: 'Een notitie die iets zegt over de situatie.',
      occurredAt: '2026-01-05',
    };
    const tomorrow = new Date(Date.now() + 36 * 3_600_000).toISOString().slice(0, 10);

    it.each([
      ['no kind', { kind: undefined }, 'kind'],
      ['an unknown kind', { kind: 'gossip' }, 'kind'],
      ['an unknown category', { category: 'religion' }, 'category'],
      ['no category', { category: undefined }, 'category'],
      ['a text that says nothing', { text: 'ok' }, 'text'],
      ['blank text', { text: '          ' }, 'text'],
      ['a text too long', { text: 'lang verhaal '.repeat(400) }, 'text'],
      ['a text that is not a string', { text: 42 }, 'text'],
      ['no date', { occurredAt: undefined }, 'occurredAt'],
      ['a date in words', { occurredAt: '5 januari' }, 'occurredAt'],
      ['a date-time without offset', { occurredAt: '2026-01-05T10:00:00' }, 'occurredAt'],
      ['a date in the future', { occurredAt: tomorrow }, 'occurredAt'],
      [
        'a date-time an hour ahead',
        { occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
        'occurredAt',
      ],
      ['an author in the body', { authorId: '00000000-0000-4000-8000-000000000000' }, 'authorId'],
      ['a party in the body', { partyKind: 'municipality' }, 'partyKind'],
    ])('refuses %s with 400, naming the field, and writes nothing', async (_what, change, field) => {
      const before = await entryCount();
      const notifications = Number(
        (await api.dataSource.query(`SELECT count(*) FROM notification`))[0].count,
      );
      const response = await write(police, { ...valid, ...change });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await entryCount()).toBe(before);
      expect(Number((await api.dataSource.query(`SELECT count(*) FROM notification`))[0].count)).toBe(
        notifications,
      );
    });

    it('refuses a body that is not an object', async () => {
      const response = await request(api.http)
        .post(`/api/clients/${clientId}/journal`)
        .set(police)
        .set('content-type', 'application/json')
        .send('["note"]');
      expect(response.status).toBe(400);
    });
  });

  describe('a police note reaches the case coordinators', () => {
    let careTwo: string;
    let careThree: string;

    beforeAll(async () => {
      careTwo = await addColleague(
        team.users.addiction_care,
        `${team.users.addiction_care}-2`,
        'Tweede outreach',
      );
      careThree = await addColleague(
        team.users.addiction_care,
        `${team.users.addiction_care}-3`,
        'Derde outreach',
      );
      // The third outreach worker is on leave: the housing participant stands in for them.
      await api.dataSource.query(
        `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at)
         VALUES ($1, $2, now() - interval '1 day', now() + interval '7 days', now())`,
        [careThree, ids.housing_corporation],
      );
      // A deputy whose period has ended changes nothing.
      await api.dataSource.query(
        `INSERT INTO deputy (user_id, deputy_user_id, starts_at, ends_at, created_at)
         VALUES ($1, $2, now() - interval '20 days', now() - interval '10 days', now())`,
        [careTwo, ids.municipality],
      );
    });

    const notificationsOf = (entryId: string) =>
      api.dataSource.query(
        `SELECT user_id AS "userId", on_behalf_of AS "onBehalfOf", topic, title, client_id AS "clientId"
           FROM notification WHERE journal_entry_id = $1 ORDER BY user_id`,
        [entryId],
      );

    it('notifies every addiction-care participant (or their deputy) once, naming no client', async () => {
      const note = await write(police, {
        kind: 'police_contact',
        category: 'justice',
        text: POLICE_TEXT,
        occurredAt: new Date().toISOString(),
      });
      expect(note.status).toBe(201);
      const rows = await notificationsOf(note.body.id);
      const expected = [
        { userId: ids.addiction_care, onBehalfOf: null },
        { userId: careTwo, onBehalfOf: null },
        { userId: ids.housing_corporation, onBehalfOf: careThree },
      ].sort((a, b) => a.userId.localeCompare(b.userId));
      expect(rows).toEqual(
        expected.map((e) => ({
          ...e,
          topic: 'journal.police_note',
          title: 'Nieuwe politie-informatie over een cliënt',
          clientId,
        })),
      );

      // In the inbox (one per police entry: the first test wrote one too): the title names no one; the link to
      // the client is there for whoever may see it.
      const inbox = await request(api.http).get('/api/notifications?unread=true').set(care);
      const mine = inbox.body.filter((n: { topic: string }) => n.topic === 'journal.police_note');
      expect(mine).toHaveLength(2);
      expect(mine[0]).toMatchObject({ clientId, clientDisplayName: CLIENT_NAME, onBehalfOf: null });
      expect(mine[0].title).not.toContain('Dagboeknaam');
      const deputyInbox = await request(api.http)
        .get('/api/notifications')
        .set(await api.login(team.users.housing_corporation));
      expect(deputyInbox.body).toEqual([
        expect.objectContaining({ topic: 'journal.police_note', onBehalfOf: careThree, clientId }),
      ]);

      // Once: the same entry cannot reach the same person twice.
      await expect(
        api.dataSource.query(
          `INSERT INTO notification (user_id, journal_entry_id, client_id, topic, title, created_at)
           VALUES ($1, $2, $3, 'journal.police_note', 'dubbel', now())`,
          [ids.addiction_care, note.body.id, clientId],
        ),
      ).rejects.toThrow(/duplicate key/);
      expect(await notificationsOf(note.body.id)).toHaveLength(3);
    });

    it('notifies again for a new note, never the police, the chair or for notes of other parties', async () => {
      const second = await write(police, {
        kind: 'nuisance_report',
        category: 'justice',
        text: 'Nieuwe overlastmelding van de buren over geluid en bezoek in de nacht.',
        occurredAt: '2026-01-06',
      });
      expect((await notificationsOf(second.body.id)).map((r: { userId: string }) => r.userId).sort()).toEqual(
        [ids.addiction_care, careTwo, ids.housing_corporation].sort(),
      );
      for (const auth of [care, chair]) {
        const entry = await write(auth, {
          kind: 'note',
          category: 'general',
          text: 'Een notitie van een andere partij dan de politie.',
          occurredAt: '2026-01-06',
        });
        expect(entry.status).toBe(201);
        expect(await notificationsOf(entry.body.id)).toEqual([]);
      }
      const [{ count }] = await api.dataSource.query(
        `SELECT count(*) FROM notification WHERE topic = 'journal.police_note' AND user_id = ANY($1::uuid[])`,
        [[ids.police, ids.municipality]],
      );
      expect(Number(count)).toBe(0);
    });

    it('notifies no one when the casusoverleg has no addiction-care participant', async () => {
      const small = await createTeam(api.dataSource, ['municipality', 'police']);
      const smallChair = await api.login(small.users.municipality);
      const smallPolice = await api.login(small.users.police);
      const client = await newClient(smallChair);
      const entry = await write(
        smallPolice,
        { kind: 'police_contact', category: 'justice', text: POLICE_TEXT, occurredAt: '2026-01-06' },
        client,
      );
      expect(entry.status).toBe(201);
      expect(await notificationsOf(entry.body.id)).toEqual([]);
    });
  });

  describe('the mail copy (real SMTP server)', () => {
    let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
    let received: ReceivedMail[];
    let mail: NotificationMailService;

    beforeAll(async () => {
      smtp = await startSmtpCatcher();
      received = smtp.mails;
      const config = loadConfig({
        DATABASE_URL: testDatabaseUrl(),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Koers <koers@test.example>',
      });
      mail = new NotificationMailService(api.dataSource, new SmtpMailer(config), new ManualClock());
    });
    afterAll(() => smtp.close());

    it('mails each outreach worker once, naming neither the client nor the note', async () => {
      const mailTeam = await createTeam(api.dataSource);
      const address = `outreach-${mailTeam.teamId.slice(0, 8)}@test.example`;
      await api.dataSource.query(`UPDATE app_user SET email = $2 WHERE username = $1`, [
        mailTeam.users.addiction_care,
        address,
      ]);
      // Others with an address get no copy of a police note.
      await api.dataSource.query(`UPDATE app_user SET email = $2 WHERE username = $1`, [
        mailTeam.users.municipality,
        `chair-${mailTeam.teamId.slice(0, 8)}@test.example`,
      ]);
      const mailChair = await api.login(mailTeam.users.municipality);
      const mailPolice = await api.login(mailTeam.users.police);
      const client = await newClient(mailChair);
      const note = await write(
        mailPolice,
        { kind: 'police_contact', category: 'justice', text: POLICE_TEXT, occurredAt: '2026-01-06' },
        client,
      );
      expect(note.status).toBe(201);

      // The worker's mail loop, as the worker runs it: its first sweep starts at once.
      const sweeper = new NotificationMailSweeper(mail);
      sweeper.onApplicationBootstrap();
      try {
        await waitFor('the police-note mail', async () => received.some((m) => m.to.includes(address)));
      } finally {
        await sweeper.onApplicationShutdown();
      }
      expect(await mail.sendPending()).toBe(0);

      const mine = received.filter((m) => m.to.includes(address));
      expect(mine).toHaveLength(1);
      const text = decodeMail(mine[0].raw);
      expect(text).toMatch(/^Subject: Koers: Nieuwe politie-informatie over een cliënt$/m);
      expect(text).toContain('Log in op Koers om te zien om welke cliënt het gaat.');
      expect(mine[0].raw).toMatch(/^Message-ID: <notification-[0-9a-f-]+@koers>/im);
      for (const secret of ['Dagboeknaam', CLIENT_NAME, 'Vismarkt', 'GHB', client]) {
        expect(text).not.toContain(secret);
        expect(mine[0].raw).not.toContain(secret);
      }
      expect(received.filter((m) => m.to.some((to) => to.startsWith('chair-')))).toEqual([]);
      const [row] = await api.dataSource.query(
        `SELECT mailed_at, mail_attempts FROM notification WHERE journal_entry_id = $1`,
        [note.body.id],
      );
      expect(row.mailed_at).toBeInstanceOf(Date);
      expect(row.mail_attempts).toBe(1);
    });
  });
});
