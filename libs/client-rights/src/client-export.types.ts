/**
 * The data-subject export of one client (AVG art. 15 and 20; issue 5 item 5): everything Koers stores about the
 * client, and nothing about anyone else's case. Machine-readable and stable: field names do not change within a
 * `version`; dates are ISO 8601 (`YYYY-MM-DD`), instants ISO 8601 in UTC (`…Z`); ids are UUIDs; enum values are
 * the API's ids, with a Dutch `…Label` beside them where the API has one.
 */
import type { LegalBasisView } from '@koers/trajectory';
import type { ExportRecovery } from './client-export.recovery';
import type { ExportBudget } from './client-export.budget';

export const CLIENT_EXPORT_FORMAT = 'koers.client-export';
export const CLIENT_EXPORT_VERSION = 1;

/** A person working in the casusoverleg (never a client). */
export interface ExportPerson {
  userId: string | null;
  displayName: string | null;
  partyKind: string | null;
}

export interface ClientExport {
  format: typeof CLIENT_EXPORT_FORMAT;
  version: typeof CLIENT_EXPORT_VERSION;
  generatedAt: string;
  generatedBy: ExportPerson;
  client: {
    id: string;
    displayName: string;
    birthDate: string | null;
    /** The burgerservicenummer, if one was recorded: the client's own data. */
    bsn: string | null;
    createdAt: string;
    createdBy: ExportPerson;
    /** Set when identity and free text were removed after the retention period. */
    anonymisedAt: string | null;
    team: { id: string; name: string; municipality: string };
  };
  trajectory: {
    id: string;
    stage: string;
    stageLabel: string;
    /** The statechart's state value, e.g. `{"aftercare": {...}}`. */
    state: unknown;
    /** Decisions and facts the trajectory recorded (inclusion and its reasons, legal basis, treatment, …). */
    context: Record<string, unknown>;
    version: number;
    openedAt: string;
    stageEnteredAt: string;
    closedAt: string | null;
    /** Every event, oldest first, with its full payload. */
    history: {
      seq: number;
      type: string;
      typeLabel: string;
      fromStage: string | null;
      toStage: string;
      occurredAt: string;
      by: ExportPerson;
      payload: Record<string, unknown>;
      anonymisedAt: string | null;
    }[];
  };
  deadlines: {
    id: string;
    kind: string;
    label: string;
    status: string;
    dueAt: string;
    base: string;
    revision: number;
    createdAt: string;
    doneAt: string | null;
    steps: {
      step: string;
      revision: number;
      fireAt: string;
      status: string;
      firedAt: string | null;
      recipients: string[];
    }[];
  }[];
  /** In-app notifications about the client: titles only (the text of a notification names no client). */
  notifications: {
    id: string;
    topic: string;
    title: string;
    createdAt: string;
    readAt: string | null;
    recipient: ExportPerson;
  }[];
  journal: {
    id: string;
    kind: string;
    kindLabel: string;
    category: string;
    categoryLabel: string;
    text: string;
    occurredAt: string;
    occurredOnDate: boolean;
    createdAt: string;
    author: ExportPerson;
  }[];
  /** Meetings that discussed the client: only this client's agenda item and records. */
  meetings: {
    meetingId: string;
    startsAt: string;
    status: string;
    location: string | null;
    heldAt: string | null;
    /** Who attended a held meeting (professionals). */
    attendees: ExportPerson[];
    agendaItem: { position: number; reason: string; note: string | null } | null;
    records: {
      id: string;
      kind: string;
      /** Its data category (need-to-know): `trajectory` unless the writer chose the one the note is about. */
      category: string;
      categoryLabel: string;
      decisionType: string | null;
      text: string;
      reasons: string | null;
      eventSeq: number | null;
      createdAt: string;
      author: ExportPerson;
    }[];
  }[];
  actions: {
    id: string;
    meetingId: string | null;
    description: string;
    owner: { partyKind: string | null; person: ExportPerson | null };
    dueDate: string;
    status: string;
    doneNote: string | null;
    doneAt: string | null;
    doneBy: ExportPerson | null;
    createdAt: string;
    createdBy: ExportPerson;
  }[];
  /** The handreiking's questions, answered per party. */
  intake: {
    partyKind: string;
    partyLabel: string;
    answers: Record<string, unknown>;
    updatedAt: string;
    updatedBy: ExportPerson;
  }[];
  /** Chain partners invited to the case, with the categories they could see. */
  invitations: {
    id: string;
    party: { id: string; kind: string; name: string };
    scope: string[];
    startsAt: string;
    endsAt: string;
    reason: string;
    invitedBy: ExportPerson;
    createdAt: string;
    revokedAt: string | null;
    revokedBy: ExportPerson | null;
  }[];
  /**
   * The legal basis on which the client's data is shared (domain.md §8): the kind in force, what it allows, who
   * recorded it and when, its scope or justification, and every earlier basis (consent given, withdrawn, a covenant).
   */
  legalBasis: LegalBasisView;
  /** Who read, searched, exported or changed the client's data (the access log), oldest first. */
  accessLog: {
    id: string;
    occurredAt: string;
    event: string;
    user: ExportPerson;
    responsibleUserId: string | null;
    accessPoint: string;
    categories: string[];
    result: string;
    status: number;
    /** The client's legal basis when the access was logged; null for rows from before it was logged. */
    legalBasis: string | null;
  }[];
  /** Recovery measurements (BARC-10, MHQoL) with their item answers, and their corrections and deletions. */
  recovery: ExportRecovery;
  /** Spends from the casusoverleg's budget (decision, loan repayments) and conditional arrangements (review). */
  budget: ExportBudget;
}
