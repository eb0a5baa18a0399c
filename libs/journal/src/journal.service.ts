import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, ClientAccessRepository, JOURNAL_DATA_CATEGORIES } from '@koers/access';
import { amsterdamDate, Clock } from '@koers/clock';
import { ForbiddenException, ValidationFailedException } from '@koers/errors';
import { teamRecipients } from '@koers/notifications';
import { inPgTransaction, type SqlQuery } from '@koers/persistence';
import { CreateJournalEntryDto } from './dto/create-journal-entry.dto';
import {
  JOURNAL_CATEGORIES,
  JOURNAL_CATEGORY_LABELS,
  JOURNAL_KIND_LABELS,
  POLICE_NOTE_TITLE,
  TOPIC_JOURNAL_POLICE_NOTE,
  type JournalCategory,
  type JournalKind,
} from './journal.labels';
import { parseOccurredAt } from './occurred-at';

export interface JournalEntryView {
  id: string;
  clientId: string;
  kind: JournalKind;
  kindLabel: string;
  category: JournalCategory;
  categoryLabel: string;
  text: string;
  /** As recorded: a date (`2026-12-01`) or an instant (ISO, UTC). */
  occurredAt: string;
  authorId: string;
  authorName: string;
  partyKind: string;
  partyName: string;
  recordedAt: string;
}

interface EntryRow {
  id: string;
  clientId: string;
  kind: JournalKind;
  category: JournalCategory;
  text: string;
  occurredAt: Date;
  occurredOnDate: boolean;
  authorId: string;
  authorName: string;
  partyKind: string;
  partyName: string;
  recordedAt: Date;
}

const SELECT_ENTRIES = `
  SELECT j.id, j.client_id AS "clientId", j.kind, j.category, j.text, j.occurred_at AS "occurredAt",
         j.occurred_on_date AS "occurredOnDate", j.author_id AS "authorId", u.display_name AS "authorName",
         j.party_kind AS "partyKind", p.name AS "partyName", j.created_at AS "recordedAt"
    FROM journal_entry j
    JOIN app_user u ON u.id = j.author_id
    JOIN party p ON p.id = j.party_id`;

/** Party kinds whose notes reach the case coordinator (the handreiking asks the police to feed back). */
const NOTIFYING_PARTY = 'police';
const NOTIFIED_PARTY = 'addiction_care';

/**
 * The client journal between meetings. Only participants of the client's casusoverleg read or write it
 * (anyone else gets 404, as for the client itself); author and party come from the session. An entry
 * by the police notifies every addiction-care participant of that casusoverleg (or their deputy) once,
 * in the same transaction as the entry; the worker mails the copies after commit.
 */
@Injectable()
export class JournalService {
  private readonly logger = new Logger('Journal');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ClientAccessRepository,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, clientId: string, body: CreateJournalEntryDto): Promise<JournalEntryView> {
    const now = this.clock.now();
    const occurredAt = parseOccurredAt(body.occurredAt, now);
    if (!occurredAt.ok) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'occurredAt', message: occurredAt.message },
      ]);
    }
    const { id, notified } = await inPgTransaction(this.dataSource, async (query) => {
      // FOR KEY SHARE: the client cannot be deleted or moved while its entry is written.
      const { teamId, categories } = await this.access.assertClientVisible(actor, clientId, {
        query,
        lock: true,
      });
      if (!categories.includes(JOURNAL_DATA_CATEGORIES[body.category as JournalCategory])) {
        throw new ForbiddenException(`Your party may not write ${body.category} entries (need-to-know)`);
      }
      const [entry] = await query<{ id: string }>(
        `INSERT INTO journal_entry (client_id, author_id, party_id, party_kind, kind, category, text, occurred_at,
                                    occurred_on_date, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          clientId,
          actor.userId,
          actor.partyId,
          actor.partyKind,
          body.kind,
          body.category,
          body.text,
          occurredAt.instant,
          occurredAt.dateOnly,
          now,
        ],
      );
      const count =
        actor.partyKind === NOTIFYING_PARTY
          ? await this.notifyCaseCoordinators(query, actor, teamId, clientId, entry.id, now)
          : 0;
      return { id: entry.id, notified: count };
    });
    if (notified > 0) this.logger.log(`journal entry ${id} by the police: ${notified} notification(s)`);
    const [row] = await this.dataSource.query(`${SELECT_ENTRIES} WHERE j.id = $1`, [id]);
    return toView(row);
  }

  async list(actor: Actor, clientId: string): Promise<JournalEntryView[]> {
    const { categories } = await this.access.assertClientVisible(actor, clientId);
    const readable = JOURNAL_CATEGORIES.filter((c) => categories.includes(JOURNAL_DATA_CATEGORIES[c]));
    const rows: EntryRow[] = await this.dataSource.query(
      `${SELECT_ENTRIES} WHERE j.client_id = $1 AND j.category = ANY($2::text[])
        ORDER BY j.occurred_at DESC, j.created_at DESC, j.id`,
      [clientId, readable],
    );
    return rows.map(toView);
  }

  private async notifyCaseCoordinators(
    query: SqlQuery,
    actor: Actor,
    teamId: string,
    clientId: string,
    entryId: string,
    now: Date,
  ): Promise<number> {
    const recipients = (
      await teamRecipients(query, { teamId, partyKinds: [NOTIFIED_PARTY], at: now })
    ).filter((r) => r.userId !== actor.userId); // a deputy who wrote the note needs no notice of it
    for (const recipient of recipients) {
      await query(
        `INSERT INTO notification (user_id, journal_entry_id, client_id, topic, title, on_behalf_of, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (journal_entry_id, user_id) DO NOTHING`,
        [
          recipient.userId,
          entryId,
          clientId,
          TOPIC_JOURNAL_POLICE_NOTE,
          POLICE_NOTE_TITLE,
          recipient.onBehalfOf,
          now,
        ],
      );
    }
    return recipients.length;
  }
}

function toView(row: EntryRow): JournalEntryView {
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    kindLabel: JOURNAL_KIND_LABELS[row.kind],
    category: row.category,
    categoryLabel: JOURNAL_CATEGORY_LABELS[row.category],
    text: row.text,
    occurredAt: row.occurredOnDate ? amsterdamDate(row.occurredAt) : row.occurredAt.toISOString(),
    authorId: row.authorId,
    authorName: row.authorName,
    partyKind: row.partyKind,
    partyName: row.partyName,
    recordedAt: row.recordedAt.toISOString(),
  };
}
