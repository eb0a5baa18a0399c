// Small-number suppression for exports meant for the council (domain.md §7: small numbers identify people).
// Pure. Primary: every count of 1 to 4 is hidden (shown as "<5"); 0 is shown, it names no one. Secondary, for
// every published total and the cells that add up to it (rows and columns of a table, totals that are parts of
// a grand total alike), repeated until nothing changes:
//   - one hidden part is the total minus the others: hide another part too;
//   - hidden counts that add up to less than 5 narrow each other down (two "<5" next to a total that leaves 2
//     are 1 and 1): hide another part too;
// "another part" is the smallest non-zero one still shown, or the total itself when there is none ("x").
// Amounts (euros) follow the counts they rest on (`dependents`) and only the first rule.

export const SMALL_COUNT_MAX = 4;

/** How a hidden cell is shown: `<5` for a small count itself, `x` for anything hidden to protect one. */
export const SUPPRESSED_SMALL = '<5';
export const SUPPRESSED_OTHER = 'x';

export type Suppression = 'primary' | 'secondary';

/** A published total and the cells that add up to it (the same ids as in `values`). */
export interface SuppressionGroup {
  total: string;
  parts: string[];
}

export interface SuppressionInput {
  /** Every cell that takes part, by id: counts, and amounts that add up within groups. */
  values: Record<string, number>;
  /** Ids of counts: primary suppression applies to those of 1 to 4. */
  counts: string[];
  /** Cells hidden primarily whatever their value (e.g. an amount spent on fewer than 5 clients). */
  alsoPrimary?: string[];
  groups?: SuppressionGroup[];
  /** Cells that are hidden whenever the key cell is (e.g. a category's amount with its number of clients). */
  dependents?: Record<string, string[]>;
}

export function isSmallCount(value: number): boolean {
  return value >= 1 && value <= SMALL_COUNT_MAX;
}

/** Which cells to hide, and why. Cells not in the map are shown as they are. */
export function suppressionOf(input: SuppressionInput): Map<string, Suppression> {
  const hidden = new Map<string, Suppression>();
  const hide = (id: string, why: Suppression) => {
    if (hidden.has(id)) {
      // A small count hidden along with another cell first is still shown as small ("<5").
      if (why === 'primary') hidden.set(id, why);
      return;
    }
    hidden.set(id, why);
    for (const dependent of input.dependents?.[id] ?? []) hide(dependent, 'secondary');
  };
  for (const id of input.counts) if (isSmallCount(input.values[id] ?? 0)) hide(id, 'primary');
  for (const id of input.alsoPrimary ?? []) hide(id, 'primary');

  const value = (id: string) => input.values[id] ?? 0;
  const counts = new Set(input.counts);
  for (let changed = true; changed;) {
    changed = false;
    for (const group of input.groups ?? []) {
      if (hidden.has(group.total)) continue;
      const hiddenParts = group.parts.filter((id) => hidden.has(id));
      const hiddenSum = hiddenParts.reduce((total, id) => total + value(id), 0);
      const derivable =
        hiddenParts.length === 1 ||
        (hiddenParts.length > 1 && counts.has(group.total) && hiddenSum <= SMALL_COUNT_MAX);
      if (!derivable) continue;
      const complement = group.parts
        .filter((id) => !hidden.has(id) && value(id) > 0)
        .sort((a, b) => value(a) - value(b) || a.localeCompare(b))[0];
      hide(complement ?? group.total, 'secondary');
      changed = true;
    }
  }
  return hidden;
}

/** What a council export shows for a hidden cell: `<5` for a small count itself, `x` for anything else. */
export function suppressionMark(why: Suppression, isCount: boolean): string {
  return why === 'primary' && isCount ? SUPPRESSED_SMALL : SUPPRESSED_OTHER;
}
