import type { SqlQuery } from '@koers/persistence';

export interface NotificationRecipient {
  userId: string;
  /** Set when the notification goes to a deputy: the participant they stand in for. */
  onBehalfOf: string | null;
}

/** Who a recipient is, and what their need-to-know is worked out from (see accessOf in libs/access). */
export interface RecipientParty {
  userId: string;
  partyKind: string;
  role: string;
}

export interface RecipientSelection {
  teamId: string;
  /** Include the chair(s) of the casusoverleg. */
  chair?: boolean;
  /** Include every participant of these party kinds (e.g. `addiction_care`). */
  partyKinds?: readonly string[];
  /** Include these people (e.g. an action's owner), if they take part in the casusoverleg. */
  userIds?: readonly string[];
  /** Deputies standing in at this instant replace the participant they stand in for. */
  at: Date;
  /**
   * Need-to-know of what the notification is about (e.g. a budget deadline): a deputy who may not read it does
   * not stand in for this one (the participant gets it), and a participant who may not read it gets nothing.
   */
  mayReceive?: (recipient: RecipientParty) => boolean;
}

interface RecipientRow {
  personId: string;
  personPartyKind: string;
  personRole: string;
  deputyId: string | null;
  deputyPartyKind: string | null;
  deputyRole: string | null;
}

/**
 * People of a casusoverleg who should receive a notification: its active participants of the given
 * party kinds (and/or its chair), each replaced by their deputy when one stands in at `at` (the latest
 * started deputy wins), each person once, in id order. Used by the deadline ladder and the journal alike.
 */
export async function teamRecipients(
  query: SqlQuery,
  selection: RecipientSelection,
): Promise<NotificationRecipient[]> {
  const rows = await query<RecipientRow & Record<string, unknown>>(
    `WITH people AS (
       SELECT u.id, u.role, p.kind FROM app_user u
         JOIN team_member tm ON tm.user_id = u.id AND tm.team_id = $1
         JOIN party p ON p.id = u.party_id
        WHERE u.disabled_at IS NULL
          AND (($2 AND u.role = 'chair') OR p.kind = ANY($3::text[]) OR u.id = ANY($5::uuid[]))
     )
     SELECT people.id AS "personId", people.kind AS "personPartyKind", people.role AS "personRole",
            dep.id AS "deputyId", dep.kind AS "deputyPartyKind", dep.role AS "deputyRole"
       FROM people
       LEFT JOIN LATERAL (
         SELECT du.id, du.role, dp.kind FROM deputy d
           JOIN app_user du ON du.id = d.deputy_user_id AND du.disabled_at IS NULL
           JOIN party dp ON dp.id = du.party_id
          WHERE d.user_id = people.id AND d.starts_at <= $4 AND d.ends_at > $4
          ORDER BY d.starts_at DESC LIMIT 1
       ) dep ON true`,
    [
      selection.teamId,
      selection.chair ?? false,
      selection.partyKinds ?? [],
      selection.at,
      selection.userIds ?? [],
    ],
  );
  const may = selection.mayReceive ?? (() => true);
  const byUser = new Map<string, NotificationRecipient>();
  for (const row of rows) {
    const deputyMay =
      row.deputyId !== null &&
      may({ userId: row.deputyId, partyKind: row.deputyPartyKind!, role: row.deputyRole! });
    let recipient: NotificationRecipient;
    if (deputyMay) recipient = { userId: row.deputyId!, onBehalfOf: row.personId };
    else if (may({ userId: row.personId, partyKind: row.personPartyKind, role: row.personRole }))
      recipient = { userId: row.personId, onBehalfOf: null };
    else continue;
    // Each person once: as themselves rather than as someone's deputy, else for the first in id order.
    const known = byUser.get(recipient.userId);
    if (!known || preferred(recipient, known)) byUser.set(recipient.userId, recipient);
  }
  return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

const preferred = (a: NotificationRecipient, b: NotificationRecipient): boolean =>
  b.onBehalfOf !== null && (a.onBehalfOf === null || a.onBehalfOf < b.onBehalfOf);
