/** After commit, one message per recorded trajectory event; payload {trajectoryId, seq} (ids only). */
export const TOPIC_TRAJECTORY_EVENT_RECORDED = 'trajectory.event_recorded';

/**
 * After commit, when the overdue step of a deadline that the trajectory reacts to has fired (postal
 * address expiry, leave return); payload {deadlineId, trajectoryId} (ids only).
 */
export const TOPIC_DEADLINE_REACHED = 'deadline.reached';

/**
 * After commit, when a deadline that no trajectory event caused was started, moved or ended (an action
 * agreed in a meeting, the meeting cadence); payload {deadlineId} (ids only).
 */
export const TOPIC_DEADLINE_CHANGED = 'deadline.changed';
