import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { runMigrations } from '@koers/persistence';
import { DEMO_PASSWORD, DEMO_TEAM, seedDemoIfEmpty } from '@koers/seed';
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

interface FlowReport {
  period: { from: string; to: string };
  withheld: string[];
  inflow: {
    rows: {
      label: string;
      signals: number;
      included: number;
      notIncluded: number;
      undecided: number;
      figure: string;
    }[];
  } | null;
  outflow: {
    rows: { label: string; total: number; stillUsing: { yes: number; no: number; unknown: number } }[];
  } | null;
  stageDurations: {
    rows: {
      stage: string;
      label: string;
      count: number;
      medianDays: number | null;
      q1Days: number | null;
      q3Days: number | null;
    }[];
  } | null;
  spending: unknown;
}

/** A Dutch number as the page shows it ("3,5") as a number. */
const dutch = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));
const amsterdamToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * Issue 7 item 1 in the browser, on the demo data: demo-chair opens Rapportages from the menu and reads inflow,
 * outflow reasons and the time on the waiting list as charts, with the same numbers as the API for the same query;
 * follows a count to the trajectories behind it and on to a client's page; downloads the council's XLSX (small
 * numbers hidden) and opens it as a clerk would. demo-police sees the health and budget sections withheld;
 * demo-housing (a chain partner) has no menu item and gets a Dutch refusal. Every page is scanned with axe-core.
 */
describe('web app: reports with charts and downloads (browser, demo data)', () => {
  const name = `koers_webreports_${randomUUID().slice(0, 8)}`;
  const admin = testDatabaseUrl();
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  let api: ApiHarness;
  let webDir: string;
  let downloads: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let chair: Auth;
  /** The query the page asks the API for by default. */
  let pageQuery: Record<string, string>;

  const adminQuery = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const login = async (target: Page, username: string) => {
    await target.goto(`${base}/`);
    await target.getByLabel('Gebruikersnaam').fill(username);
    await target.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await target.getByRole('button', { name: 'Inloggen' }).click();
    await target.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
  };
  const flow = async (auth: Auth, query: Record<string, string>) => {
    const response = await request(api.http).get('/api/reports/flow').query(query).set(auth);
    expect(response.status).toBe(200);
    return response.body as FlowReport;
  };
  const section = (target: Page, id: string): Locator => target.locator(`section[data-section="${id}"]`);
  /** What a sighted reader sees of an element: its text without the screen-reader-only parts. */
  const visibleText = async (element: Locator): Promise<string> =>
    (
      await element.evaluate((el) => {
        const copy = el.cloneNode(true) as typeof el;
        copy
          .querySelectorAll('.koers-visually-hidden')
          .forEach((hidden: { remove(): void }) => hidden.remove());
        return String(copy.textContent ?? '');
      })
    ).trim();
  /** The chart's rows as [label, figure at the end of the bar]. */
  const chartRows = async (where: Locator) =>
    Promise.all(
      (await where.locator('.koers-rpt-bars__row:not(.koers-rpt-bars__row--axis)').all()).map(async (row) => [
        await visibleText(row.locator('.koers-rpt-bars__label')),
        await visibleText(row.locator('.koers-rpt-bars__value')),
      ]),
    );
  /** The table under a chart as rows of cell texts (opened first: it is a "Toon als tabel"). */
  const tableRows = async (where: Locator) => {
    const details = where.locator('details.koers-rpt-details').first();
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return Promise.all(
      (await details.locator('tbody tr').all()).map(async (row) =>
        Promise.all((await row.locator('th, td').all()).map(visibleText)),
      ),
    );
  };
  const expectNoAxeViolations = async (target: Page) =>
    expect(await seriousAxeViolations(target)).toEqual([]);

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    await runMigrations(url);
    expect(await seedDemoIfEmpty(url, { nodeEnv: 'development' })).toBe('seeded');
    webDir = buildWebApp();
    downloads = mkdtempSync(join(tmpdir(), 'koers-reports-'));
    api = await startApi({ DATABASE_URL: url, WEB_DIST_DIR: webDir });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    chair = await api.login('demo-chair', DEMO_PASSWORD);
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'nl-NL',
      acceptDownloads: true,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    removeWebBuild(webDir);
    if (downloads) rmSync(downloads, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('demo-chair reads inflow, outflow reasons and the waiting list as charts, with the API’s numbers', async () => {
    await login(page, 'demo-chair');
    const asked = page.waitForResponse((r) => /\/api\/reports\/flow\?/.test(r.url()) && r.status() === 200);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Rapportages' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Rapportages' }).waitFor();
    // The same query the page asked for, asked again of the API.
    const query = Object.fromEntries(new URL((await asked).url()).searchParams) as Record<string, string>;
    // By default the last twelve months (a calendar year has little to show in January).
    const today = amsterdamToday();
    const yearAgo = new Date(`${today}T12:00:00Z`);
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    yearAgo.setUTCDate(yearAgo.getUTCDate() + 1);
    expect(query).toEqual({ from: yearAgo.toISOString().slice(0, 10), to: today });
    pageQuery = query;
    const report = await flow(chair, query);
    await section(page, 'inflow').locator('.koers-rpt-bars__row').first().waitFor();

    // Inflow by source: one bar per source (SVG), the signals at its end, the inclusion split in the table.
    const inflow = section(page, 'inflow');
    expect(report.inflow!.rows.length).toBeGreaterThan(2);
    expect(await inflow.locator('figure svg rect').count()).toBeGreaterThan(report.inflow!.rows.length);
    expect(await chartRows(inflow)).toEqual(report.inflow!.rows.map((r) => [r.label, String(r.signals)]));
    expect(await tableRows(inflow)).toEqual(
      report.inflow!.rows.map((r) => [
        r.label,
        ...[r.signals, r.included, r.notIncluded, r.undecided].map(String),
      ]),
    );
    await inflow.getByText('Geïncludeerd', { exact: true }).first().waitFor();

    // Outflow by reason, with whether the client still uses.
    const outflow = section(page, 'outflow');
    expect(report.outflow!.rows.length).toBeGreaterThan(0);
    expect(await chartRows(outflow)).toEqual(report.outflow!.rows.map((r) => [r.label, String(r.total)]));
    expect(await tableRows(outflow)).toEqual(
      report.outflow!.rows.map((r) => [
        r.label,
        ...[r.total, r.stillUsing.no, r.stillUsing.yes, r.stillUsing.unknown].map(String),
      ]),
    );

    // Time per stage: the waiting list's median at the end of its box, its quartiles in the table.
    const durations = section(page, 'stageDurations');
    const waiting = report.stageDurations!.rows.find((r) => r.stage === 'waiting_list')!;
    expect(waiting.medianDays).not.toBeNull();
    const rows = await chartRows(durations);
    const waitingRow = rows.find(([label]) => label === waiting.label)!;
    expect(dutch(waitingRow[1].replace(/\s*dag(en)?$/, ''))).toBe(waiting.medianDays);
    expect(rows.map(([label]) => label)).toContain('Van signaal tot opname');
    const waitingCells = (await tableRows(durations)).find(([label]) => label === waiting.label)!;
    expect(waitingCells.slice(1, 5).map(dutch)).toEqual([
      waiting.count,
      waiting.q1Days,
      waiting.medianDays,
      waiting.q3Days,
    ]);
    expect(await page.locator('[data-kpi="waiting"] .koers-rpt-kpi__value').innerText()).toBe(waitingRow[1]);
    expect(await page.locator('[data-kpi="inflow"] .koers-rpt-kpi__value').innerText()).toBe(
      String(report.inflow!.rows.reduce((sum, r) => sum + r.signals, 0)),
    );

    // No inline styles anywhere (the Content-Security-Policy would block them; Chromium's own empty ones aside).
    const styled = await page
      .locator('main [style]:not([style=""])')
      .evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 200)));
    expect(styled).toEqual([]);

    // On paper: the report without the menu, the filters and the buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.koers-rpt-controls').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
    expect(await page.locator('.koers-rpt-header__meta').isVisible()).toBe(true);
    await screenshot(page, 'reports-print');
    await page.emulateMedia({ media: 'screen' });
    await expectNoAxeViolations(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'reports');
  });

  it('a count opens the trajectories behind it, each a link to the client’s page', async () => {
    expect(new URL(page.url()).search).toBe('');
    const report = await flow(chair, pageQuery);
    const row = report.inflow!.rows.find((r) => r.signals >= 2)!;
    const figure = `${row.figure}.signals`;
    const expected = await request(api.http)
      .get('/api/reports/drilldown')
      .query({ ...pageQuery, figure })
      .set(chair);
    expect(expected.status).toBe(200);
    const asked = page.waitForResponse((r) => /\/api\/reports\/drilldown\?/.test(r.url()));
    await section(page, 'inflow').locator(`.koers-rpt-bars button[data-figure="${figure}"]`).click();
    // The page asks for the figure over the same period and area as the report it shows.
    const answer = await asked;
    expect(answer.status()).toBe(200);
    expect(Object.fromEntries(new URL(answer.url()).searchParams)).toEqual({ ...pageQuery, figure });
    const drill = expected.body as { count: number; items: { clientId: string }[] };
    expect(drill.count).toBe(row.signals);

    const dialog = page.getByRole('dialog', { name: 'Trajecten achter dit cijfer' });
    await dialog.getByText(`Instroom · ${row.label} · alle signalen`).waitFor();
    await dialog.getByRole('status').getByText(`${row.signals} trajecten`).waitFor();
    const links = dialog.getByRole('link');
    expect(await links.count()).toBe(row.signals);
    const names = await links.allInnerTexts();
    expect(names.every((n) => n.startsWith('Demo'))).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'reports-drilldown');

    // Escape closes the dialog and puts the keyboard back on the count; Enter opens it again.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate<string | null>('document.activeElement?.dataset.figure ?? null')).toBe(figure);
    await page.keyboard.press('Enter');
    await dialog.getByRole('link').first().waitFor();
    const href = (await links.first().getAttribute('href'))!;
    const clientId = href.split('/').pop()!;
    expect(drill.items.map((i) => i.clientId)).toContain(clientId);
    await links.first().click();
    await page.waitForURL(`${base}/clienten/${clientId}`);
    await page.getByRole('heading', { level: 1, name: names[0] }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('filters by period and area in the URL, and refuses an end before the start in Dutch', async () => {
    await page.goto(`${base}/rapportages`);
    await section(page, 'inflow').waitFor();
    const year = Number(amsterdamToday().slice(0, 4));
    await page.getByRole('button', { name: 'Vorig jaar' }).click();
    await page.waitForURL(/\/rapportages\?van=\d{4}-01-01&tot=\d{4}-12-31$/);
    expect(new URL(page.url()).searchParams.get('van')).toBe(`${year - 1}-01-01`);
    await page
      .locator('.koers-rpt-header__meta')
      .getByText(`1 januari ${year - 1} t/m 31 december ${year - 1}`)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Vorig jaar' }).getAttribute('aria-pressed')).toBe('true');

    // One casusoverleg, a caseload date of its own.
    const [team] = await api.dataSource.query(`SELECT id FROM team WHERE name = $1`, [DEMO_TEAM]);
    const area = page.getByLabel('Gebied', { exact: true });
    await area.selectOption({ label: DEMO_TEAM });
    await page.getByLabel('Van', { exact: true }).fill(`${year}-01-01`);
    await page.getByLabel('Tot en met', { exact: true }).fill(amsterdamToday());
    await page.getByLabel('Peildatum', { exact: true }).fill(`${year}-06-30`);
    await page.getByRole('button', { name: 'Toon rapportage' }).click();
    await page.waitForURL(/team=/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('peildatum')).toBe(`${year}-06-30`);
    const report = await flow(chair, {
      from: `${year}-01-01`,
      to: amsterdamToday(),
      at: `${year}-06-30`,
      team: params.get('team')!,
    });
    expect(params.get('team')).toBe(team.id);
    await section(page, 'caseload')
      .locator('figcaption')
      .getByText('Lopende trajecten per fase op 30 juni')
      .waitFor();
    await page.locator('.koers-rpt-header__meta').getByText('Casusoverleg Middelen Voorbeeldstad').waitFor();
    await page.waitForFunction(
      `document.querySelector('[data-kpi="inflow"] .koers-rpt-kpi__value')?.textContent === '${report.inflow!.rows.reduce((s, r) => s + r.signals, 0)}'`,
    );

    // An end before the start: a Dutch message on the field, and nothing is asked of the API.
    const before = page.url();
    await page.getByLabel('Tot en met', { exact: true }).fill(`${year - 1}-01-01`);
    await page.getByRole('button', { name: 'Toon rapportage' }).click();
    await page.getByText('De einddatum ligt vóór de begindatum.').waitFor();
    expect(page.url()).toBe(before);
    expect(await page.getByLabel('Tot en met', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);
  });

  it('works on a tablet (768 wide) without the page scrolling sideways', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${base}/rapportages`);
    await section(page, 'inflow').locator('.koers-rpt-bars__row').first().waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'reports-tablet');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('downloads the council XLSX, which a clerk opens with small numbers hidden', async () => {
    await page.goto(`${base}/rapportages`);
    await section(page, 'inflow').locator('.koers-rpt-bars__row').first().waitFor();
    const started = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download voor de raad (XLSX)' }).click();
    const file = await started;
    expect(file.suggestedFilename()).toMatch(
      /^koers-rapportage-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-gemeenteraad\.xlsx$/,
    );
    const path = join(downloads, file.suggestedFilename());
    await file.saveAs(path);
    await page
      .getByRole('status')
      .getByText(`Het bestand ${file.suggestedFilename()} is gedownload.`)
      .waitFor();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Instroom', 'Uitstroom', 'Tijd per fase', 'Toelichting']));
    const inflow = workbook.getWorksheet('Instroom')!;
    expect(inflow.getCell('A4').value).toBe('Bron van het signaal');
    const police = inflow.getColumn(1).values.findIndex((v) => v === 'Politie');
    expect(police).toBeGreaterThan(4);
    // The demo's police gave 3 signals: a council sees "<5", not 3.
    expect(inflow.getRow(police).getCell(2).value).toBe('<5');
    expect(String(inflow.getCell('A1').value)).toContain('Casusoverleg Middelen Voorbeeldstad');
  });

  it('demo-police sees the health and budget sections withheld, and no spending', async () => {
    const police = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
    const policePage = await police.newPage();
    try {
      await login(policePage, 'demo-police');
      await policePage
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Rapportages' })
        .click();
      await section(policePage, 'inflow').locator('.koers-rpt-bars__row').first().waitFor();
      for (const id of ['relapses', 'spending', 'recovery']) {
        await section(policePage, id).getByText('Niet zichtbaar voor uw partij (need-to-know).').waitFor();
        expect(await section(policePage, id).locator('figure, table').count()).toBe(0);
      }
      expect(await policePage.locator('[data-kpi="spending"]').count()).toBe(0);
      expect(await policePage.getByText('€').count()).toBe(0);
      expect(await section(policePage, 'outflow').locator('figure').count()).toBe(1);
      await expectNoAxeViolations(policePage);
      await screenshot(policePage, 'reports-police');
    } finally {
      await police.close();
    }
  });

  it('demo-housing (a chain partner) has no menu item, and /rapportages refuses in Dutch', async () => {
    const housing = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
    const housingPage = await housing.newPage();
    const reportRequests: string[] = [];
    housingPage.on('request', (r) => {
      if (r.url().includes('/api/reports')) reportRequests.push(r.url());
    });
    try {
      await login(housingPage, 'demo-housing');
      const nav = housingPage.getByRole('navigation', { name: 'Hoofdmenu' });
      await nav.getByRole('link').first().waitFor();
      expect(await nav.getByRole('link', { name: 'Rapportages' }).count()).toBe(0);
      await housingPage.goto(`${base}/rapportages`);
      await housingPage.getByRole('heading', { level: 1, name: 'Rapportages' }).waitFor();
      await housingPage
        .getByRole('status')
        .getByText('U heeft geen toegang tot de rapportages.', { exact: false })
        .waitFor();
      expect(await housingPage.locator('figure, table, section[data-section]').count()).toBe(0);
      expect(reportRequests).toEqual([]);
      await expectNoAxeViolations(housingPage);
      const refused = await request(api.http)
        .get('/api/reports/flow')
        .set(await api.login('demo-housing', DEMO_PASSWORD));
      expect(refused.status).toBe(403);
    } finally {
      await housing.close();
    }
  });
});
