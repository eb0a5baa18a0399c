import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { runMigrations } from '@koers/persistence';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '@koers/seed';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiHarness, startApi } from './support/api-harness';
import {
  buildWebApp,
  launchBrowser,
  removeWebBuild,
  screenshot,
  seriousAxeViolations,
} from './support/browser';
import { testDatabaseUrl } from './support/test-database';

type Auth = { Authorization: string };
const DAY = 86_400_000;
const amsterdamDay = (at: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);

interface AgendaItem {
  clientId: string;
  displayName: string;
  reason: string;
  stage: string;
}

/**
 * Issue 6 in a real browser on the demo data (a database of its own, the API serving the built web app, a real
 * worker, the test clock): the chair plans a meeting, sees the generated agenda (escalated and blocked first, the
 * new-case limit), runs it in meeting mode — a note, an inclusion decision with reasons, an action with a due date
 * — holds it and downloads the minutes; the action's reminder reaches the inbox; the privacy officer sees who read
 * the client's file and verifies the access log's chain. axe-core scans every page visited.
 */
describe('web app: meeting mode, inbox, access log and user administration on the demo data (browser)', () => {
  const name = `koers_webmeet_${randomUUID().slice(0, 8)}`;
  const admin = testDatabaseUrl();
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let webDir: string;
  let browser: Browser;
  let page: Page;
  let base: string;
  let chair: Auth;
  let meetingId: string;
  let newCase: AgendaItem;

  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  /** Waits until the worker has fired every due step and relayed every outbox message. */
  const settled = async () => {
    const until = Date.now() + 20_000;
    for (;;) {
      const [row] = await api.dataSource.query(
        `SELECT (SELECT count(*)::int FROM deadline_step WHERE status = 'pending' AND fire_at <= now()) AS due,
                (SELECT count(*)::int FROM outbox_message WHERE published_at IS NULL) AS unpublished`,
      );
      if ((row.due === 0 && row.unpublished === 0) || Date.now() > until) return row;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const expectAccessible = async () => expect(await seriousAxeViolations(page)).toEqual([]);
  const logIn = async (username: string) => {
    await page.goto(`${base}/`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  };
  const heading = (text: string | RegExp) => page.getByRole('heading', { level: 1, name: text });

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    webDir = buildWebApp();
    // DEMO_MODE: the demo's privacy officer logs in without a second factor.
    api = await startApi({ TEST_CLOCK: '1', DEMO_MODE: '1', DATABASE_URL: url, WEB_DIST_DIR: webDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    worker = await NestFactory.createApplicationContext(WorkerModule.register(process.env), {
      logger: ['error'],
    });
    chair = await api.login('demo-chair', DEMO_PASSWORD);
    const care = await api.login('demo-care', DEMO_PASSWORD);
    const police = await api.login('demo-police', DEMO_PASSWORD);
    // A third new signal, so the first meeting's limit of 2 new cases defers one.
    const created = await request(api.http)
      .post('/api/clients')
      .set(care)
      .send({
        displayName: 'Demo S. Ignaal',
        signal: { source: 'citizen', description: 'Buren maken zich zorgen over gebruik.' },
      });
    expect(created.status).toBe(201);
    // Every party's answers to the handreiking's questions for the new signals, to show side by side.
    const board = await request(api.http).get('/api/board').set(chair);
    for (const row of board.body.rows.filter((r: { stage: string }) => r.stage === 'signal')) {
      for (const [who, facts] of [
        [care, 'Cliënt gebruikt dagelijks GHB; twee keer gereanimeerd dit jaar.'],
        [police, 'Drie meldingen van overlast in de wijk; aangetroffen met GHB.'],
      ] as const) {
        const answered = await request(api.http)
          .put(`/api/clients/${row.clientId}/intake`)
          .set(who)
          .send({
            facts,
            inViewSince: '2025-06-01',
            lifeDomains: { housing: 'Dreigende huisuitzetting', finances: 'Schulden, geen postadres' },
            nuisance: 'Vijf meldingen in drie maanden',
          });
        expect(answered.status).toBe(200);
      }
    }
    expect(await settled()).toEqual({ due: 0, unpublished: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
    // The browser's own clock, to move meeting mode's stopwatch (UI time only; the API keeps its test clock).
    await page.clock.install();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    removeWebBuild(webDir);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('plans a meeting and shows its generated agenda: escalated and blocked first, at most 2 new cases', async () => {
    await logIn('demo-chair');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Vergaderingen' })
      .click();
    await heading('Vergaderingen').waitFor();
    await page.getByText('Er is nog geen vergadering gepland.').waitFor();
    await expectAccessible();

    const tomorrow = amsterdamDay(Date.now() + DAY);
    await page.getByLabel('Datum').fill(tomorrow);
    await page.getByLabel('Aanvang').fill('13:00');
    await page.getByLabel('Locatie (optioneel)').fill('Stadhuis, kamer 2.14');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await page.getByText(/^Vergadering gepland op/).waitFor();
    await page
      .getByRole('table', { name: /Geplande vergaderingen/ })
      .getByText('Stadhuis, kamer 2.14')
      .waitFor();
    await expectAccessible();
    await screenshot(page, 'meetings');
    await page.getByRole('link', { name: 'Open de vergadering' }).click();
    await heading(/^Casusoverleg van /).waitFor();
    meetingId = page.url().split('/').pop()!;

    const agenda = (await request(api.http).get(`/api/meetings/${meetingId}/agenda`).set(chair)).body as {
      items: AgendaItem[];
      deferred: (AgendaItem & { deferredBecause: string })[];
      newCaseLimit: number;
    };
    expect(agenda.newCaseLimit).toBe(2);
    const reasons = agenda.items.map((i) => i.reason);
    expect(reasons.filter((r) => r === 'new_case')).toHaveLength(2);
    expect(reasons.findIndex((r) => r === 'new_case')).toBeGreaterThan(0);
    // Every urgent item before the first new case.
    expect(reasons.slice(0, reasons.indexOf('new_case')).every((r) => r !== 'new_case')).toBe(true);
    const listed = page.locator('.koers-agenda-list > li h3');
    await listed.first().waitFor();
    expect(await listed.allTextContents()).toEqual(agenda.items.map((i) => i.displayName));
    const deferred = agenda.deferred.find((d) => d.deferredBecause === 'new_case_limit')!;
    expect(deferred).toBeDefined();
    await page
      .getByText(
        `${deferred.displayName} (Nieuwe casus): Het maximum aantal nieuwe casussen voor deze vergadering is bereikt.`,
      )
      .waitFor();
    await expectAccessible();
    await screenshot(page, 'meeting-agenda');

    // Adding the deferred new case anyway: the API keeps the limit and says why, in Dutch.
    await page.getByRole('button', { name: `Toch toevoegen aan de agenda: ${deferred.displayName}` }).click();
    await page
      .getByRole('alert')
      .getByText(/ten hoogste 2 nieuwe casussen besproken \(nu 3\)/)
      .waitFor();

    // Reorder with the keyboard: the focus stays on the moved item's button.
    const first = agenda.items[0];
    await page.getByRole('button', { name: `Omlaag verplaatsen: ${first.displayName}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${first.displayName} staat nu op plaats 2 van ${agenda.items.length}.`).waitFor();
    expect(await listed.nth(1).textContent()).toBe(first.displayName);
    await page.keyboard.press('Shift+Tab'); // from "omlaag" back to "omhoog"
    await page.keyboard.press('Enter');
    await page.getByText(`${first.displayName} staat nu op plaats 1 van ${agenda.items.length}.`).waitFor();
    const stored = (await request(api.http).get(`/api/meetings/${meetingId}/agenda`).set(chair)).body;
    expect(stored.generated).toBe(false);
    expect(stored.items.map((i: AgendaItem) => i.clientId)).toEqual(agenda.items.map((i) => i.clientId));
    newCase = agenda.items.find((i) => i.reason === 'new_case')!;
  });

  it('runs the meeting in meeting mode: a note, an inclusion decision with reasons, an action; holds it', async () => {
    await page.getByRole('button', { name: 'Vergadering starten' }).click();
    const nav = page.getByRole('navigation', { name: 'Agenda van de vergadering' });
    await nav.waitFor();
    await page.getByText('Onderwerp 1 van').waitFor();
    await page.getByRole('button', { name: 'Volgende →' }).click();
    await page.getByText('Onderwerp 2 van').waitFor();
    await page.getByRole('button', { name: 'Pauzeren' }).click();
    await page.getByText('Gepauzeerd', { exact: true }).waitFor();
    await page
      .getByRole('status')
      .getByText('De vergadering is gepauzeerd; de klok staat stil.')
      .waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Hervatten' }).click();

    await nav.getByRole('button', { name: new RegExp(newCase.displayName) }).click();
    const panel = page.locator('.koers-item-panel');
    await panel.getByRole('heading', { level: 2, name: newCase.displayName }).waitFor();
    // The parties' answers side by side.
    const intake = panel.getByRole('table', { name: /Inbreng per partij/ });
    await intake.getByRole('columnheader', { name: /Verslavingszorg/ }).waitFor();
    await intake.getByRole('columnheader', { name: /Politie/ }).waitFor();
    await intake.getByText('Drie meldingen van overlast in de wijk; aangetroffen met GHB.').waitFor();

    await panel.getByRole('button', { name: 'Notitie', exact: true }).click();
    await panel
      .getByLabel('Notitie')
      .fill('Alle partijen zien dezelfde zorgen; cliënt staat open voor contact.');
    await panel.getByRole('button', { name: 'Notitie vastleggen' }).click();
    await panel
      .locator('.koers-record--note')
      .getByText('Alle partijen zien dezelfde zorgen; cliënt staat open voor contact.')
      .waitFor();

    await panel.getByRole('button', { name: 'Besluit', exact: true }).click();
    await panel.getByLabel('Insluiten in de aanpak').check();
    for (const criterion of [
      'Ernstige verslavingsproblematiek (vereist)',
      'Inwoner van de gemeente (vereist)',
      'Problemen op andere leefgebieden',
    ]) {
      await panel.getByLabel(criterion).check();
    }
    await panel.getByLabel('Besluit', { exact: true }).fill('Opgenomen in de aanpak.');
    await panel
      .getByLabel('Onderbouwing')
      .fill('Ernstige GHB-verslaving, inwoner, en vastgelopen op wonen en financiën.');
    await panel.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await panel.locator('.koers-record--decision', { hasText: 'Besluit over insluiting' }).waitFor();

    const due = amsterdamDay(Date.now() + DAY);
    await panel.getByRole('button', { name: 'Actie', exact: true }).click();
    await panel
      .getByLabel('Wat moet er gebeuren?')
      .fill('Toestemming vragen en terugkoppelen aan de voorzitter.');
    await panel
      .getByLabel('Eigenaar')
      .selectOption({ label: 'Procesregisseur (demo) (Gemeente Voorbeeldstad)' });
    await panel.getByLabel('Uiterlijk op').fill(due);
    await panel.getByRole('button', { name: 'Actie vastleggen' }).click();
    await panel
      .locator('.koers-record--action')
      .getByText('Toestemming vragen en terugkoppelen aan de voorzitter.')
      .waitFor();

    // A look at the client's page and back: meeting mode carries on where it was.
    await panel.getByRole('heading', { level: 2 }).getByRole('link', { name: newCase.displayName }).click();
    await page.waitForURL(`**/clienten/${newCase.clientId}`);
    await page.goBack();
    await panel.getByRole('heading', { level: 2, name: newCase.displayName }).waitFor();
    await nav
      .getByRole('button', { name: new RegExp(newCase.displayName) })
      .and(page.locator('[aria-current="step"]'))
      .waitFor();
    // Past the item's estimate: a polite warning, once.
    await page.clock.fastForward('21:30');
    await page
      .getByRole('status')
      .getByText(`${newCase.displayName} duurt langer dan de geschatte 20 minuten.`)
      .waitFor();
    await page.getByText(/^2\d:\d{2} van 2:00:00$/).waitFor();
    await panel.getByRole('button', { name: 'Besluit', exact: true }).click();
    await expectAccessible();
    await screenshot(page, 'meeting-mode');
    // On a tablet the meeting's agenda goes above the item; everything stays reachable.
    await page.setViewportSize({ width: 768, height: 1024 });
    await nav.getByRole('button', { name: /^Afronding/ }).waitFor();
    await expectAccessible();
    await screenshot(page, 'meeting-mode-tablet');
    await page.setViewportSize({ width: 1280, height: 720 });

    await nav.getByRole('button', { name: /^Afronding/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Afronding' }).waitFor();
    await page.getByRole('table', { name: 'Afgesproken acties' }).waitFor();
    await page.clock.fastForward('01:40:00');
    await page.getByRole('status').getByText('De vergadering duurt langer dan 2 uur.').waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Vergadering vastleggen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vergadering vastleggen als gehouden?' });
    await dialog.waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Vastleggen als gehouden' }).click();
    await page.getByText(/^Deze vergadering is gehouden en vastgelegd op/).waitFor();
    await expectAccessible();
    await screenshot(page, 'meeting-held');

    // The minutes, as the browser downloads them.
    const [pdf, pdfResponse] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().includes(`/api/meetings/${meetingId}/minutes`)),
      page.getByRole('button', { name: 'Verslag (PDF)' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^verslag-casusoverleg-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
    const pdfBytes = await streamBytes(await pdf.createReadStream());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Verslag (Markdown)' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/^verslag-casusoverleg-\d{4}-\d{2}-\d{2}\.md$/);
    const text = (await streamBytes(await markdown.createReadStream())).toString('utf8');
    expect(text).toContain(newCase.displayName);
    expect(text).toContain('Ernstige GHB-verslaving, inwoner, en vastgelopen op wonen en financiën.');
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'In mijn agenda (.ics)' }).click(),
    ]);
    expect(ics.suggestedFilename()).toMatch(/^casusoverleg-\d{4}-\d{2}-\d{2}\.ics$/);
    expect((await streamBytes(await ics.createReadStream())).toString('utf8')).toContain('BEGIN:VCALENDAR');

    // What the API holds now.
    const held = (await request(api.http).get(`/api/meetings/${meetingId}`).set(chair)).body;
    expect(held.status).toBe('held');
    expect(held.attendeeIds.length).toBeGreaterThan(0);
    const mine = held.records.filter((r: { clientId: string }) => r.clientId === newCase.clientId);
    expect(mine.map((r: { kind: string }) => r.kind).sort()).toEqual(['decision', 'note']);
    const decision = mine.find((r: { kind: string }) => r.kind === 'decision');
    expect(decision).toMatchObject({
      decisionType: 'inclusion',
      text: 'Opgenomen in de aanpak.',
      reasons: 'Ernstige GHB-verslaving, inwoner, en vastgelopen op wonen en financiën.',
    });
    expect(decision.eventSeq).toEqual(expect.any(Number));
    expect(held.actions).toEqual([
      expect.objectContaining({
        clientId: newCase.clientId,
        description: 'Toestemming vragen en terugkoppelen aan de voorzitter.',
        dueDate: due,
        status: 'open',
        owner: expect.objectContaining({ displayName: 'Procesregisseur (demo)' }),
      }),
    ]);
    const client = (await request(api.http).get(`/api/clients/${newCase.clientId}`).set(chair)).body;
    expect(client.trajectory.stage).toBe('consent');
  });

  it("shows the action's reminder in the inbox, unread first with a badge, and marks it read", async () => {
    await settled();
    const title = `Actie uit het casusoverleg: verloopt op`;
    const notifications = (await request(api.http).get('/api/notifications').set(chair)).body as {
      id: string;
      title: string;
      clientId: string;
      readAt: string | null;
    }[];
    const reminder = notifications.find((n) => n.clientId === newCase.clientId && n.title.startsWith(title))!;
    expect(reminder).toBeDefined();
    const unread = notifications.filter((n) => n.readAt === null).length;
    const { body: count } = await request(api.http).get('/api/notifications/unread-count').set(chair);
    expect(count).toEqual({ unread });

    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: /^Inbox/ }).click();
    await heading('Inbox').waitFor();
    await nav.getByRole('link', { name: `Inbox ${unread} ongelezen` }).waitFor();
    const card = page.locator('.koers-inbox__item', { hasText: reminder.title });
    await card.getByRole('link', { name: newCase.displayName }).waitFor();
    await expectAccessible();
    await card.getByRole('button', { name: `Markeer als gelezen (${reminder.title})` }).click();
    await card.getByText(/^Gelezen /).waitFor();
    await nav.getByRole('link', { name: `Inbox ${unread - 1} ongelezen` }).waitFor();
    // Unread ones stay on top: the one just read moved below them.
    const titles = await page.locator('.koers-inbox__title').allTextContents();
    expect(titles.indexOf(reminder.title)).toBeGreaterThanOrEqual(unread - 1);
    await expectAccessible();
    await screenshot(page, 'inbox');
    const after = (await request(api.http).get('/api/notifications').set(chair)).body;
    expect(after.find((n: { id: string }) => n.id === reminder.id).readAt).not.toBeNull();
  });

  it("lets the privacy officer see who read the client's file, and verify the chain", async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    await logIn('demo-privacy');
    await heading('Toegangslog').waitFor();
    await expectAccessible();

    await page.getByLabel('Cliëntnummer').fill(newCase.clientId);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const rows = page.getByRole('table', { name: /Toegang tot cliëntgegevens/ }).getByRole('row');
    await rows.filter({ hasText: 'Procesregisseur (demo)' }).first().waitFor();
    expect(page.url()).toContain(`clientId=${newCase.clientId}`);
    await expectAccessible();
    await screenshot(page, 'access-log-search');

    await page.getByRole('link', { name: /Wie heeft het dossier van deze cliënt bekeken/ }).click();
    await heading('Wie heeft dit dossier bekeken').waitFor();
    const readers = page.getByRole('table', { name: /Per gebruiker/ });
    const chairRow = readers.getByRole('row').filter({ hasText: 'Procesregisseur (demo)' });
    await chairRow.waitFor();
    await page.getByRole('button', { name: 'Keten controleren' }).click();
    await page.getByText(/^De keten is intact: [\d.]+ regels gecontroleerd/).waitFor();
    await expectAccessible();
    await screenshot(page, 'access-log');

    const privacy = await api.login('demo-privacy', DEMO_PASSWORD);
    const report = (await request(api.http).get(`/api/audit/clients/${newCase.clientId}`).set(privacy)).body;
    const [chairUser] = await api.dataSource.query(`SELECT id FROM app_user WHERE username = 'demo-chair'`);
    const chairReads = report.readers.find(
      (r: { user: { id: string } | null }) => r.user?.id === chairUser.id,
    );
    expect(chairReads.accesses).toBeGreaterThan(0);
    expect(chairReads.events).toEqual(expect.arrayContaining(['read', 'write', 'export']));
    expect(await chairRow.getByRole('cell').nth(1).textContent()).toBe(String(chairReads.accesses));
  });

  it('lets the admin add a participant to the casusoverleg and disable an account, after confirmation', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    await logIn('demo-admin');
    await heading('Beheer').waitFor();
    await page.getByRole('table', { name: /accounts, actieve eerst/ }).waitFor();
    await expectAccessible();

    const form = page.locator('form', { has: page.getByText('Gebruiker toevoegen', { exact: true }) });
    await form.getByLabel('Gebruikersnaam').fill('demo-wijkagent');
    await form.getByLabel('Naam', { exact: true }).fill('Wijkagent Centrum (demo)');
    await form.getByLabel('Organisatie').selectOption({ label: 'Politie Basisteam Voorbeeldstad (Politie)' });
    await form.getByLabel('Rol').selectOption({ label: 'Deelnemer' });
    await form.getByLabel(/^Casusoverleg Middelen Voorbeeldstad/).check();
    await form.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.getByText('Wijkagent Centrum (demo) (demo-wijkagent) is toegevoegd.').waitFor();
    const password = await page.locator('.koers-password').textContent();
    expect(password?.length).toBeGreaterThanOrEqual(12);

    const row = page.getByRole('row').filter({ hasText: 'demo-wijkagent' });
    await row.getByRole('cell', { name: 'Casusoverleg Middelen Voorbeeldstad' }).waitFor();
    await row.getByRole('button', { name: 'Uitschakelen Wijkagent Centrum (demo)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gebruiker uitschakelen?' });
    await dialog.waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Uitschakelen' }).click();
    await page.getByText('Wijkagent Centrum (demo) is uitgeschakeld.').waitFor();
    await row.getByText('Uitgeschakeld').waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-users');
    const [stored] = await api.dataSource.query(
      `SELECT u.disabled_at, array_agg(t.name) AS teams FROM app_user u
         JOIN team_member m ON m.user_id = u.id JOIN team t ON t.id = m.team_id
        WHERE u.username = 'demo-wijkagent' GROUP BY u.id`,
    );
    expect(stored.disabled_at).not.toBeNull();
    expect(stored.teams).toEqual(['Casusoverleg Middelen Voorbeeldstad']);

    await page
      .getByRole('navigation', { name: 'Beheer' })
      .getByRole('link', { name: 'Casusoverleggen' })
      .click();
    await page.getByRole('table', { name: 'Deelnemers aan Casusoverleg Middelen Voorbeeldstad' }).waitFor();
    await expectAccessible();
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
