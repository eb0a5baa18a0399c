import { LEGAL_BASIS_LABELS, LEGAL_BASIS_KINDS, type LegalBasisKind } from '@koers/machines/trajectory';
import { type DataCategory, basisCategories } from '@koers/access';

/** Who recorded something: taken from the session of the user who sent the event, never from its payload. */
export interface RecordedBy {
  userId: string | null;
  displayName: string | null;
  party: string | null;
}

/** One change of a trajectory's legal basis, from its event history (domain.md §2 and §8). */
export interface LegalBasisRecord {
  /** The history entry (event sequence number) that recorded it. */
  seq: number;
  /** CONSENT_GIVEN, CONSENT_OVERRIDDEN, CONSENT_REFUSED, CONSENT_WITHDRAWN or COVENANT_INVOKED. */
  event: string;
  kind: LegalBasisKind;
  label: string;
  /** Consent: what the client consented to (free text, as recorded). */
  scope: string | null;
  /** A covenant: why it is shared without consent. */
  justification: string | null;
  /** Consent withdrawn or refused: the reason the client gave (as recorded). */
  reason: string | null;
  recordedAt: string;
  recordedBy: RecordedBy;
}

/**
 * The legal basis of a trajectory as the API shows it: its kind (with what that kind allows to be shared at all),
 * and, for readers who may see the trajectory category, who recorded it, when, its scope or justification, and
 * every earlier basis (a basis can change: consent withdrawn, a covenant recorded).
 */
export interface LegalBasisView {
  kind: LegalBasisKind;
  label: string;
  /** What may be shared of the client on this basis (BASIS_CATEGORIES), whoever reads. */
  allows: DataCategory[];
  /** When the current basis was recorded (null while `pending`). */
  since: string | null;
  current?: LegalBasisRecord | null;
  history?: LegalBasisRecord[];
}

/** A history entry as the trajectory repository reads it. */
export interface BasisHistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  userId: string | null;
  userDisplayName: string | null;
  partyKind: string | null;
}

/** The event types that set or change the legal basis: the history read for it is limited to these. */
export const LEGAL_BASIS_EVENT_TYPES = [
  'CONSENT_GIVEN',
  'CONSENT_OVERRIDDEN',
  'CONSENT_REFUSED',
  'CONSENT_WITHDRAWN',
  'COVENANT_INVOKED',
] as const;

const text = (value: unknown): string | null => (typeof value === 'string' ? value.trim() : null);
const isKind = (value: unknown): value is LegalBasisKind =>
  typeof value === 'string' && (LEGAL_BASIS_KINDS as readonly string[]).includes(value);

/** The basis an event recorded (null for an event that records none). */
function recordOf(entry: BasisHistoryEntry): LegalBasisRecord | null {
  const p = entry.payload ?? {};
  let kind: LegalBasisKind;
  let scope: string | null = null;
  let justification: string | null = null;
  let reason: string | null = null;
  switch (entry.type) {
    case 'CONSENT_GIVEN':
      kind = 'consent';
      scope = text(p.scope);
      break;
    case 'CONSENT_OVERRIDDEN':
    case 'COVENANT_INVOKED':
      if (!isKind(p.legalBasis)) return null;
      kind = p.legalBasis;
      justification = text(p.justification);
      break;
    case 'CONSENT_REFUSED':
      kind = 'none';
      reason = text(p.reason);
      break;
    case 'CONSENT_WITHDRAWN': {
      const covenant = p.continueUnder as Record<string, unknown> | null | undefined;
      kind = covenant && isKind(covenant.legalBasis) ? covenant.legalBasis : 'none';
      justification = covenant ? text(covenant.justification) : null;
      reason = text(p.reason);
      break;
    }
    default:
      return null;
  }
  return {
    seq: entry.seq,
    event: entry.type,
    kind,
    label: LEGAL_BASIS_LABELS[kind],
    scope,
    justification,
    reason,
    recordedAt: entry.occurredAt.toISOString(),
    recordedBy: { userId: entry.userId, displayName: entry.userDisplayName, party: entry.partyKind },
  };
}

/**
 * The legal basis of a trajectory from the kind in force (`trajectory.legal_basis`, i.e. `legalBasisKindOf` of its
 * context) and its history (who recorded each basis, when, and with what scope, justification or reason), oldest
 * first. `detailed`: the reader may see the trajectory category; without it only the kind, what it allows and
 * since when.
 */
export function legalBasisView(
  basis: string,
  history: readonly BasisHistoryEntry[],
  detailed: boolean,
): LegalBasisView {
  const kind: LegalBasisKind = isKind(basis) ? basis : 'none';
  const records = history.flatMap((entry) => recordOf(entry) ?? []);
  const current = kind === 'pending' ? null : (records.at(-1) ?? null);
  const view: LegalBasisView = {
    kind,
    label: LEGAL_BASIS_LABELS[kind],
    allows: [...basisCategories(kind)],
    since: current?.recordedAt ?? null,
  };
  return detailed ? { ...view, current, history: records } : view;
}
