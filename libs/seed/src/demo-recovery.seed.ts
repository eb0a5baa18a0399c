import type { DataSource } from 'typeorm';
import type { Actor } from '@koers/access';
import { amsterdamDate, amsterdamInstant } from '@koers/clock';
import { answerProblems, instrumentById, scoreMeasurement } from '@koers/recovery';

const DAY = 86_400_000;

interface DemoMeasurement {
  client: string;
  instrumentId: 'barc10' | 'mhqol';
  daysAgo: number;
  /** Answers in item order (q1, q2, …); null leaves an item unanswered. */
  answers: (number | null)[];
  extraScores?: Record<string, number>;
  by: string;
}

/**
 * Recovery measurements of the demo clients in aftercare (issue 7 item 2): BARC-10 over months, rising towards the
 * threshold of its validation study for one, one incomplete form, and one MHQoL. Synthetic, like every demo client.
 */
export const DEMO_RECOVERY: DemoMeasurement[] = [
  {
    client: 'Demo J. Jacobs',
    instrumentId: 'barc10',
    daysAgo: 98,
    answers: [3, 3, 3, 2, 3, 3, 4, 4, 3, 4],
    by: 'demo-care',
  },
  {
    client: 'Demo J. Jacobs',
    instrumentId: 'barc10',
    daysAgo: 68,
    answers: [4, 4, 3, 3, 3, 4, 4, 5, 4, 4],
    by: 'demo-care',
  },
  {
    client: 'Demo J. Jacobs',
    instrumentId: 'barc10',
    daysAgo: 38,
    answers: [5, 4, 4, 3, 4, 4, 5, 5, 4, 5],
    by: 'demo-care',
  },
  {
    client: 'Demo J. Jacobs',
    instrumentId: 'barc10',
    daysAgo: 8,
    answers: [5, 5, 4, 4, 5, 5, 5, 6, 4, 5],
    by: 'demo-care',
  },
  {
    client: 'Demo J. Jacobs',
    instrumentId: 'mhqol',
    daysAgo: 8,
    answers: [2, 2, 2, 1, 2, 2, 2],
    extraScores: { vas: 7 },
    by: 'demo-care',
  },
  {
    client: 'Demo K. Dekker',
    instrumentId: 'barc10',
    daysAgo: 148,
    answers: [3, 2, 3, 2, 3, 3, 3, 4, 3, 3],
    by: 'demo-care',
  },
  {
    client: 'Demo K. Dekker',
    instrumentId: 'barc10',
    daysAgo: 105,
    answers: [4, 3, 3, null, 3, 4, null, 4, 3, 4],
    by: 'demo-care',
  },
  {
    client: 'Demo K. Dekker',
    instrumentId: 'barc10',
    daysAgo: 62,
    answers: [4, 3, 4, 3, 3, 4, 4, 4, 3, 4],
    by: 'demo-care',
  },
  {
    client: 'Demo L. Brouwer',
    instrumentId: 'barc10',
    daysAgo: 290,
    answers: [3, 4, 3, 3, 4, 3, 4, 4, 3, 4],
    by: 'demo-care',
  },
  {
    client: 'Demo L. Brouwer',
    instrumentId: 'barc10',
    daysAgo: 180,
    answers: [4, 4, 4, 4, 5, 4, 5, 5, 4, 5],
    by: 'demo-care',
  },
  {
    client: 'Demo L. Brouwer',
    instrumentId: 'barc10',
    daysAgo: 40,
    answers: [5, 5, 5, 4, 5, 5, 6, 6, 5, 6],
    by: 'demo-chair',
  },
];

/** Writes the demo measurements (called by the demo seed, after the clients); returns how many. */
export async function seedDemoRecovery(
  dataSource: DataSource,
  actors: Record<string, Actor>,
  today: number,
): Promise<number> {
  for (const demo of DEMO_RECOVERY) {
    const definition = instrumentById(demo.instrumentId)!;
    const answers = Object.fromEntries(
      definition.items.flatMap((item, i) => (demo.answers[i] == null ? [] : [[item.id, demo.answers[i]]])),
    ) as Record<string, number>;
    const problems = answerProblems(definition, answers, demo.extraScores);
    if (problems.length > 0)
      throw new Error(`demo recovery data: ${problems.map((p) => p.message).join('; ')}`);
    const actor = actors[demo.by];
    // A date, as a form on paper has: 00:00 Amsterdam time of that day.
    const measuredAt = amsterdamInstant(amsterdamDate(new Date(today - demo.daysAgo * DAY)));
    const inserted = await dataSource.query(
      `INSERT INTO recovery_measurement (client_id, team_id, instrument_id, instrument_version, measured_at,
                                         measured_on_date, answers, extra_scores, total_score, recorded_by,
                                         recorded_party_kind, recorded_at)
       SELECT c.id, c.team_id, $2, $3, $4, true, $5, $6, $7, $8, $9, $10 FROM client c WHERE c.display_name = $1
       RETURNING id`,
      [
        demo.client,
        definition.id,
        definition.version,
        measuredAt,
        JSON.stringify(answers),
        JSON.stringify(demo.extraScores ?? {}),
        scoreMeasurement(definition, answers).total,
        actor.userId,
        actor.partyKind,
        new Date(today - demo.daysAgo * DAY + 3_600_000),
      ],
    );
    if (inserted.length !== 1) throw new Error(`demo recovery data: no single client named ${demo.client}`);
  }
  return DEMO_RECOVERY.length;
}
