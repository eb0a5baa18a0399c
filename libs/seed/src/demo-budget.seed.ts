import type { DataSource } from 'typeorm';
import { type Actor, ClientAccessRepository } from '@koers/access';
import {
  ConditionalArrangementsService,
  SpendsService,
  TeamBudgetService,
  type RequestSpendDto,
} from '@koers/budget';
import { addCalendarDays, amsterdamDate, type ManualClock } from '@koers/clock';
import { SubjectDeadlineWriter } from '@koers/deadlines';
import type { DemoTeamKey } from './demo-data';

const DAY = 86_400_000;

/** The yearly budget of each demo casusoverleg, in euro cents (this year and last year). */
const DEMO_BUDGETS: Record<DemoTeamKey, number> = { a: 1_500_000, b: 800_000 };

type Spend = Omit<RequestSpendDto, 'neededBy'> & { neededByInDays?: number };

interface DemoSpend {
  team: DemoTeamKey;
  client: string;
  daysAgo: number;
  by: string;
  spend: Spend;
  /** Decided a day after the request by the team's chair; left out: still requested. */
  decision?: { approve: true; note?: string } | { approve: false; reason: string };
  /** Repayments of a loan: days ago and amount. */
  repayments?: { daysAgo: number; amountCents: number }[];
  /** A conditional arrangement made with the spend, reviewed this many days after it was made. */
  arrangement?: { conditions: string; reviewInDays: number };
}

/**
 * Synthetic spends across the categories (domain.md §6), of demo clients whose trajectory fits them: approved
 * clinic deposits, containers, travel and bills, a loan being repaid, a gym subscription as a conditional gift with
 * its arrangement and review date, a rejected request, and one urgent clinic deposit still waiting for the chair
 * (demo-chair approves it and sees the budget drop).
 */
const DEMO_SPENDS: DemoSpend[] = [
  {
    team: 'a',
    client: 'Demo H. Hendriks',
    daysAgo: 58,
    by: 'demo-care',
    spend: {
      category: 'clinic_deposit',
      amountCents: 35_000,
      kind: 'gift',
      description: 'Borg voor de opname in de kliniek; de zorgverzekeraar vergoedt de borg niet.',
      urgent: true,
      neededByInDays: 3,
    },
    decision: { approve: true, note: 'Akkoord, spoed: opname gaat voor.' },
  },
  {
    team: 'a',
    client: 'Demo H. Hendriks',
    daysAgo: 50,
    by: 'demo-care',
    spend: {
      category: 'travel',
      amountCents: 4_500,
      kind: 'gift',
      description: 'Treinreizen naar de kliniek voor intake en verlofweekenden.',
    },
    decision: { approve: true },
  },
  {
    team: 'a',
    client: 'Demo I. van Dijk',
    daysAgo: 30,
    by: 'demo-care',
    spend: {
      category: 'skip_container',
      amountCents: 62_000,
      kind: 'gift',
      description: 'Twee containers om de vervuilde woning leeg te halen, zodat uitzetting wordt voorkomen.',
    },
    decision: { approve: true, note: 'Afgestemd met de woningcorporatie.' },
  },
  {
    team: 'a',
    client: 'Demo J. Jacobs',
    daysAgo: 56,
    by: 'demo-care',
    spend: {
      category: 'housing_materials',
      amountCents: 40_000,
      kind: 'loan',
      description: 'Bed, koelkast en gordijnen voor de nieuwe huurwoning; terug te betalen in termijnen.',
    },
    decision: { approve: true },
    repayments: [
      { daysAgo: 30, amountCents: 5_000 },
      { daysAgo: 5, amountCents: 5_000 },
    ],
  },
  {
    team: 'a',
    client: 'Demo J. Jacobs',
    daysAgo: 45,
    by: 'demo-care',
    spend: {
      category: 'bills',
      amountCents: 18_000,
      kind: 'gift',
      description: 'Achterstallige energierekening, om afsluiting in de nieuwe woning te voorkomen.',
    },
    decision: { approve: true },
  },
  {
    team: 'a',
    client: 'Demo K. Dekker',
    daysAgo: 40,
    by: 'demo-care',
    spend: {
      category: 'sports_subscription',
      amountCents: 7_200,
      kind: 'conditional_gift',
      description: 'Sportschoolabonnement voor twee maanden (EUR 36 per maand), eerst via de minimaregeling.',
      conditions: 'Cliënt sport 2 à 3 keer per week; alleen dan wordt het abonnement verlengd.',
    },
    decision: { approve: true },
    arrangement: {
      conditions:
        'Sportschool 2 à 3 keer per week bezoeken; de sportschool houdt de bezoeken bij. Na twee maanden toetsen ' +
        'of het abonnement wordt verlengd.',
      reviewInDays: 60,
    },
  },
  {
    team: 'a',
    client: 'Demo F. Vos',
    daysAgo: 20,
    by: 'demo-care',
    spend: {
      category: 'other',
      amountCents: 15_000,
      kind: 'gift',
      description: 'Nieuwe telefoon zodat de cliënt bereikbaar blijft voor de wachtlijst.',
    },
    decision: { approve: false, reason: 'Eerst een tweedehands toestel via de kringloop proberen.' },
  },
  {
    team: 'a',
    client: 'Demo G. Peters',
    daysAgo: 1,
    by: 'demo-care',
    spend: {
      category: 'clinic_deposit',
      amountCents: 45_000,
      kind: 'gift',
      description:
        'Borg voor de privékliniek; er is een plek vrijgekomen, de borg moet voor de intake betaald zijn.',
      urgent: true,
      neededByInDays: 4,
    },
  },
  {
    team: 'b',
    client: 'Demo P. Kok',
    daysAgo: 25,
    by: 'demo-care-b',
    spend: {
      category: 'bills',
      amountCents: 25_000,
      kind: 'loan',
      description:
        'Voorschot op de huur, zodat er geen nieuwe schuld ontstaat; terug te betalen na de uitkering.',
    },
    decision: { approve: true },
  },
  {
    team: 'b',
    client: 'Demo P. Kok',
    daysAgo: 10,
    by: 'demo-care-b',
    spend: {
      category: 'travel',
      amountCents: 3_000,
      kind: 'gift',
      description: 'Busabonnement voor een maand, om de afspraken bij de verslavingszorg te halen.',
    },
    decision: { approve: true },
  },
];

const CHAIRS: Record<DemoTeamKey, string> = { a: 'demo-chair', b: 'demo-chair-b' };

/**
 * Seeds the demo budget through the budget's own services (backdated with the seed's manual clock), so spends,
 * decisions, repayments, arrangements and their deadlines are what the API would have written.
 */
export async function seedDemoBudget(
  dataSource: DataSource,
  clock: ManualClock,
  actors: Record<string, Actor>,
  teams: Record<DemoTeamKey, string>,
  today: number,
): Promise<void> {
  const deadlines = new SubjectDeadlineWriter();
  const access = new ClientAccessRepository(dataSource);
  const spends = new SpendsService(dataSource, access, deadlines, clock);
  const arrangements = new ConditionalArrangementsService(dataSource, access, deadlines, clock);
  const budgets = new TeamBudgetService(dataSource, clock);
  const at = (daysAgo: number) => clock.set(new Date(today - daysAgo * DAY));

  at(60);
  const year = Number(amsterdamDate(new Date(today)).slice(0, 4));
  for (const key of Object.keys(teams) as DemoTeamKey[]) {
    for (const y of [year - 1, year]) {
      await budgets.setYearBudget(actors[CHAIRS[key]], teams[key], y, { amountCents: DEMO_BUDGETS[key] });
    }
  }

  for (const demo of DEMO_SPENDS) {
    const [client] = await dataSource.query(
      `SELECT id FROM client WHERE display_name = $1 AND team_id = $2`,
      [demo.client, teams[demo.team]],
    );
    at(demo.daysAgo);
    const { neededByInDays, ...spend } = demo.spend;
    const requestDay = amsterdamDate(clock.now());
    const requested = await spends.request(actors[demo.by], client.id, {
      ...spend,
      ...(neededByInDays !== undefined ? { neededBy: addCalendarDays(requestDay, neededByInDays) } : {}),
    });
    let version = requested.version;
    const chair = actors[CHAIRS[demo.team]];
    if (demo.decision) {
      at(Math.max(0, demo.daysAgo - 1));
      const decided = demo.decision.approve
        ? await spends.approve(chair, requested.id, { expectedVersion: version, note: demo.decision.note })
        : await spends.reject(chair, requested.id, {
            expectedVersion: version,
            reason: demo.decision.reason,
          });
      version = decided.version;
    }
    for (const repayment of demo.repayments ?? []) {
      at(repayment.daysAgo);
      const repaid = await spends.recordRepayment(actors[demo.by], requested.id, {
        expectedVersion: version,
        amountCents: repayment.amountCents,
        paidOn: amsterdamDate(clock.now()),
      });
      version = repaid.version;
    }
    if (demo.arrangement) {
      at(Math.max(0, demo.daysAgo - 1));
      await arrangements.create(actors[demo.by], client.id, {
        conditions: demo.arrangement.conditions,
        reviewDate: addCalendarDays(requestDay, demo.arrangement.reviewInDays),
        spendIds: [requested.id],
      });
    }
  }
}
