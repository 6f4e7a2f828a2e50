import { compareIdentifiers } from '../../identifier-order.js';
import type { PageQuery, Row } from '../../orm-adapter.js';
import type { MemoryStore } from './memory-store.js';
import { copyOut } from './row-copy.js';
import { sameStoredValue } from './stored-value-equality.js';

/** `findPage` on a MemoryAdapter's tables: state values compared as `filter` compares them. */
export function findPageIn(store: MemoryStore, model: string, query: PageQuery): Row[] {
  const { field, values, orderBy, after } = query;
  const found: Row[] = [];
  for (const row of store.tables.get(model) ?? []) {
    if (after !== undefined && compareIdentifiers(row[orderBy], after) <= 0) continue;
    if (values.some((value) => sameStoredValue(row[field], value))) found.push(row);
  }
  return found
    .toSorted((a, b) => compareIdentifiers(a[orderBy], b[orderBy]))
    .slice(0, query.limit)
    .map(copyOut);
}

/** `countGrouped` on a MemoryAdapter's tables, in one pass over the model's rows. */
export function countGroupedIn(
  store: MemoryStore,
  model: string,
  field: string,
  values: readonly unknown[],
): number[] {
  const counts = values.map(() => 0);
  for (const row of store.tables.get(model) ?? []) {
    const at = values.findIndex((value) => sameStoredValue(row[field], value));
    if (at >= 0) counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}
