/**
 * What the SQL adapters share for `findPage` and `countGrouped`: the LIMIT they write into the
 * statement, and a GROUP BY's counts put in the order of the values asked for.
 */

/** A page size as SQL text: a positive safe integer, else a TypeError (never SQL from a value). */
export function limitSql(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new TypeError(`a page's limit must be a positive whole number, got ${String(limit)}`);
  }
  return String(limit);
}

/** A group's value as the database gave it back equals a value asked for (7n and 7 are equal). */
function sameGroupValue(group: unknown, value: unknown): boolean {
  if (group === value) return true;
  if (typeof group === 'bigint' || typeof value === 'bigint') {
    return (
      (typeof group === 'number' || typeof group === 'bigint') &&
      (typeof value === 'number' || typeof value === 'bigint') &&
      String(group) === String(value)
    );
  }
  return group instanceof Date && value instanceof Date && group.getTime() === value.getTime();
}

/**
 * Each of `values`' count from `groups` (value, count as the driver gives it: number, bigint or
 * text), 0 for a value no group holds. A group equal to none of `values` exactly (a case variant
 * that a case-insensitive collation matched) is not counted.
 */
export function countsInOrder(
  values: readonly unknown[],
  groups: Iterable<readonly [value: unknown, count: unknown]>,
): number[] {
  const counts = values.map(() => 0);
  for (const [group, count] of groups) {
    const at = values.findIndex((value) => sameGroupValue(group, value));
    if (at >= 0) counts[at] = (counts[at] ?? 0) + Number(count);
  }
  return counts;
}
