import { Injectable } from '@nestjs/common';
import { PARTY_LABELS, type Party } from '@koers/machines/trajectory';
import {
  type Actor,
  ClientAccessRepository,
  type DataCategory,
  INTAKE_ANSWER_CATEGORIES,
  LIFE_DOMAIN_CATEGORIES,
} from '@koers/access';
import { Clock } from '@koers/clock';
import { CaseIntakeDto, INTAKE_QUESTIONS, LIFE_DOMAINS, LIFE_DOMAIN_LABELS } from './dto/case-intake.dto';
import { MeetingsRepository } from './meetings.repository';

export interface CaseIntakeView {
  questions: { id: string; label: string }[];
  lifeDomains: { id: string; label: string }[];
  /** One column per party that answered, side by side. */
  answers: {
    party: string;
    partyLabel: string;
    answers: Record<string, unknown>;
    updatedBy: string;
    updatedAt: string;
  }[];
}

/** Another party's answers without those of categories the reader may not see (e.g. no care for the police). */
function redactAnswers(answers: Record<string, unknown>, categories: readonly DataCategory[]) {
  const visible = (category: DataCategory | undefined) => categories.includes(category ?? 'health');
  const redacted = Object.fromEntries(
    Object.entries(answers).filter(
      ([key]) => key === 'lifeDomains' || visible(INTAKE_ANSWER_CATEGORIES[key]),
    ),
  );
  if (answers.lifeDomains && typeof answers.lifeDomains === 'object') {
    redacted.lifeDomains = Object.fromEntries(
      Object.entries(answers.lifeDomains).filter(([domain]) => visible(LIFE_DOMAIN_CATEGORIES[domain])),
    );
  }
  return redacted;
}

/** The handreiking's questions for a new case (3.7), answered per party and shown side by side. */
@Injectable()
export class CaseIntakeService {
  constructor(
    private readonly repository: MeetingsRepository,
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  /** Stores the actor's party's answers (replacing its earlier ones). */
  async answer(actor: Actor, clientId: string, dto: CaseIntakeDto): Promise<CaseIntakeView> {
    await this.assertClient(actor, clientId);
    await this.repository.dataSource.query(
      `INSERT INTO case_intake (client_id, party_id, answers, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (client_id, party_id) DO UPDATE
         SET answers = EXCLUDED.answers, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [clientId, actor.partyId, JSON.stringify(dto), actor.userId, this.clock.now()],
    );
    return this.get(actor, clientId);
  }

  async get(actor: Actor, clientId: string): Promise<CaseIntakeView> {
    const categories = await this.assertClient(actor, clientId);
    const rows: {
      party_id: string;
      kind: string;
      answers: Record<string, unknown>;
      display_name: string;
      updated_at: Date;
    }[] = await this.repository.dataSource.query(
      `SELECT ci.party_id, p.kind, ci.answers, u.display_name, ci.updated_at
           FROM case_intake ci JOIN party p ON p.id = ci.party_id JOIN app_user u ON u.id = ci.updated_by
          WHERE ci.client_id = $1 ORDER BY array_position(ARRAY['municipality','addiction_care','police'], p.kind), p.kind`,
      [clientId],
    );
    return {
      questions: INTAKE_QUESTIONS.map((q) => ({ id: q.id, label: q.label })),
      lifeDomains: LIFE_DOMAINS.map((id) => ({ id, label: LIFE_DOMAIN_LABELS[id] })),
      answers: rows.map((row) => ({
        party: row.kind,
        partyLabel: PARTY_LABELS[row.kind as Party] ?? row.kind,
        // Need-to-know: a party sees all of its own answers, of the others' what its categories allow.
        answers: row.party_id === actor.partyId ? row.answers : redactAnswers(row.answers, categories),
        updatedBy: row.display_name,
        updatedAt: row.updated_at.toISOString(),
      })),
    };
  }

  /** The handreiking's answers are the casusoverleg's own: its full-scope participants read and write them. */
  private async assertClient(actor: Actor, clientId: string): Promise<DataCategory[]> {
    return (await this.access.assertClientVisible(actor, clientId, { teamOnly: true })).categories;
  }
}
