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

const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 720 };
const CLIENT_NAME = 'Demo W. Eerink';
const HEALTH_NOTE = 'Gebruikt sinds vorige week weer GHB, vertelt hij zelf.';

/** YYYY-MM-DD, `days` from today (UTC is close enough for a date a form asks for). */
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 6's story in a real browser, against the real API, a real worker, PostgreSQL and Redis, on the demo data:
 * the chair registers a signal and walks the client to aftercare through the client page's forms, and the board
 * changes at each step; a stale version answers in Dutch and reloads; closing asks for confirmation; the police sees
 * the client without treatment details. Every page (and dialog) visited is scanned with axe-core.
 */
describe('web app: a client from signal to aftercare (browser, API + worker)', () => {
  const name = `koers_webstory_${randomUUID().slice(0, 8)}`;
  const admin = testDatabaseUrl();
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let webDir: string;
  let browser: Browser;
  let page: Page;
  let base: string;
  let clientId: string;

  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  const expectAccessible = async (on: Page = page) => {
    expect(await seriousAxeViolations(on)).toEqual([]);
  };

  const login = async (on: Page, username: string) => {
    await on.goto(`${base}/`);
    await on.getByLabel('Gebruikersnaam').fill(username);
    await on.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await on.getByRole('button', { name: 'Inloggen' }).click();
    await on.getByRole('heading', { level: 1, name: 'Waar loopt het vast?' }).waitFor();
    await on.locator('.koers-board-table').waitFor();
  };

  /** Nothing sticks out sideways (no horizontal scrolling at this viewport). */
  // Strings, not functions: this file is compiled for Node, without the DOM's types.
  const fitsWidth = () =>
    page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

  const clientPageLoaded = async (on: Page = page) => {
    await on.getByRole('heading', { level: 1, name: CLIENT_NAME }).waitFor();
    await on.getByRole('heading', { level: 2, name: 'Termijnen' }).waitFor();
  };

  /** Goes to the board, returns the client's row text (null when it is not listed), and comes back. */
  const boardRowText = async (): Promise<string | null> => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bord' }).click();
    await page.locator('.koers-board-table').waitFor();
    await expectAccessible();
    const row = page.locator(`tr[data-client-id="${clientId}"]`);
    const text = (await row.count()) > 0 ? await row.innerText() : null;
    if (text !== null) {
      await row.getByRole('link', { name: CLIENT_NAME }).click();
      await clientPageLoaded();
      await expectAccessible();
    }
    return text;
  };

  /** Opens the form of a step, lets `fill` fill it, sends it, and waits for the page's confirmation. */
  const step = async (button: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<unknown>) => {
    await page.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: button });
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'Vastgelegd:' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    webDir = buildWebApp();
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    api = await startApi({ DATABASE_URL: url, WEB_DIST_DIR: webDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    const env = {
      ...process.env,
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    };
    worker = await NestFactory.createApplicationContext(
      WorkerModule.register(env, { queueNamespace: `koers_webstory_${randomUUID().slice(0, 8)}` }),
      { logger: ['error'] },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP, locale: 'nl-NL' });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    removeWebBuild(webDir);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('walks a new signal to aftercare as the chair, and the board follows every step', async () => {
    await login(page, 'demo-chair');
    await expectAccessible();
    await screenshot(page, 'board');
    await page.setViewportSize(TABLET);
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, 'board-tablet');
    await page.setViewportSize(DESKTOP);

    // Filters live in the URL; the party filter keeps the rows with a blocker that party can lift.
    await page.getByLabel('Fase').selectOption('aftercare');
    await page.getByLabel('Op te lossen door').selectOption('housing_corporation');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/\?fase=aftercare&partij=housing_corporation$/);
    await page.locator('.koers-board-table caption', { hasText: '(gefilterd)' }).waitFor();
    const filtered = await page.locator('tbody tr').allInnerTexts();
    expect(filtered.length).toBeGreaterThan(0);
    for (const text of filtered) {
      expect(text).toContain('Nazorg');
      expect(text).toContain('Op te lossen door: Woningcorporatie');
    }
    await page.getByRole('button', { name: 'Alle filters wissen' }).click();
    await page.locator('.koers-board-table caption', { hasText: /trajecten, het meest/ }).waitFor();

    // Register a signal.
    await page.getByRole('button', { name: 'Nieuw signaal' }).click();
    const signal = page.getByRole('dialog', { name: 'Nieuw signaal registreren' });
    await signal.getByRole('button', { name: 'Signaal registreren' }).click();
    await signal.getByText('Vul dit veld in.').first().waitFor(); // nothing sent: the fields say what is missing
    await expectAccessible();
    await signal.getByLabel('Naam van de cliënt').fill(CLIENT_NAME);
    await signal.getByLabel('Van wie komt het signaal?').selectOption('police');
    await signal
      .getByLabel('Wat is er gesignaleerd?')
      .fill('Wijkagent ziet verwaarlozing, schulden en dagelijks alcoholgebruik.');
    await signal.getByRole('button', { name: 'Signaal registreren' }).click();
    await clientPageLoaded();
    clientId = new URL(page.url()).pathname.split('/').pop() as string;
    await expectAccessible();
    let row = await boardRowText();
    expect(row).toContain('Signaal');
    expect(row).toContain('nog niet besloten of de cliënt wordt ingesloten');
    expect(row).toContain('Op te lossen door: Voorzitter casusoverleg');

    // Decide inclusion: the form mirrors the rules (an inclusion without the criteria needs a reason).
    await page.getByRole('button', { name: 'Besluit over insluiting vastleggen' }).click();
    const inclusion = page.getByRole('dialog', { name: 'Besluit over insluiting vastleggen' });
    // Focus moved into the dialog (its first field), so a keyboard user can answer at once.
    expect(await page.evaluate("document.activeElement?.closest('dialog')?.open")).toBe(true);
    await inclusion.getByLabel('Insluiten', { exact: true }).check();
    await inclusion.getByLabel('Reden om af te wijken van de criteria').waitFor();
    await expectAccessible();
    await inclusion.getByLabel('Ernstige verslavingsproblematiek').check();
    await inclusion.getByLabel('Inwoner van de gemeente').check();
    await inclusion.getByLabel('Problemen op andere leefgebieden').check();
    expect(await inclusion.getByLabel('Reden om af te wijken van de criteria').count()).toBe(0);
    await inclusion
      .getByLabel('Onderbouwing van het besluit')
      .fill('Ernstige verslaving met schulden en verwaarlozing; past binnen de aanpak.');
    await inclusion.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'Vastgelegd: besluit over insluiting.' }).waitFor();
    row = await boardRowText();
    expect(row).toContain('Toestemming');
    expect(row).toContain('nog geen toestemming gegeven');

    await step('Toestemming vastleggen', (d) =>
      d.getByLabel('Waarvoor geeft de cliënt toestemming?').fill('Gegevens delen binnen het casusoverleg'),
    );
    row = await boardRowText();
    expect(row).toContain('Motivatie');
    expect(row).toContain('nog geen behandeling met de cliënt afgesproken');

    await step('Behandeling afspreken', (d) => d.getByLabel('Klinische detox').check());
    row = await boardRowText();
    expect(row).toContain('Wachtlijst');
    expect(row).toContain(
      'nog niet voorbereid: vervolgbehandeling, financiën, huisvesting, daginvulling en gezond netwerk',
    );
    // The machine's rule, asked in the browser: admission waits for the aftercare (or an urgent reason).
    await page.getByText('Opname kan pas als de nazorg is voorbereid').waitFor();

    await step('Nazorg voorbereiden', async (d) => {
      for (const item of ['Vervolgbehandeling', 'Financiën', 'Huisvesting', 'Daginvulling', 'Gezond netwerk'])
        await d.getByLabel(item).check();
    });
    row = await boardRowText();
    expect(row).toContain('Wachtlijst');
    expect(row).not.toContain('nog niet voorbereid');
    expect(await page.getByText('Opname kan pas als de nazorg is voorbereid').count()).toBe(0);

    await step('Opname vastleggen', (d) => d.getByLabel('Instelling').fill('Kliniek De Overstap'));
    row = await boardRowText();
    expect(row).toContain('Opname');
    expect(row).toContain('Geen knelpunten');

    // On leave, discharge is a milestone that cannot happen yet: the page says why instead of offering it.
    await step('Verlof vastleggen', (d) => d.getByLabel('Terug op').fill(isoDay(7)));
    const blocked = page.locator('.koers-next__blocked', { hasText: 'Ontslag vastleggen' });
    await blocked.getByText('nog niet mogelijk').waitFor();
    expect(await blocked.innerText()).toContain('ontslag kan pas na terugkeer');
    expect(await page.getByRole('button', { name: 'Ontslag vastleggen' }).count()).toBe(0);
    await step('Terugkeer van verlof vastleggen', (d) =>
      d.getByLabel('Hoe ging het verlof?').fill('Het weekend thuis ging goed, rustig gebleven.'),
    );

    await step('Ontslag vastleggen', (d) => d.getByLabel('Ja', { exact: true }).check());
    row = await boardRowText();
    expect(row).toContain('Nazorg');
    expect(row).toContain('De cliënt heeft nog geen woning.');
    expect(row).toContain('Op te lossen door: Woningcorporatie');
    expect(row).toContain('Er is nog geen daginvulling voor de cliënt geregeld.');

    const start = isoDay(0);
    await step('Woning vastleggen', async (d) => {
      await d.getByLabel('Woonvorm').selectOption('social_rent');
      await d.getByLabel('Met een driepartijenovereenkomst').check();
      await d.getByRole('button', { name: 'Vastleggen' }).click();
      await d.getByText('Vul dit veld in.').first().waitFor(); // the agreement's three fields are required
      await d.getByLabel('Ingangsdatum van de huurovereenkomst').fill(start);
      await d.getByLabel('Verhuurder').fill('Woonstichting Voorbeeld');
      await d.getByLabel('Zorgaanbieder').fill('Verslavingszorg Voorbeeld');
    });
    row = await boardRowText();
    expect(row).toContain('Nazorg');
    expect(row).not.toContain('nog geen woning');
    expect(row).toContain('Er is nog geen daginvulling voor de cliënt geregeld.');
    expect(row).toContain('Evaluatie driepartijenovereenkomst');

    // A note about health in the journal: the police must not read it later.
    await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
    const note = page.getByRole('dialog', { name: 'Notitie toevoegen aan het journaal' });
    await note.getByLabel('Onderwerp').selectOption('health');
    await note.getByLabel('Tekst').fill(HEALTH_NOTE);
    await note.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByText('De notitie is toegevoegd.').waitFor();
    await page.getByText(HEALTH_NOTE).waitFor();

    await expectAccessible();
    await screenshot(page, 'client-page');
    await page.setViewportSize(TABLET);
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, 'client-page-tablet');
    await page.setViewportSize(DESKTOP);
  });

  it('answers a stale version in Dutch and reloads, then records the step', async () => {
    // Someone else logs a contact behind the page's back: the page's version is now stale.
    const care = await api.login('demo-care', DEMO_PASSWORD);
    const behind = await request(api.http)
      .post(`/api/clients/${clientId}/events`)
      .set(care)
      .send({ type: 'CONTACT_LOGGED', channel: 'call', note: 'Gebeld over de nieuwe woning, gaat goed.' });
    expect(behind.status).toBe(200);
    expect(await page.getByText('Gebeld over de nieuwe woning').count()).toBe(0);

    await page.getByRole('button', { name: 'Daginvulling vastleggen' }).click();
    const daytime = page.getByRole('dialog', { name: 'Daginvulling vastleggen' });
    await daytime.getByLabel('Daginvulling').selectOption('volunteer_work');
    await daytime.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByText('Iemand anders heeft deze cliënt net gewijzigd.').waitFor();
    await daytime.waitFor({ state: 'detached' });
    await page.getByText('Gebeld over de nieuwe woning, gaat goed.').waitFor(); // reloaded
    await expectAccessible();

    await step('Daginvulling vastleggen', (d) => d.getByLabel('Daginvulling').selectOption('volunteer_work'));
    const row = await boardRowText();
    expect(row).toContain('Nazorg');
    expect(row).toContain('Geen knelpunten');
  });

  it('shows the police the client without treatment details', async () => {
    const police = await browser.newPage({ viewport: DESKTOP, locale: 'nl-NL' });
    try {
      await login(police, 'demo-police');
      await expectAccessible(police);
      const row = police.locator(`tr[data-client-id="${clientId}"]`);
      const text = await row.innerText();
      expect(text).toContain('Nazorg');
      await row.getByRole('link', { name: CLIENT_NAME }).click();
      await clientPageLoaded(police);
      await police.getByText('De details vallen buiten wat uw organisatie mag zien.').first().waitFor();
      await expectAccessible(police);
      const body = await police.locator('main').innerText();
      for (const detail of ['Klinische detox', 'Kliniek De Overstap', HEALTH_NOTE, 'Het weekend thuis'])
        expect(body).not.toContain(detail);
      // What the police may see is there: the stage, the housing and the three-party agreement.
      expect(body).toContain('Woonstichting Voorbeeld');
      await screenshot(police, 'client-page-police');
    } finally {
      await police.close();
    }
  });

  it('asks for confirmation before closing, and the closed trajectory leaves the board', async () => {
    const open = async () => {
      await page.getByRole('button', { name: 'Traject afsluiten', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Traject afsluiten' });
      await dialog.getByLabel('Doel bereikt').check();
      await dialog.getByLabel('Nee', { exact: true }).check();
      await dialog.getByRole('button', { name: 'Traject afsluiten' }).click();
      await dialog.getByText('Weet u het zeker? Dit kan niet ongedaan worden gemaakt.').waitFor();
      return dialog;
    };
    let dialog = await open();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Nee, terug naar het formulier' }).click();
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('[aria-current="step"]').innerText()).toContain('Nazorg');

    dialog = await open();
    await dialog.getByRole('button', { name: 'Ja, traject afsluiten' }).click();
    await page.getByRole('status').filter({ hasText: 'Vastgelegd: traject afgesloten.' }).waitFor();
    await page.locator('[aria-current="step"]', { hasText: 'Afgesloten' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Volgende stap' }).count()).toBe(0);
    await expectAccessible();
    expect(await boardRowText()).toBeNull();
  });
});
