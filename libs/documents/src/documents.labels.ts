import type { DebtArrangement, HousingKind } from '@koers/machines/trajectory';

/** The kind of home, as the agreement names it. */
export const HOUSING_KIND_LABELS = {
  social_rent: 'Sociale huurwoning',
  supported_living: 'Begeleid wonen',
  protected_living: 'Beschermd wonen',
  temporary: 'Tijdelijke woonruimte',
  own_home: 'Eigen woning',
} as const satisfies Record<HousingKind, string>;

/** Who administers the tenant's finances (DEBT_ARRANGEMENT_SET), as the agreement says it. */
export const FINANCES_ADMINISTERED_BY = {
  budget_management:
    'Budgetbeheer bij de Stadsbank: inkomsten komen binnen op een budgetrekening, waaruit de vaste lasten (waaronder de huur) worden betaald.',
  protective_administration:
    'Beschermingsbewind: een door de rechter benoemde bewindvoerder beheert de financiën en betaalt de vaste lasten (waaronder de huur).',
  none: 'De huurder beheert de eigen financiën.',
} as const satisfies Record<DebtArrangement, string>;

/** Short, for the client summary. */
export const DEBT_ARRANGEMENT_LABELS = {
  budget_management: 'Budgetbeheer (Stadsbank)',
  protective_administration: 'Beschermingsbewind',
  none: 'Geen regeling',
} as const satisfies Record<DebtArrangement, string>;

export const FINANCES_NOT_SET =
  'Nog niet vastgelegd in het traject. In te vullen door partijen: ……………………………………………';

/** Who can lift a blocker: a party, or the chair. */
export const CHAIR_LABEL = 'Procesregisseur (voorzitter)';
