import { ActionItem } from './action.entity';
import { AppSetting } from './app-setting.entity';
import { AuditCheckpoint, AuditLogEntry } from './audit-log.entity';
import { AdminAuditEntry } from './admin-audit.entity';
import { BUDGET_ENTITIES } from './budget.entities';
import { CaseIntake } from './case-intake.entity';
import { ClientInvitation } from './client-invitation.entity';
import { ClientAnonymisationRun } from './client-anonymisation-run.entity';
import { MeetingRecord } from './meeting-record.entity';
import { Meeting } from './meeting.entity';
import { TrajectoryDeadlineSummary } from './trajectory-deadline-summary.entity';
import { Client } from './client.entity';
import { DeadlineStepRow } from './deadline-step.entity';
import { Deadline } from './deadline.entity';
import { Deputy } from './deputy.entity';
import { JournalEntry } from './journal-entry.entity';
import { Notification } from './notification.entity';
import { Municipality } from './municipality.entity';
import { OutboxMessage } from './outbox-message.entity';
import { Party } from './party.entity';
import { Session } from './session.entity';
import { LoginThrottle } from './login-throttle.entity';
import { UserTotp } from './user-totp.entity';
import { TeamBudget } from './team-budget.entity';
import { TeamMember } from './team-member.entity';
import { TeamSetup } from './team-setup.entity';
import { Team } from './team.entity';
import { TrajectoryEvent } from './trajectory-event.entity';
import { Trajectory } from './trajectory.entity';
import { User } from './user.entity';
import { OidcLogin } from './oidc-login.entity';
import { RECOVERY_ENTITIES } from './recovery-measurement.entity';

export {
  Client,
  Municipality,
  OutboxMessage,
  Party,
  Session,
  Team,
  TeamMember,
  Trajectory,
  TrajectoryEvent,
  User,
};
export * from './user.entity';
export * from './login-throttle.entity';
export * from './user-totp.entity';
export * from './deadline.entity';
export * from './deadline-step.entity';
export * from './deputy.entity';
export * from './notification.entity';
export * from './app-setting.entity';
export * from './journal-entry.entity';
export * from './team-setup.entity';
export * from './team-budget.entity';
export * from './meeting.entity';
export * from './meeting-record.entity';
export * from './action.entity';
export * from './case-intake.entity';
export * from './client-invitation.entity';
export * from './client-anonymisation-run.entity';
export * from './trajectory-deadline-summary.entity';
export * from './audit-log.entity';
export * from './admin-audit.entity';
export * from './oidc-login.entity';
export * from './budget.entities';
export * from './recovery-measurement.entity';
export * from './recovery-instrument-item-text.entity';

export const ENTITIES = [
  Municipality,
  Team,
  Party,
  User,
  TeamMember,
  Session,
  LoginThrottle,
  UserTotp,
  Client,
  Trajectory,
  TrajectoryEvent,
  OutboxMessage,
  Deadline,
  DeadlineStepRow,
  Notification,
  Deputy,
  AppSetting,
  JournalEntry,
  TeamSetup,
  TeamBudget,
  TrajectoryDeadlineSummary,
  Meeting,
  MeetingRecord,
  ActionItem,
  CaseIntake,
  ClientInvitation,
  ClientAnonymisationRun,
  AuditLogEntry,
  AuditCheckpoint,
  AdminAuditEntry,
  OidcLogin,
  ...BUDGET_ENTITIES,
  ...RECOVERY_ENTITIES,
];
