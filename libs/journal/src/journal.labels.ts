import {
  JOURNAL_CATEGORIES,
  JOURNAL_KINDS,
  type JournalCategory,
  type JournalKind,
} from '@koers/persistence';

export { JOURNAL_CATEGORIES, JOURNAL_KINDS, type JournalCategory, type JournalKind };

export const JOURNAL_KIND_LABELS = {
  contact_moment: 'Contactmoment',
  police_contact: 'Politiecontact',
  network_signal: 'Signaal uit het netwerk',
  nuisance_report: 'Overlastmelding',
  note: 'Notitie',
} as const satisfies Record<JournalKind, string>;

/**
 * Dutch labels of the journal categories. What each holds is documented with JOURNAL_CATEGORIES; its need-to-know
 * category (domain.md §8) is JOURNAL_DATA_CATEGORIES in libs/access.
 */
export const JOURNAL_CATEGORY_LABELS = {
  general: 'Algemeen',
  health: 'Gezondheid en middelengebruik',
  justice: 'Justitie en overlast',
  housing: 'Wonen',
  finances: 'Financiën',
  network: 'Netwerk en daginvulling',
} as const satisfies Record<JournalCategory, string>;

/** Topic of the notification to addiction care when the police writes in a client's journal. */
export const TOPIC_JOURNAL_POLICE_NOTE = 'journal.police_note';

/** Its title: names no client and no content (the mail copy repeats it). */
export const POLICE_NOTE_TITLE = 'Nieuwe politie-informatie over een cliënt';
