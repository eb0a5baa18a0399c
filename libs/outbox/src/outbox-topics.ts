/** After commit, one message per recorded trajectory event; payload {trajectoryId, seq} (ids only). */
export const TOPIC_TRAJECTORY_EVENT_RECORDED = 'trajectory.event_recorded';

/**
 * After commit, when the overdue step of a deadline that the trajectory reacts to has fired (postal
 * address expiry, leave return); payload {deadlineId, trajectoryId} (ids only).
 */
export const TOPIC_DEADLINE_REACHED = 'deadline.reached';
