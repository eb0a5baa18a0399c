import type { InstrumentDefinition } from './instrument.types';

/**
 * MHQoL, the Mental Health Quality of Life questionnaire (van Krugten et al., Quality of Life Research 2022): seven
 * dimensions, each answered on four levels scored 0 (most negative) to 3 (most positive); the total is their sum,
 * 0–21, and counts only when all seven are answered. Beside it a 0–10 scale of general psychological well-being,
 * not part of the total.
 *
 * The level statements are not shipped (see README, Recovery monitoring): items carry their number and the neutral
 * name of their dimension; the wording is configurable text.
 */
export const MHQOL: InstrumentDefinition = {
  id: 'mhqol',
  name: 'MHQoL',
  version: 1,
  description: 'Kwaliteit van leven: zeven domeinen en een cijfer voor het psychisch welbevinden.',
  source:
    'Mental Health Quality of Life questionnaire (van Krugten e.a., 2022). Koers levert alleen itemnummers en ' +
    'neutrale korte labels; de tekst stelt een beheerder in als de organisatie die mag gebruiken.',
  items: [
    { id: 'q1', number: 1, shortLabel: 'Zelfbeeld' },
    { id: 'q2', number: 2, shortLabel: 'Zelfstandigheid' },
    { id: 'q3', number: 3, shortLabel: 'Stemming' },
    { id: 'q4', number: 4, shortLabel: 'Relaties' },
    { id: 'q5', number: 5, shortLabel: 'Dagelijkse bezigheden' },
    { id: 'q6', number: 6, shortLabel: 'Lichamelijke gezondheid' },
    { id: 'q7', number: 7, shortLabel: 'Toekomst' },
  ],
  scale: {
    min: 0,
    max: 3,
    labels: [
      { value: 0, label: 'Zeer negatief' },
      { value: 1, label: 'Negatief' },
      { value: 2, label: 'Positief' },
      { value: 3, label: 'Zeer positief' },
    ],
  },
  extraScales: [
    {
      id: 'vas',
      shortLabel: 'Psychisch welbevinden',
      min: 0,
      max: 10,
      minLabel: 'Slechtst denkbaar',
      maxLabel: 'Best denkbaar',
    },
  ],
  scoring: {
    method: 'sum',
    range: { min: 0, max: 21 },
    description: 'Som van de zeven antwoorden (0–21); het cijfer voor welbevinden telt niet mee.',
  },
  validity: {
    rule: 'all_items_answered',
    description: 'Alleen een totaal als alle zeven items beantwoord zijn.',
  },
  threshold: null,
};
