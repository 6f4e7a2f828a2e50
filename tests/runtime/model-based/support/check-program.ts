import { expect } from 'vitest';
import type { Machine, ORMAdapter } from 'state-machine-framework';
import type { ItemTypes } from './item.machine.gen.js';
import { ITEM_MODELS, type ItemModel } from './item-reference.js';
import type { AfterCommitCall, FaultPlan } from './fault-plan.js';
import type { Program } from './program.js';
import {
  emptyDb,
  ID_FIELD,
  simulateWorkflow,
  type ModelDb,
  type Move,
  type Row,
} from './reference-model.js';
import { rowsToPass, runBatch } from './run-program.js';

/** The database a program runs on, read back through the adapter after each batch. */
export interface StoreUnderTest {
  readonly adapters: readonly ORMAdapter[];
  rows(model: ItemModel): Promise<Row[]>;
  log(): Promise<Move[]>;
}

const byId = (model: ItemModel) => (rows: readonly Row[]) =>
  rows.toSorted((a, b) => String(a[ID_FIELD[model]]).localeCompare(String(b[ID_FIELD[model]])));

function groupByWorkflow(calls: readonly (Move & { workflow: string })[]): Record<string, Move[]> {
  const groups: Record<string, Move[]> = {};
  for (const { workflow, entity, from, to } of calls)
    (groups[workflow] ??= []).push({ entity, from, to });
  return groups;
}

async function expectStoreMatches(
  machine: Machine<ItemTypes>,
  store: StoreUnderTest,
  db: ModelDb,
  where: string,
): Promise<void> {
  for (const model of ITEM_MODELS) {
    const stored = byId(model)(await store.rows(model));
    expect(stored, `${where}: ${model} rows`).toEqual(byId(model)([...db.tables[model].values()]));
    for (const row of stored) {
      const committed = db.increments.get(`${model}:${String(row[ID_FIELD[model]])}`) ?? 0;
      expect(
        row['count'],
        `${where}: ${model} ${String(row[ID_FIELD[model]])} lost an update`,
      ).toBe(committed);
    }
  }
  expect(await store.log(), `${where}: transition log`).toEqual(db.log);
  await expectEntityHistories(machine, store, db, where);
}

/** Each entity's logged steps are numbered 1…N across all its committed workflows. */
async function expectEntityHistories(
  machine: Machine<ItemTypes>,
  store: StoreUnderTest,
  db: ModelDb,
  where: string,
): Promise<void> {
  const [adapter] = store.adapters;
  if (!adapter) return;
  for (const entity of new Set(db.log.map((move) => move.entity))) {
    const steps = (await machine.history({ adapter, id: entity })).map(({ seq, from, to }) => ({
      seq,
      from,
      to,
    }));
    const expected = db.log
      .filter((move) => move.entity === entity)
      .map(({ from, to }, index) => ({ seq: index + 1, from, to }));
    expect(steps, `${where}: history of ${entity}`).toEqual(expected);
  }
}

/**
 * Runs a program batch by batch and, after each batch, compares everything with the reference
 * model replayed in the order the adapter ran the batch's transactions.
 */
export async function checkProgram(
  machine: Machine<ItemTypes>,
  faults: FaultPlan,
  store: StoreUnderTest,
  program: Program,
): Promise<void> {
  faults.reset();
  const db = emptyDb();
  for (const [index, plans] of program.entries()) {
    const batch = plans.map((plan, w) => ({
      label: `b${index}w${w}`,
      plan,
      passed: rowsToPass(db, plan),
    }));
    const { observed, order } = await runBatch(machine, store.adapters, faults, batch);
    const where = `batch ${index} (transactions ran in the order ${order.join(', ')})`;
    expect(order.toSorted(), `${where}: one transaction per workflow`).toEqual(
      batch.map(({ label }) => label).toSorted(),
    );
    const expected: Record<string, unknown> = {};
    const actual: Record<string, unknown> = {};
    const afterCommit: (Move & { workflow: string })[] = [];
    for (const label of order) {
      const seen = observed.find((o) => o.label === label);
      if (!seen) continue;
      const simulated = simulateWorkflow(db, seen.plan, seen.passed);
      expected[label] = { result: simulated.result, steps: simulated.steps };
      actual[label] = { result: seen.result, steps: seen.steps };
      afterCommit.push(...simulated.afterCommit.map((move) => ({ ...move, workflow: label })));
    }
    expect(actual, `${where}: outcome of each workflow and transition`).toEqual(expected);
    await expectStoreMatches(machine, store, db, where);
    const calls: readonly AfterCommitCall[] = faults.afterCommitCalls;
    expect(groupByWorkflow(calls), `${where}: afterCommit calls`).toEqual(
      groupByWorkflow(afterCommit),
    );
    faults.afterCommitCalls = [];
  }
}
