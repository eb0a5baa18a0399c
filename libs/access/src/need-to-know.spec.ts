import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialTrajectoryContext } from '@koers/machines/trajectory';
import {
  CONTEXT_CATEGORIES,
  DATA_CATEGORIES,
  NEED_TO_KNOW,
  accessOf,
  eventCategory,
  redactContext,
} from './need-to-know';

describe('need-to-know', () => {
  it('is shown in the README exactly as the data says', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('<!-- need-to-know:start -->'),
      readme.indexOf('<!-- need-to-know:end -->'),
    );
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    const documented = Object.fromEntries(
      rows.map(([party, clients, ...marks]) => [
        party.replace(/`/g, ''),
        { clients, categories: DATA_CATEGORIES.filter((_, i) => marks[i] === '✓') },
      ]),
    );
    const data = Object.fromEntries(
      Object.entries(NEED_TO_KNOW).map(([party, access]) => [
        party,
        {
          clients: access.clients,
          categories: DATA_CATEGORIES.filter((c) => (access.categories as readonly string[]).includes(c)),
        },
      ]),
    );
    expect(documented).toEqual(data);
  });

  it('keeps the police away from health details and chain partners to invited clients', () => {
    expect(accessOf('police', 'member').categories).not.toContain('health');
    expect(accessOf('housing_corporation', 'member')).toEqual({
      clients: 'invited',
      categories: ['identity', 'housing'],
    });
    expect(accessOf('addiction_care', 'member').categories).toEqual(DATA_CATEGORIES);
  });

  it('gives the chair everything and the privacy officer and admin nothing', () => {
    expect(accessOf('police', 'chair').categories).toEqual(DATA_CATEGORIES);
    expect(accessOf('municipality', 'privacy_officer').categories).toEqual([]);
    expect(accessOf('municipality', 'admin').categories).toEqual([]);
  });

  it('narrows a partner by its invitation scope, never beyond its party, always with identity', () => {
    expect(accessOf('social_support', 'member', ['housing']).categories).toEqual(['identity', 'housing']);
    expect(accessOf('housing_corporation', 'member', ['housing', 'health']).categories).toEqual([
      'identity',
      'housing',
    ]);
    expect(accessOf('unknown_kind', 'member').categories).toEqual(['identity']);
  });

  it('puts every field of the trajectory context in a category, so a new field cannot leak unnoticed', () => {
    expect(Object.keys(initialTrajectoryContext()).sort()).toEqual(Object.keys(CONTEXT_CATEGORIES).sort());
  });

  it('leaves out the context fields and event payloads a reader may not see', () => {
    const context = {
      treatment: 'clinical',
      housing: { kind: 'social_rent' },
      inclusion: { included: true },
    };
    expect(redactContext(context, ['identity', 'housing'])).toEqual({ housing: { kind: 'social_rent' } });
    expect(eventCategory('ADMITTED')).toBe('health');
    expect(eventCategory('HOUSED')).toBe('housing');
    expect(eventCategory('SIGNAL_REGISTERED')).toBe('trajectory');
    expect(eventCategory('SOMETHING_NEW')).toBe('trajectory');
  });
});
