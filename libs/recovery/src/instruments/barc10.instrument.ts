import type { InstrumentDefinition } from './instrument.types';

/**
 * BARC-10, the Brief Assessment of Recovery Capital (Vilsaint et al., Drug and Alcohol Dependence 2017): ten
 * statements, each drawn from one domain of the Assessment of Recovery Capital, answered 1 (strongly disagree) to
 * 6 (strongly agree); the total is their sum, 10–60, and counts only when all ten are answered. In its validation
 * study a total of 47 or more predicted sustained remission (domain.md §7).
 *
 * The statements themselves are not shipped (see README, Recovery monitoring): each item carries its number and a
 * neutral label of the domain it covers; the wording is configurable text. Check the labels against the form you
 * are licensed to use before you set wording.
 */
export const BARC10: InstrumentDefinition = {
  id: 'barc10',
  name: 'BARC-10',
  version: 1,
  description: 'Herstelkapitaal: tien uitspraken over middelen, gezondheid, steun, wonen en zingeving.',
  source:
    'Brief Assessment of Recovery Capital (Vilsaint e.a., 2017). Koers levert alleen itemnummers en neutrale ' +
    'korte labels; de tekst van de items stelt een beheerder in als de organisatie die mag gebruiken.',
  items: [
    { id: 'q1', number: 1, shortLabel: 'Middelengebruik' },
    { id: 'q2', number: 2, shortLabel: 'Psychisch welbevinden' },
    { id: 'q3', number: 3, shortLabel: 'Lichamelijke gezondheid' },
    { id: 'q4', number: 4, shortLabel: 'Buurt en samenleving' },
    { id: 'q5', number: 5, shortLabel: 'Sociale steun' },
    { id: 'q6', number: 6, shortLabel: 'Zingeving en bezigheden' },
    { id: 'q7', number: 7, shortLabel: 'Wonen en veiligheid' },
    { id: 'q8', number: 8, shortLabel: 'Verantwoordelijkheid' },
    { id: 'q9', number: 9, shortLabel: 'Omgaan met hulpverlening' },
    { id: 'q10', number: 10, shortLabel: 'Herstelervaring' },
  ],
  scale: {
    min: 1,
    max: 6,
    labels: [
      { value: 1, label: 'Helemaal mee oneens' },
      { value: 2, label: 'Mee oneens' },
      { value: 3, label: 'Een beetje mee oneens' },
      { value: 4, label: 'Een beetje mee eens' },
      { value: 5, label: 'Mee eens' },
      { value: 6, label: 'Helemaal mee eens' },
    ],
  },
  extraScales: [],
  scoring: {
    method: 'sum',
    range: { min: 10, max: 60 },
    description: 'Som van de tien antwoorden (10–60).',
  },
  validity: {
    rule: 'all_items_answered',
    description: 'Alleen een totaal als alle tien items beantwoord zijn.',
  },
  threshold: {
    atLeast: 47,
    label: 'boven de drempel uit de validatiestudie',
    description:
      'Een totaal van 47 of meer voorspelde in de validatiestudie van de BARC-10 aanhoudend herstel. ' +
      'Het is een aanwijzing, geen oordeel over deze cliënt.',
  },
};
