import type { SqlQuery } from '@koers/persistence';

export interface NotificationRecipient {
  userId: string;
  /** Set when the notification goes to a deputy: the participant they stand in for. */
  onBehalfOf: string | null;
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
}

/**
 * People of a casusoverleg who should receive a notification: its active participants of the given
 * party kinds (and/or its chair), each replaced by their deputy when one stands in at `at` (the latest
 * started deputy wins), each person once. Used by the deadline ladder and the journal alike.
 */
export function teamRecipients(
  query: SqlQuery,
  selection: RecipientSelection,
): Promise<NotificationRecipient[]> {
  return query<NotificationRecipient & Record<string, unknown>>(
    `WITH people AS (
       SELECT u.id FROM app_user u
         JOIN team_member tm ON tm.user_id = u.id AND tm.team_id = $1
         JOIN party p ON p.id = u.party_id
        WHERE u.disabled_at IS NULL
          AND (($2 AND u.role = 'chair') OR p.kind = ANY($3::text[]) OR u.id = ANY($5::uuid[]))
     )
     SELECT DISTINCT ON (COALESCE(dep.deputy_user_id, people.id))
            COALESCE(dep.deputy_user_id, people.id) AS "userId",
            CASE WHEN dep.deputy_user_id IS NULL THEN NULL ELSE people.id END AS "onBehalfOf"
       FROM people
       LEFT JOIN LATERAL (
         SELECT d.deputy_user_id FROM deputy d
           JOIN app_user du ON du.id = d.deputy_user_id AND du.disabled_at IS NULL
          WHERE d.user_id = people.id AND d.starts_at <= $4 AND d.ends_at > $4
          ORDER BY d.starts_at DESC LIMIT 1
       ) dep ON true
      ORDER BY COALESCE(dep.deputy_user_id, people.id), "onBehalfOf" NULLS FIRST`,
    [
      selection.teamId,
      selection.chair ?? false,
      selection.partyKinds ?? [],
      selection.at,
      selection.userIds ?? [],
    ],
  );
}
