import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEADLINE_CATEGORIES, accessOf, withinBasis } from '@koers/access';
import { Clock, TIME_ZONE } from '@koers/clock';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from '@koers/machines/trajectory';
import { TOPIC_DEADLINE_REACHED } from '@koers/outbox';
import { teamRecipients, type NotificationRecipient, type RecipientParty } from '@koers/notifications';
import { SqlQuery, inPgTransaction } from '@koers/persistence';
import { DEFAULT_DEADLINE_POLICIES, DeadlineStep } from './deadline-policy';

/** Deadline kinds whose expiry changes the trajectory itself (see the statechart's DEADLINE_REACHED). */
const TRAJECTORY_REACTS_TO: DeadlineKind[] = ['postal_address_expiry', 'leave_return'];

interface DueStep {
  id: string;
  trajectory_id: string | null;
  step: DeadlineStep;
  recipients: string[];
  deadline_id: string;
  kind: DeadlineKind;
  due_at: Date;
  team_id: string;
  client_id: string | null;
  /** The client's legal basis (trajectory.legal_basis); null for the casusoverleg's own deadlines. */
  legal_basis: string | null;
  /** For an action_due deadline: the action's owner (a party of the casusoverleg, or one person). */
  owner_party_kind: string | null;
  owner_user_id: string | null;
}

const BATCH = 50;
const LADDER_ORDER = `array_position(ARRAY['warning', 'overdue', 'agenda'], s.step)`;
const SELECT_DUE = `
  SELECT s.id, s.step, s.recipients, d.id AS deadline_id, d.kind, d.due_at, d.team_id, d.trajectory_id, t.client_id,
         t.legal_basis, a.owner_party_kind, a.owner_user_id
    FROM deadline_step s
    JOIN deadline d ON d.id = s.deadline_id
    LEFT JOIN trajectory t ON t.id = d.trajectory_id
    LEFT JOIN action a ON a.id = d.subject_id AND d.kind = 'action_due'
   WHERE s.status = 'pending' AND s.fire_at <= $1`;

const dueDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Fires deadline steps (rows locked FOR NO KEY UPDATE, which a notification's foreign-key check does not
 * block): PostgreSQL decides what is due, so a lost queue or a killed worker loses nothing,
 * and a step fires once however often it is asked (invariant 5). Each step in its own short transaction:
 * lock it (SKIP LOCKED, so workers share the work), re-check it is still pending and due, notify each
 * recipient once (or their deputy), mark it fired.
 */
@Injectable()
export class DeadlineFiringService {
  private readonly logger = new Logger('DeadlineFiring');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every step due now, oldest first (steps whose time passed long ago fire at once, in order). */
  async fireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await inPgTransaction(this.dataSource, async (query) => {
        const now = this.clock.now();
        const steps = await query<DueStep>(
          `${SELECT_DUE} ORDER BY s.fire_at, ${LADDER_ORDER} LIMIT ${BATCH} FOR NO KEY UPDATE OF s SKIP LOCKED`,
          [now],
        );
        // Per trajectory in id order: firing refreshes the trajectory's deadline summary (a row lock, see the
        // BoardAndMeetings migration), and one lock order keeps concurrent batches from deadlocking.
        const ordered = steps
          .map((step, index) => ({ step, index }))
          .sort(
            (a, b) =>
              (a.step.trajectory_id ?? '').localeCompare(b.step.trajectory_id ?? '') || a.index - b.index,
          );
        for (const { step } of ordered) await this.fire(query, step, now);
        return steps.length;
      });
      total += fired;
      if (fired < BATCH) return total;
    }
  }

  /** One step, as a queued job asks: does nothing unless it is still pending and due. */
  async fireStep(stepId: string): Promise<boolean> {
    return inPgTransaction(this.dataSource, async (query) => {
      const now = this.clock.now();
      const [step] = await query<DueStep>(`${SELECT_DUE} AND s.id = $2 FOR NO KEY UPDATE OF s SKIP LOCKED`, [
        now,
        stepId,
      ]);
      if (!step) return false;
      await this.fire(query, step, now);
      return true;
    });
  }

  private async fire(query: SqlQuery, step: DueStep, now: Date): Promise<void> {
    const recipients = await this.recipients(query, step, now);
    const title = this.title(step);
    for (const recipient of recipients) {
      await query(
        `INSERT INTO notification (user_id, deadline_step_id, client_id, topic, title, on_behalf_of, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (deadline_step_id, user_id) DO NOTHING`,
        [
          recipient.userId,
          step.id,
          step.client_id,
          `deadline.${step.step}`,
          title,
          recipient.onBehalfOf,
          now,
        ],
      );
    }
    await query(`UPDATE deadline_step SET status = 'fired', fired_at = $2 WHERE id = $1`, [step.id, now]);
    if (step.step === 'overdue' && step.trajectory_id && TRAJECTORY_REACTS_TO.includes(step.kind)) {
      // The trajectory hears of it after commit (DEADLINE_REACHED), so its state and blockers reflect it.
      await query(
        `INSERT INTO outbox_message (topic, payload, created_at)
         VALUES ($1, jsonb_build_object('deadlineId', $2::uuid, 'trajectoryId', $3::uuid), $4)`,
        [TOPIC_DEADLINE_REACHED, step.deadline_id, step.trajectory_id, now],
      );
    }
    const deputies = recipients.filter((r) => r.onBehalfOf).length;
    this.logger.log(
      `deadline ${step.deadline_id} ${step.kind}/${step.step} fired: ${recipients.length} recipient(s)` +
        (deputies ? `, ${deputies} via a deputy` : ''),
    );
  }

  /** The step's recipients as people of the casusoverleg, each replaced by their deputy when one stands in now. */
  private async recipients(query: SqlQuery, step: DueStep, now: Date): Promise<NotificationRecipient[]> {
    if (step.recipients.length === 0) return [];
    // An action's owner is the party or person the meeting named; other kinds have the policy's owners.
    const action = step.kind === 'action_due' && (step.owner_party_kind || step.owner_user_id);
    const owners: string[] = action
      ? step.owner_party_kind
        ? [step.owner_party_kind]
        : []
      : DEFAULT_DEADLINE_POLICIES[step.kind].owners;
    const toOwner = step.recipients.includes('owner');
    const wantsChair = step.recipients.includes('chair') || (toOwner && owners.includes('chair'));
    const ownerParties = toOwner ? owners.filter((o) => o !== 'chair') : [];
    const ownerUser = toOwner && action ? step.owner_user_id : null;
    return teamRecipients(query, {
      teamId: step.team_id,
      chair: wantsChair,
      partyKinds: ownerParties,
      userIds: ownerUser ? [ownerUser] : [],
      at: now,
      mayReceive: (recipient) => mayReadDeadline(recipient, step),
    });
  }

  private title(step: DueStep): string {
    const label = DEADLINE_KIND_LABELS[step.kind] ?? step.kind;
    const due = dueDate.format(step.due_at);
    return step.step === 'warning' ? `${label}: verloopt op ${due}` : `${label}: verlopen sinds ${due}`;
  }
}

/**
 * Need-to-know of a notification about a deadline: its title names the kind and it points at the client, so only
 * those whose party may read the kind's category (within what the client's legal basis allows) receive it. This
 * keeps out a deputy of another party (a police officer standing in for the chair hears nothing of an urgent
 * payment: the chair gets it) and any owner the legal basis excludes. An action's owner, named by the
 * casusoverleg, always hears of their own action.
 */
function mayReadDeadline(recipient: RecipientParty, step: DueStep): boolean {
  if (
    step.kind === 'action_due' &&
    (recipient.userId === step.owner_user_id || recipient.partyKind === step.owner_party_kind)
  )
    return true;
  const { categories } = accessOf(recipient.partyKind, recipient.role);
  const readable = step.legal_basis === null ? categories : withinBasis(categories, step.legal_basis);
  return readable.includes(DEADLINE_CATEGORIES[step.kind] ?? 'trajectory');
}
