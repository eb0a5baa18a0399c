import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { runMigrations } from '@koers/persistence';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '@koers/seed';
import { ApiHarness, startApi } from './support/api-harness';
import {
  buildWebApp,
  launchBrowser,
  removeWebBuild,
  SCREENSHOTS,
  screenshot,
  seriousAxeViolations,
} from './support/browser';
import { testDatabaseUrl } from './support/test-database';

const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
/** A demo client who is a new signal (stage signal): the handreiking's questions are open on the page. */
const VISSER = 'Demo A. Visser';
/** A demo client in aftercare with four BARC-10 measurements (libs/seed demo-recovery) and a three-party agreement. */
const JACOBS = 'Demo J. Jacobs';
/** Another demo client in aftercare on consent, with BARC-10 measurements and no three-party agreement. */
const DEKKER = 'Demo K. Dekker';
/** The new measurement: answers for q1…q10 on the BARC-10's 1–6 scale (total 55). */
const NEW_ANSWERS = [6, 5, 6, 5, 6, 5, 6, 5, 6, 5];
const NEW_TOTAL = NEW_ANSWERS.reduce((a, b) => a + b, 0);
const BARC10_LABELS = [
  'Helemaal mee oneens',
  'Mee oneens',
  'Een beetje mee oneens',
  'Een beetje mee eens',
  'Mee eens',
  'Helemaal mee eens',
];

const amsterdamToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * Issue 7 on the client page, in a real browser against the real API on the demo data: demo-chair sees the BARC-10
 * trend of a client in aftercare (last total, threshold of the validation study), records a new complete
 * measurement through the form and sees the trend follow (and the API agree); downloads the client summary and the
 * three-party agreement as PDFs; records a withdrawal of consent and sees the basis become "Geen grondslag" with the
 * explanation (and Herstel disappear). demo-police opens the same client: no Herstel, no budget, and the page asks
 * the API for neither. Every page and dialog is scanned with axe-core.
 */
describe('web app: the client page with recovery, documents, intake and legal basis (browser, demo data)', () => {
  const name = `koers_webclient_${randomUUID().slice(0, 8)}`;
  const admin = testDatabaseUrl();
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  let api: ApiHarness;
  let webDir: string;
  let browser: Browser;
  let page: Page;
  let base: string;
  let chair: { Authorization: string };
  let jacobs: string;
  let dekker: string;
  let visser: string;

  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const expectAccessible = async (on: Page = page) => expect(await seriousAxeViolations(on)).toEqual([]);
  const login = async (on: Page, username: string) => {
    await on.goto(`${base}/`);
    await on.getByLabel('Gebruikersnaam').fill(username);
    await on.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await on.getByRole('button', { name: 'Inloggen' }).click();
    await on.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  };
  const openClient = async (on: Page, id: string, displayName: string) => {
    await on.goto(`${base}/clienten/${id}`);
    await on.getByRole('heading', { level: 1, name: displayName }).waitFor();
    await on.getByRole('heading', { level: 2, name: 'Termijnen' }).waitFor();
  };
  const barc10 = (): Locator => page.locator('.koers-recovery__instrument[data-instrument="barc10"]');
  const figure = (name: string) => barc10().locator(`[data-figure="${name}"] .koers-recovery__value`);
  const recoveryOf = async (clientId: string) => {
    const response = await request(api.http).get(`/api/clients/${clientId}/recovery-measurements`).set(chair);
    expect(response.status).toBe(200);
    return response.body as {
      instruments: {
        instrumentId: string;
        count: number;
        change: number | null;
        first: { totalScore: number } | null;
        last: { totalScore: number; measuredOn: string } | null;
      }[];
      measurements: { instrumentId: string; answers: Record<string, number>; totalScore: number | null }[];
    };
  };

  beforeAll(async () => {
    webDir = buildWebApp();
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    api = await startApi({ DATABASE_URL: url, WEB_DIST_DIR: webDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    chair = await api.login('demo-chair', DEMO_PASSWORD);
    const ids: { id: string; name: string }[] = await api.dataSource.query(
      `SELECT id, display_name AS name FROM client WHERE display_name = ANY($1)`,
      [[JACOBS, DEKKER, VISSER]],
    );
    jacobs = ids.find((c) => c.name === JACOBS)!.id;
    dekker = ids.find((c) => c.name === DEKKER)!.id;
    visser = ids.find((c) => c.name === VISSER)!.id;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: DESKTOP, locale: 'nl-NL', acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    removeWebBuild(webDir);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('shows the BARC-10 trend with the threshold, records a new measurement and the trend follows', async () => {
    const before = await recoveryOf(jacobs);
    const trendBefore = before.instruments.find((i) => i.instrumentId === 'barc10')!;
    expect(trendBefore.count).toBe(4);

    await login(page, 'demo-chair');
    await openClient(page, jacobs, JACOBS);
    await page.getByRole('heading', { level: 2, name: 'Herstel' }).waitFor();
    await barc10().locator('svg.koers-trend').waitFor();
    expect(await figure('last').innerText()).toBe(String(trendBefore.last!.totalScore));
    expect(await figure('change').innerText()).toBe(
      `+${trendBefore.last!.totalScore - trendBefore.first!.totalScore}`,
    );
    // The threshold: a labelled line in the chart and in its legend, and the verdict on the last total.
    await barc10().locator('svg text', { hasText: 'drempel uit de validatiestudie (47)' }).waitFor();
    await barc10().locator('figcaption', { hasText: 'drempel uit de validatiestudie (47)' }).waitFor();
    await barc10().getByText('Laatste totaal boven de drempel uit de validatiestudie').waitFor();
    // The chart's text alternative: every measurement in a table.
    const table = barc10().getByRole('table', { name: /Metingen BARC-10/ });
    expect(await table.locator('tbody tr').count()).toBe(4);
    // The in-page navigation leads to the sections, the intake and legal basis are there.
    const nav = page.getByRole('navigation', { name: 'Op deze pagina' });
    for (const link of ['Herstel', 'Inbreng', 'Grondslag', 'Documenten', 'Budget'])
      await nav.getByRole('link', { name: link }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Grondslag' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Inbreng per partij/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Budget' }).waitFor();
    await expectAccessible();

    // The form: one radio group per item with the scale's labels; the total shows only when all are answered.
    await page.locator('#herstel').getByRole('button', { name: 'Meting vastleggen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Meting vastleggen' });
    await dialog.waitFor();
    await expectAccessible();
    await dialog.getByRole('radio', { name: /^BARC-10/ }).check();
    expect(await dialog.getByLabel('Datum van de meting').inputValue()).toBe(amsterdamToday());
    const groups = dialog.locator('fieldset.koers-scale[data-question^="barc10."]');
    expect(await groups.count()).toBe(10);
    for (const [i, answer] of NEW_ANSWERS.entries()) {
      if (i === 3) {
        await dialog.getByText('3 van 10 items beantwoord', { exact: false }).waitFor();
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, 'client-recovery-form.png') });
      }
      await groups
        .nth(i)
        .getByRole('radio', { name: BARC10_LABELS[answer - 1], exact: true })
        .check();
    }
    await dialog
      .getByRole('status')
      .filter({ hasText: `Alle 10 items beantwoord: totaal ${NEW_TOTAL}` })
      .waitFor();
    await dialog.getByRole('button', { name: 'Meting vastleggen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Meting BARC-10 vastgelegd: totaal ${NEW_TOTAL}.` })
      .waitFor();
    await dialog.waitFor({ state: 'detached' });

    // The trend follows: the new total is the last, the change runs from the first to it; the API says the same.
    await barc10()
      .getByRole('table', { name: /Metingen BARC-10/ })
      .locator('tbody tr')
      .nth(4)
      .waitFor();
    expect(await figure('last').innerText()).toBe(String(NEW_TOTAL));
    expect(await figure('change').innerText()).toBe(`+${NEW_TOTAL - trendBefore.first!.totalScore}`);
    expect(await figure('count').innerText()).toBe('5');
    const after = await recoveryOf(jacobs);
    const trendAfter = after.instruments.find((i) => i.instrumentId === 'barc10')!;
    expect(trendAfter).toMatchObject({
      count: 5,
      last: { totalScore: NEW_TOTAL, measuredOn: amsterdamToday() },
      change: NEW_TOTAL - trendBefore.first!.totalScore,
    });
    const stored = after.measurements.find((m) => m.instrumentId === 'barc10' && m.totalScore === NEW_TOTAL)!;
    expect(stored.answers).toEqual(Object.fromEntries(NEW_ANSWERS.map((a, i) => [`q${i + 1}`, a])));
    await barc10()
      .locator('svg text', { hasText: String(NEW_TOTAL) })
      .first()
      .waitFor();
    await expectAccessible();

    await page.locator('#herstel').screenshot({ path: join(SCREENSHOTS, 'client-recovery.png') });
    await screenshot(page, 'client-page-full');
    // On paper: the sections and the chart, not the buttons, forms and navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await barc10().locator('svg.koers-trend').isVisible()).toBe(true);
    expect(await page.locator('#grondslag').isVisible()).toBe(true);
    expect(
      await page.locator('#herstel').getByRole('button', { name: 'Meting vastleggen' }).isVisible(),
    ).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Op deze pagina' }).isVisible()).toBe(false);
    expect(await page.locator('#documenten').isVisible()).toBe(false);
    await screenshot(page, 'client-page-print');
    await page.emulateMedia({ media: 'screen' });
    // On a tablet the two instruments stack and nothing sticks out sideways.
    await page.setViewportSize(TABLET);
    expect(
      await page.evaluate<boolean>(
        'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
      ),
    ).toBe(true);
    await expectAccessible();
    await page.setViewportSize(DESKTOP);
  });

  it('corrects and deletes a measurement with a reason, keeping what it was', async () => {
    const ours = (await recoveryOf(jacobs)).measurements.find(
      (m) => m.instrumentId === 'barc10' && m.totalScore === NEW_TOTAL,
    ) as { id: string } | undefined;
    expect(ours).toBeDefined();
    const row = page.locator(`tr[data-measurement-id="${ours!.id}"]`);

    await row.getByRole('button', { name: /^Corrigeren/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Meting BARC-10 corrigeren' });
    await dialog.waitFor();
    await expectAccessible();
    // Item 1 was 6 (Helemaal mee eens); it should have been 5.
    await dialog
      .locator('fieldset.koers-scale')
      .first()
      .getByRole('radio', { name: 'Mee eens', exact: true })
      .check();
    await dialog.getByRole('button', { name: 'Correctie vastleggen' }).click();
    await dialog.getByText('Vul de reden van de correctie in.').waitFor();
    await dialog
      .getByLabel('Reden van de correctie')
      .fill('Item 1 verkeerd overgenomen van het papieren formulier.');
    await dialog.getByRole('button', { name: 'Correctie vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'is gecorrigeerd' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Gecorrigeerd door Procesregisseur (demo)', { exact: false }).waitFor();
    expect(await figure('last').innerText()).toBe(String(NEW_TOTAL - 1));

    await row.getByRole('button', { name: /^Verwijderen/ }).click();
    const remove = page.getByRole('dialog', { name: 'Meting BARC-10 verwijderen' });
    await remove.waitFor();
    await expectAccessible();
    await remove.getByLabel('Reden').fill('Dubbel ingevoerd: deze meting hoort bij een ander gesprek.');
    await remove.getByRole('button', { name: 'Meting verwijderen' }).click();
    await page.getByRole('status').filter({ hasText: 'is verwijderd' }).waitFor();
    await remove.waitFor({ state: 'detached' });
    // After the reload: the deletion is listed with its reason, and the trend counts four again.
    await page.locator('#herstel').getByText('Verwijderde metingen (1)').waitFor();
    expect(await figure('count').innerText()).toBe('4');
    const after = await recoveryOf(jacobs);
    expect(after.instruments.find((i) => i.instrumentId === 'barc10')).toMatchObject({ count: 4 });
  });

  it('downloads the client summary and the three-party agreement as PDFs', async () => {
    const documents = page.locator('#documenten');
    const fetchPdf = async (button: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        documents.getByRole('button', { name: button }).click(),
      ]);
      const path = await file.path();
      return { name: file.suggestedFilename(), head: readFileSync(path).subarray(0, 5).toString('latin1') };
    };
    expect(await fetchPdf('Cliëntoverzicht voor het overleg (PDF)')).toEqual({
      name: `clientoverzicht-${jacobs}.pdf`,
      head: '%PDF-',
    });
    await documents.getByRole('status').filter({ hasText: 'is gedownload' }).waitFor();
    expect(await fetchPdf('Driepartijenovereenkomst (PDF)')).toEqual({
      name: `driepartijenovereenkomst-${jacobs}.pdf`,
      head: '%PDF-',
    });
    // A client without an agreement in its housing data gets no button for it.
    await openClient(page, dekker, DEKKER);
    await page
      .locator('#documenten')
      .getByRole('button', { name: 'Cliëntoverzicht voor het overleg (PDF)' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Driepartijenovereenkomst (PDF)' }).count()).toBe(0);
  });

  it("shows the parties' intake answers side by side for a new signal, and takes the chair's own", async () => {
    await openClient(page, visser, VISSER);
    const section = page.locator('#inbreng');
    await section.getByText('Nog geen partij heeft de vragen voor een nieuwe casus beantwoord.').waitFor();
    await section.getByRole('button', { name: 'Onze inbreng invullen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inbreng van uw organisatie' });
    await dialog.waitFor();
    await expectAccessible();
    const facts =
      'Twee meldingen van de wijkagent over GHB-gebruik in de woning; buren klagen over overlast.';
    await dialog.getByLabel('Wat weet u (feiten en signalen)?').fill(facts);
    await dialog.getByLabel('Wonen', { exact: true }).fill('Huurachterstand van drie maanden');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = section.getByRole('table', { name: /Inbreng per partij over Demo A\. Visser/ });
    await table.getByRole('columnheader', { name: /Gemeente/ }).waitFor();
    await table.getByRole('cell', { name: facts }).waitFor();
    await table.getByRole('cell', { name: 'Huurachterstand van drie maanden' }).waitFor();
    await section.getByRole('button', { name: 'Onze inbreng bijwerken' }).waitFor();
    await section.screenshot({ path: join(SCREENSHOTS, 'client-intake.png') });
    const stored = await request(api.http).get(`/api/clients/${visser}/intake`).set(chair);
    expect(stored.body.answers).toEqual([
      expect.objectContaining({
        party: 'municipality',
        answers: { facts, lifeDomains: { housing: 'Huurachterstand van drie maanden' } },
      }),
    ]);
    await expectAccessible();
  });

  it('a withdrawn consent leaves no basis: the page says so and the health data is gone', async () => {
    await openClient(page, dekker, DEKKER);
    await page.getByRole('heading', { level: 2, name: 'Herstel' }).waitFor();
    const basisFact = page.locator('[data-fact="basis"]');
    expect(await basisFact.innerText()).toContain('Toestemming van de cliënt');

    const action = 'Intrekking van toestemming vastleggen';
    await page.getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    await dialog.waitFor();
    await expectAccessible();
    await dialog
      .getByLabel('Toelichting')
      .fill('De cliënt belde vanochtend: hij wil niet meer dat wij gegevens delen.');
    await dialog.getByRole('button', { name: 'Vastleggen' }).click();
    await dialog.getByRole('button', { name: 'Ja, vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'Vastgelegd:' }).waitFor();
    await dialog.waitFor({ state: 'detached' });

    await basisFact.filter({ hasText: 'Geen grondslag' }).waitFor();
    expect(await basisFact.innerText()).toContain('Geen grondslag (toestemming ingetrokken of geweigerd)');
    const section = page.locator('#grondslag');
    await section
      .getByText('Er is geen grondslag om gegevens over deze cliënt te delen.', { exact: false })
      .waitFor();
    await section.getByText('De cliënt belde vanochtend', { exact: false }).waitFor();
    // The chair may record a covenant from here: the trajectory's own form.
    await section.getByRole('button', { name: 'Convenant vastleggen' }).click();
    const covenant = page.getByRole('dialog', { name: 'Convenant als grondslag vastleggen' });
    await covenant.waitFor();
    await expectAccessible();
    await covenant.getByRole('button', { name: 'Annuleren' }).click();
    await covenant.waitFor({ state: 'detached' });
    await page.locator('.koers-client__no-basis').getByText('Geen grondslag.').waitFor();
    // Health data is not shared without a basis: the section goes, and the API refuses it too.
    expect(await page.getByRole('heading', { level: 2, name: 'Herstel' }).count()).toBe(0);
    expect(
      (await request(api.http).get(`/api/clients/${dekker}/recovery-measurements`).set(chair)).status,
    ).toBe(403);
    await expectAccessible();
    await screenshot(page, 'client-page-no-basis');
  });

  it('demo-police sees the client without Herstel and budget, and asks the API for neither', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'nl-NL' });
    const police = await context.newPage();
    const requested: string[] = [];
    police.on('request', (r) => requested.push(new URL(r.url()).pathname));
    try {
      await login(police, 'demo-police');
      await openClient(police, jacobs, JACOBS);
      await police.getByRole('heading', { level: 2, name: 'Grondslag' }).waitFor();
      await police
        .locator('#documenten')
        .getByRole('button', { name: 'Cliëntoverzicht voor het overleg (PDF)' })
        .waitFor();
      // Let the page's other requests (journal, intake) finish before judging what it asked.
      await police.waitForLoadState('networkidle');
      expect(await police.getByRole('heading', { name: 'Herstel' }).count()).toBe(0);
      expect(await police.getByRole('heading', { name: 'Budget' }).count()).toBe(0);
      expect(await police.getByRole('button', { name: 'Driepartijenovereenkomst (PDF)' }).count()).toBe(0);
      expect(await police.getByRole('link', { name: 'Herstel' }).count()).toBe(0);
      expect(requested.some((path) => path.includes(`/api/clients/${jacobs}`))).toBe(true);
      expect(requested.filter((path) => /recovery|spends|conditional-arrangements/.test(path))).toEqual([]);
      await expectAccessible(police);
      await screenshot(police, 'client-page-police-issue7');
    } finally {
      await context.close();
    }
  });
});
