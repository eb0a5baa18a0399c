import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialTrajectoryContext } from '@koers/machines/trajectory';
import { LEGAL_BASIS_KINDS } from '@koers/machines/trajectory';
import { actorFrom, categoriesFor } from './actor';
import {
  BASIS_CATEGORIES,
  CONTEXT_CATEGORIES,
  DATA_CATEGORIES,
  NEED_TO_KNOW,
  accessOf,
  basisCategories,
  eventCategory,
  invokesCovenant,
  redactContext,
  withinBasis,
} from './need-to-know';

/** The rows of a README table between two markers: the first cell unquoted, then the other cells. */
function readmeTable(start: string, end: string): string[][] {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf(start), readme.indexOf(end));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
}

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

  describe('legal basis', () => {
    it('is shown in the README exactly as the data says', () => {
      const rows = readmeTable('<!-- legal-basis:start -->', '<!-- legal-basis:end -->');
      const documented = Object.fromEntries(
        rows.map(([basis, ...marks]) => [basis, DATA_CATEGORIES.filter((_, i) => marks[i] === '✓')]),
      );
      const data = Object.fromEntries(
        Object.entries(BASIS_CATEGORIES).map(([basis, categories]) => [
          basis,
          DATA_CATEGORIES.filter((c) => (categories as readonly string[]).includes(c)),
        ]),
      );
      expect(documented).toEqual(data);
      expect(Object.keys(BASIS_CATEGORIES)).toEqual([...LEGAL_BASIS_KINDS]);
    });

    it('always keeps identity and trajectory, so the casusoverleg can record a covenant or close', () => {
      for (const categories of Object.values(BASIS_CATEGORIES)) {
        expect(categories).toEqual(expect.arrayContaining(['identity', 'trajectory']));
      }
      expect(basisCategories('none')).toEqual(['identity', 'trajectory']);
      expect(basisCategories('something_else')).toEqual(['identity', 'trajectory']);
      expect(basisCategories('care_covenant')).not.toContain('justice');
      expect(basisCategories('safety_covenant')).not.toContain('health');
      expect(withinBasis(['identity', 'health', 'justice'], 'safety_covenant')).toEqual([
        'identity',
        'justice',
      ]);
    });

    it('narrows what each party sees of a client to what the basis allows, per client', () => {
      const base = {
        sessionId: 's',
        username: 'u',
        displayName: 'U',
        partyId: 'p',
        memberTeamIds: ['team-a'],
      };
      const police = actorFrom({ ...base, userId: 'police', partyKind: 'police', role: 'member' });
      const care = actorFrom({ ...base, userId: 'care', partyKind: 'addiction_care', role: 'member' });
      const housing = actorFrom({
        ...base,
        userId: 'housing',
        partyKind: 'housing_corporation',
        role: 'member',
        invitations: [{ clientId: 'c1', scope: ['housing'] }],
      });
      expect(categoriesFor(police, 'team-a', 'c1', 'consent')).toEqual([
        'identity',
        'trajectory',
        'justice',
        'housing',
      ]);
      expect(categoriesFor(police, 'team-a', 'c1', 'none')).toEqual(['identity', 'trajectory']);
      expect(categoriesFor(police, 'team-a', 'c1', 'care_covenant')).toEqual([
        'identity',
        'trajectory',
        'housing',
      ]);
      expect(categoriesFor(care, 'team-a', 'c1', 'care_covenant')).toContain('health');
      expect(categoriesFor(care, 'team-a', 'c1', 'safety_covenant')).not.toContain('health');
      expect(categoriesFor(housing, 'team-b', 'c1', 'consent')).toEqual(['identity', 'housing']);
      expect(categoriesFor(housing, 'team-b', 'c1', 'none')).toEqual(['identity']);
      expect(categoriesFor(housing, 'team-b', 'c2', 'consent')).toEqual([]);
    });

    it('knows which events record a covenant after the consent stage', () => {
      expect(invokesCovenant({ type: 'COVENANT_INVOKED' })).toBe(true);
      expect(
        invokesCovenant({ type: 'CONSENT_WITHDRAWN', continueUnder: { legalBasis: 'care_covenant' } }),
      ).toBe(true);
      expect(invokesCovenant({ type: 'CONSENT_WITHDRAWN' })).toBe(false);
      expect(invokesCovenant({ type: 'CONSENT_OVERRIDDEN' })).toBe(false);
      expect(eventCategory('CONSENT_WITHDRAWN')).toBe('trajectory');
    });
  });
});
