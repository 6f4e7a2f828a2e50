import type { CompiledMachine } from './compiled-machine.js';
import { attributeToMachine } from './errors.js';
import { compareIdentifiers } from './identifier-order.js';
import type { ORMAdapter, PageQuery, Row } from './orm-adapter.js';
import { checkFindOptions } from './query-options.js';
import { assertAdapterOption } from './workflow-options.js';

/** `Machine.find`: one page of primary rows in the states asked for, by identifier. */
export async function findRows(compiled: CompiledMachine, options: unknown): Promise<Row[]> {
  assertAdapterOption(compiled, 'find', options);
  const { values, limit, after } = checkFindOptions(compiled, options);
  const { stateField: field, identifierField: orderBy } = compiled.primary;
  const query: PageQuery = { field, values, orderBy, limit, ...(after !== undefined && { after }) };
  const { adapter } = options;
  const model = compiled.primaryModel;
  try {
    if (values.length === 0) return [];
    return await (adapter.findPage
      ? adapter.findPage(model, query)
      : pageOfFilter(adapter, model, query));
  } catch (error) {
    attributeToMachine(error, compiled.name);
    throw error;
  }
}

/**
 * `Machine.countByState`: every state's count of primary rows. A row counts once, under the state
 * `load` reads it as; a state that maps no primary value, or whose value a later state shares,
 * counts 0.
 */
export async function countStates(
  compiled: CompiledMachine,
  options: unknown,
): Promise<Record<string, number>> {
  assertAdapterOption(compiled, 'countByState', options);
  const { adapter } = options;
  const stateOf = compiled.stateByPrimaryValue;
  const values = [...stateOf.keys()];
  const model = compiled.primaryModel;
  const field = compiled.primary.stateField;
  const result: Record<string, number> = {};
  for (const state of compiled.writes.keys()) result[state] = 0;
  try {
    const counts =
      values.length === 0
        ? []
        : await (adapter.countGrouped
            ? adapter.countGrouped(model, field, values)
            : countsOfFilter(adapter, model, field, values));
    values.forEach((value, i) => {
      result[stateOf.get(value) as string] = counts[i] ?? 0;
    });
    return result;
  } catch (error) {
    attributeToMachine(error, compiled.name);
    throw error;
  }
}

/** `findPage` for an adapter without it: every matching row through `filter`, paged here. */
async function pageOfFilter(adapter: ORMAdapter, model: string, query: PageQuery): Promise<Row[]> {
  const { field, orderBy, after } = query;
  const rows: Row[] = [];
  for (const value of query.values) {
    for (const row of await adapter.filter(model, { [field]: value })) {
      if (after === undefined || compareIdentifiers(row[orderBy], after) > 0) rows.push(row);
    }
  }
  return rows.toSorted((a, b) => compareIdentifiers(a[orderBy], b[orderBy])).slice(0, query.limit);
}

/** `countGrouped` for an adapter without it: one `filter` per value. */
async function countsOfFilter(
  adapter: ORMAdapter,
  model: string,
  field: string,
  values: readonly unknown[],
): Promise<number[]> {
  const counts: number[] = [];
  for (const value of values) counts.push((await adapter.filter(model, { [field]: value })).length);
  return counts;
}
