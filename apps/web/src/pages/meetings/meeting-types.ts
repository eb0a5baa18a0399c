/** The shapes of libs/casusoverleg's and libs/teams' answers, as far as the meeting screens read them. */

export interface MeetingView {
  id: string;
  team: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  location: string | null;
  status: 'planned' | 'held' | 'cancelled' | string;
  sequence: number;
  heldAt: string | null;
  attendeeIds: string[];
  cadence: { previousHeldAt: string | null; daysSincePrevious: number | null; message: string | null };
}

export interface RecordView {
  id: string;
  clientId: string;
  kind: 'note' | 'decision' | string;
  decisionType: 'inclusion' | 'other' | null;
  text: string;
  reasons: string | null;
  eventSeq: number | null;
  author: { id: string; displayName: string };
  createdAt: string;
}

export interface ActionView {
  id: string;
  clientId: string;
  meetingId: string | null;
  description: string;
  owner: {
    partyKind: string | null;
    partyLabel: string | null;
    userId: string | null;
    displayName: string | null;
  };
  dueDate: string;
  status: 'open' | 'done' | string;
  doneNote: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface MeetingDetail extends MeetingView {
  records: RecordView[];
  actions: ActionView[];
}

export interface AgendaItemView {
  position: number;
  clientId: string;
  displayName: string;
  stage: string;
  stageLabel: string;
  reason: string;
  reasonLabel: string;
  estimateMinutes: number;
  note: string | null;
  blockers: { code: string; message: string; liftedBy: string }[];
}

export interface AgendaView {
  meetingId: string;
  status: string;
  generated: boolean;
  isFirstMeeting: boolean;
  newCaseLimit: number;
  budgetMinutes: number;
  fixedMinutes: number;
  plannedMinutes: number;
  overBudget: boolean;
  items: AgendaItemView[];
  deferred: (AgendaItemView & { deferredBecause: 'new_case_limit' | 'time_budget' | string })[];
  suggestions: AgendaItemView[];
}

export type { CaseIntakeView } from '../../intake/intake-table';

export interface ParticipantView {
  userId: string;
  displayName: string;
  partyName: string;
  role: string;
}

export interface TeamSetupView {
  id: string;
  name: string;
  participants: Record<string, ParticipantView[]>;
  meetingIntervalWeeks: number;
}

export interface BoardRowView {
  clientId: string;
  displayName: string;
  stage: string;
  stageLabel: string;
  escalated: boolean;
  overdue: boolean;
}

export const DEFERRED_LABELS: Record<string, string> = {
  new_case_limit: 'Het maximum aantal nieuwe casussen voor deze vergadering is bereikt',
  time_budget: 'Past niet meer binnen de tijd van de vergadering',
};

export const MEETING_STATUS_LABELS: Record<string, string> = {
  planned: 'Gepland',
  held: 'Gehouden',
  cancelled: 'Geannuleerd',
};
