import {
  SUPPRESSED_OTHER,
  SUPPRESSED_SMALL,
  isSmallCount,
  suppressionMark,
  suppressionOf,
} from './suppression';

describe('isSmallCount', () => {
  it('is 1 to 4: zero names no one and 5 is enough', () => {
    expect([0, 1, 2, 3, 4, 5, 12].map(isSmallCount)).toEqual([false, true, true, true, true, false, false]);
  });
});

describe('suppressionOf', () => {
  it('hides counts of 1 to 4 and nothing else when no total gives them back', () => {
    const hidden = suppressionOf({ values: { a: 0, b: 3, c: 5, d: 40 }, counts: ['a', 'b', 'c', 'd'] });
    expect([...hidden]).toEqual([['b', 'primary']]);
  });

  it('hides the smallest other non-zero part when a total would give a single small one back', () => {
    const hidden = suppressionOf({
      values: { total: 20, a: 3, b: 0, c: 6, d: 11 },
      counts: ['total', 'a', 'b', 'c', 'd'],
      groups: [{ total: 'total', parts: ['a', 'b', 'c', 'd'] }],
    });
    expect(Object.fromEntries(hidden)).toEqual({ a: 'primary', c: 'secondary' });
  });

  it('hides the total when the small part is the only non-zero one', () => {
    // Parts that do not add up exactly (overlapping groups) can leave the total as the only complement.
    const hidden = suppressionOf({
      values: { total: 6, a: 2, b: 0 },
      counts: ['total', 'a', 'b'],
      groups: [{ total: 'total', parts: ['a', 'b'] }],
    });
    expect(Object.fromEntries(hidden)).toEqual({ a: 'primary', total: 'secondary' });
  });

  it('hides more when the hidden counts add up to less than 5 (two "<5" leaving 2 are 1 and 1)', () => {
    const hidden = suppressionOf({
      values: { total: 8, a: 6, b: 1, c: 1 },
      counts: ['total', 'a', 'b', 'c'],
      groups: [{ total: 'total', parts: ['a', 'b', 'c'] }],
    });
    expect(Object.fromEntries(hidden)).toEqual({ b: 'primary', c: 'primary', a: 'secondary' });
  });

  it('leaves hidden counts alone that add up to 5 or more', () => {
    const hidden = suppressionOf({
      values: { total: 25, a: 20, b: 2, c: 3 },
      counts: ['total', 'a', 'b', 'c'],
      groups: [{ total: 'total', parts: ['a', 'b', 'c'] }],
    });
    expect(Object.fromEntries(hidden)).toEqual({ b: 'primary', c: 'primary' });
  });

  it('works through rows and columns until nothing can be derived (the inflow of the e2e story)', () => {
    // Rows: addiction care 1 (not included), police 5 (included), citizen 1 (included), self 1 (undecided).
    const rows = { ac: [1, 0, 1, 0], police: [5, 5, 0, 0], citizen: [1, 1, 0, 0], self: [1, 0, 0, 1] };
    const total = [8, 6, 1, 1];
    const values: Record<string, number> = {};
    const id = (row: string, c: number) => `${row}.${c}`;
    for (const [row, cells] of Object.entries({ ...rows, total }))
      cells.forEach((v, c) => (values[id(row, c)] = v));
    const names = [...Object.keys(rows), 'total'];
    const groups = [
      ...[0, 1, 2, 3].map((c) => ({ total: id('total', c), parts: Object.keys(rows).map((r) => id(r, c)) })),
      ...names.map((r) => ({ total: id(r, 0), parts: [1, 2, 3].map((c) => id(r, c)) })),
    ];
    const hidden = suppressionOf({ values, counts: Object.keys(values), groups });
    const show = (row: string) =>
      [0, 1, 2, 3].map((c) => {
        const why = hidden.get(id(row, c));
        return why ? suppressionMark(why, true) : values[id(row, c)];
      });
    expect(names.map(show)).toEqual([
      ['<5', 0, '<5', 0],
      ['x', 'x', 0, 0],
      ['<5', '<5', 0, 0],
      ['<5', 0, 0, '<5'],
      [8, 'x', '<5', '<5'],
    ]);
    // Nothing left to subtract: every published total has no single hidden part and hides at least 5.
    for (const group of groups) {
      if (hidden.has(group.total)) continue;
      const parts = group.parts.filter((p) => hidden.has(p));
      expect(parts.length === 0 || (parts.length > 1 && parts.reduce((s, p) => s + values[p], 0) >= 5)).toBe(
        true,
      );
    }
  });

  it('hides the dependents of a hidden cell (an amount with its number of clients)', () => {
    const hidden = suppressionOf({
      values: { clients: 2, amount: 45_000, spends: 7 },
      counts: ['clients', 'spends'],
      dependents: { clients: ['amount'] },
    });
    expect(Object.fromEntries(hidden)).toEqual({ clients: 'primary', amount: 'secondary' });
  });

  it('protects an amount that a total amount would give back', () => {
    const hidden = suppressionOf({
      values: { cA: 2, cB: 9, cC: 12, aA: 450, aB: 900, aC: 120, aT: 1470 },
      counts: ['cA', 'cB', 'cC'],
      groups: [{ total: 'aT', parts: ['aA', 'aB', 'aC'] }],
      dependents: { cA: ['aA'] },
    });
    expect(Object.fromEntries(hidden)).toEqual({ cA: 'primary', aA: 'secondary', aC: 'secondary' });
  });
});

describe('suppressionMark', () => {
  it('shows a small count as <5 and everything else hidden as x', () => {
    expect(suppressionMark('primary', true)).toBe(SUPPRESSED_SMALL);
    expect(suppressionMark('secondary', true)).toBe(SUPPRESSED_OTHER);
    expect(suppressionMark('primary', false)).toBe(SUPPRESSED_OTHER);
  });
});
