/**
 * One history entry in Dutch: what happened and the details that came with it (the reasons of a decision, the
 * agreed treatment, the housing…). A payload of a category the reader may not see arrives empty and `redacted`.
 */
import {
  AFTERCARE_ITEM_LABELS,
  DEADLINE_KIND_LABELS,
  STAGE_LABELS,
  type Stage,
} from '@koers/machines/trajectory';
import { formatDate } from '../ui/format';
import {
  CHANNEL_LABELS,
  criterionLabel,
  DAYTIME_LABELS,
  DEBT_LABELS,
  EVENT_LABELS,
  HOUSING_LABELS,
  LEGAL_BASIS_LABELS,
  OUTFLOW_LABELS,
  SOURCE_LABELS,
  STILL_USING_LABELS,
  THREE_PARTY_OUTCOME_LABELS,
  TREATMENT_LABELS,
} from './labels';
import type { HistoryEntry } from './trajectory-view';

export interface Detail {
  term: string;
  value: string;
}

const label = (labels: Record<string, string>, value: unknown): string =>
  typeof value === 'string' ? (labels[value] ?? value) : '—';
const text = (value: unknown): string => (typeof value === 'string' && value.trim() ? value.trim() : '—');
const yesNo = (value: unknown): string => (value === true ? 'Ja' : value === false ? 'Nee' : '—');

/** A date as sent (`2026-12-01` or a date-time) in Dutch. */
function date(value: unknown): string {
  if (typeof value !== 'string') return '—';
  return formatDate(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
}

export function eventLabel(type: string): string {
  return (EVENT_LABELS as Record<string, string>)[type] ?? type;
}

export function stageLabel(stage: string | null): string {
  return stage ? ((STAGE_LABELS as Record<string, string>)[stage as Stage] ?? stage) : '—';
}

/** The details of an entry's payload; empty when it has none worth showing. */
export function entryDetails(entry: HistoryEntry): Detail[] {
  const p = entry.payload;
  const optional = (term: string, value: unknown): Detail[] =>
    typeof value === 'string' && value.trim() ? [{ term, value: value.trim() }] : [];
  switch (entry.type) {
    case 'SIGNAL_REGISTERED':
      return [
        { term: 'Bron', value: label(SOURCE_LABELS, p.source) },
        { term: 'Signaal', value: text(p.description) },
      ];
    case 'INCLUSION_DECIDED': {
      const criteria = Array.isArray(p.criteria) ? p.criteria.map(String).map(criterionLabel) : [];
      const override = p.override as { reason?: unknown } | undefined;
      return [
        { term: 'Besluit', value: p.included ? 'Ingesloten' : 'Niet ingesloten' },
        { term: 'Vervulde criteria', value: criteria.length ? criteria.join('; ') : 'Geen' },
        { term: 'Onderbouwing', value: text(p.reasons) },
        ...(override ? [{ term: 'Afwijking van de criteria', value: text(override.reason) }] : []),
      ];
    }
    case 'CONSENT_GIVEN':
      return [{ term: 'Toestemming voor', value: text(p.scope) }];
    case 'CONSENT_OVERRIDDEN':
      return [
        { term: 'Grondslag', value: label(LEGAL_BASIS_LABELS, p.legalBasis) },
        { term: 'Motivering', value: text(p.justification) },
      ];
    case 'CONSENT_REFUSED':
    case 'WITHDRAWN':
    case 'TREATMENT_ABORTED':
      return optional('Reden', p.reason);
    case 'TREATMENT_AGREED':
      return [{ term: 'Behandeling', value: label(TREATMENT_LABELS, p.treatment) }];
    case 'CONTACT_LOGGED':
      return [
        { term: 'Soort contact', value: label(CHANNEL_LABELS, p.channel) },
        { term: 'Notitie', value: text(p.note) },
      ];
    case 'AFTERCARE_ITEM_PREPARED':
      return [{ term: 'Onderdeel', value: label(AFTERCARE_ITEM_LABELS, p.item) }];
    case 'ADMITTED': {
      const urgent = p.urgentOverride as { reason?: unknown } | undefined;
      return [
        { term: 'Instelling', value: text(p.facility) },
        ...(urgent ? [{ term: 'Urgente opname, reden', value: text(urgent.reason) }] : []),
      ];
    }
    case 'LEAVE_STARTED':
      return [{ term: 'Terug op', value: date(p.until) }];
    case 'LEAVE_ENDED':
      return [{ term: 'Notitie', value: text(p.note) }];
    case 'DISCHARGED':
      return [{ term: 'Behandeling afgerond', value: yesNo(p.completed) }];
    case 'POSTAL_ADDRESS_ARRANGED':
    case 'POSTAL_ADDRESS_EXTENDED':
      return [{ term: 'Geldig tot', value: date(p.validUntil) }];
    case 'POSTAL_ADDRESS_ENDED':
      return [{ term: 'Reden', value: text(p.reason) }];
    case 'DEBT_ARRANGEMENT_SET':
      return [{ term: 'Regeling', value: label(DEBT_LABELS, p.kind) }];
    case 'HOUSED': {
      const agreement = p.threePartyAgreement as
        { startDate?: unknown; landlord?: unknown; careProvider?: unknown } | undefined;
      return [
        { term: 'Woonvorm', value: label(HOUSING_LABELS, p.kind) },
        ...(agreement
          ? [
              {
                term: 'Driepartijenovereenkomst',
                value: `vanaf ${date(agreement.startDate)} met ${text(agreement.landlord)} (verhuurder) en ${text(agreement.careProvider)} (zorgaanbieder)`,
              },
            ]
          : []),
      ];
    }
    case 'THREE_PARTY_EVALUATED':
      return [
        { term: 'Uitkomst', value: label(THREE_PARTY_OUTCOME_LABELS, p.outcome) },
        ...optional('Toelichting', p.note),
      ];
    case 'DAYTIME_ARRANGED':
      return [{ term: 'Daginvulling', value: label(DAYTIME_LABELS, p.kind) }];
    case 'NETWORK_ASSESSED':
      return [
        { term: 'Gezonde contacten betrokken', value: yesNo(p.healthyEngaged) },
        { term: 'Ongezonde contacten op afstand', value: yesNo(p.unhealthyAtDistance) },
      ];
    case 'RELAPSED':
      return optional('Notitie', p.note);
    case 'MOVED_AWAY':
      return [{ term: 'Nieuwe gemeente', value: text(p.municipality) }];
    case 'TRAJECTORY_CLOSED':
      return [
        { term: 'Reden', value: label(OUTFLOW_LABELS, p.reason) },
        { term: 'Gebruikt nog', value: label(STILL_USING_LABELS, p.stillUsing) },
      ];
    case 'DEADLINE_REACHED':
      return [{ term: 'Termijn', value: label(DEADLINE_KIND_LABELS, p.kind) }];
    default:
      return [];
  }
}
