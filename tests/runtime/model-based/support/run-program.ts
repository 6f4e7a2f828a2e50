import type { Machine, ORMAdapter } from 'state-machine-framework';
import type { ItemState, ItemTypes } from './item.machine.gen.js';
import { STATE_VALUES, type ItemModel } from './item-reference.js';
import type { FaultPlan } from './fault-plan.js';
import { targetOf, type Program, type Step, type WorkflowPlan } from './program.js';
import {
  entityId,
  ID_FIELD,
  rowId,
  type ModelDb,
  type Passed,
  type Row,
} from './reference-model.js';

/** What a program observed of one workflow. */
export interface Observed {
  readonly label: string;
  readonly plan: WorkflowPlan;
  readonly passed: Passed;
  /** 'committed' or the name of the error run/load rejected with. */
  result: string;
  steps: string[];
}

export class ProgramAbort extends Error {
  override readonly name = 'ProgramAbort';
}

export class OuterRollback extends Error {
  override readonly name = 'OuterRollback';
}

interface LooseHandle {
  readonly state: ItemState | null;
  readonly instances: Partial<Record<ItemModel, Row>>;
  transitionTo(to: string, data: Partial<Record<ItemModel, Row>>): Promise<LooseHandle>;
  canTransitionTo(to: string, data: Partial<Record<ItemModel, Row>>): Promise<{ ok: boolean }>;
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : String(error));

/** The data a caller gives a move: ids for rows it creates, held count + 1 for an increment. */
function dataFor(
  handle: LooseHandle,
  step: Step,
  to: ItemState,
  entity: string,
): Partial<Record<ItemModel, Row>> {
  const data: Partial<Record<ItemModel, Row>> = {};
  for (const model of Object.keys(STATE_VALUES[to]) as ItemModel[]) {
    if (!handle.instances[model])
      data[model] = { [ID_FIELD[model]]: rowId(model, entity), count: 0 };
  }
  const held = step.increment === null ? undefined : handle.instances[step.increment];
  if (step.increment !== null && held)
    data[step.increment] = { count: (held['count'] as number) + 1 };
  return data;
}

/** The rows a load passes in `instances`: as of the batch's start, an older copy, or none. */
export function rowsToPass(db: ModelDb, plan: WorkflowPlan): Passed {
  const passed: Passed = {};
  if (plan.method !== 'load') return passed;
  const entity = entityId(plan.entity);
  for (const model of ['Note', 'Tag'] as const) {
    const source = model === 'Note' ? plan.note : plan.tag;
    const current = db.tables[model].get(rowId(model, entity));
    if (source === 'linked' || !current) continue;
    const copies = db.history.get(rowId(model, entity)) ?? [current];
    const pick = source === 'snapshot' ? current : copies[plan.oldPick % copies.length];
    passed[model] = { ...pick };
  }
  return passed;
}

/** A view of `adapter` that notes when the workflow's transaction begins: the commit order. */
function noteBegin(adapter: ORMAdapter, label: string, order: string[]): ORMAdapter {
  return {
    create: (model, data) => adapter.create(model, data),
    get: (model, filters) => adapter.get(model, filters),
    filter: (model, filters) => adapter.filter(model, filters),
    update: (model, filters, changes) => adapter.update(model, filters, changes),
    delete: (model, filters) => adapter.delete(model, filters),
    transaction: (fn) =>
      adapter.transaction((tx) => {
        order.push(label);
        return fn(tx);
      }),
  };
}

/**
 * Starts a batch's workflows together and waits for all. Returns what each did and the order in
 * which their transactions ran (top-level transactions are serialised by the adapters).
 */
export async function runBatch(
  machine: Machine<ItemTypes>,
  adapters: readonly ORMAdapter[],
  faults: FaultPlan,
  batch: readonly { label: string; plan: WorkflowPlan; passed: Passed }[],
): Promise<{ observed: Observed[]; order: string[] }> {
  const order: string[] = [];
  const observed = batch.map(({ label, plan, passed }) => ({
    label,
    plan,
    passed,
    result: '',
    steps: [] as string[],
  }));
  const workflows = observed.map(async (seen) => {
    const { label, plan, passed } = seen;
    const entity = entityId(plan.entity);
    const adapter = noteBegin(
      adapters[plan.connection % adapters.length] as ORMAdapter,
      label,
      order,
    );
    const context = { workflow: label };
    const given = JSON.stringify([context, passed]);
    const body = async (wf: unknown) => {
      let handle = wf as LooseHandle;
      for (const [index, step] of plan.steps.entries()) {
        const to = targetOf(handle.state, step);
        faults.arm(label, step.fault ?? undefined);
        if (step.checkFirst) {
          const check = await handle.canTransitionTo(to, dataFor(handle, step, to, entity));
          seen.steps.push(`check ${to}: ${check.ok ? 'ok' : 'rejected'}`);
        }
        if (plan.danglingLast && index === plan.steps.length - 1) {
          // Not awaited on purpose: run/load must not commit while it is in flight. The fault stays
          // armed until it settles.
          void handle.transitionTo(to, dataFor(handle, step, to, entity));
          seen.steps.push(`${to}: not awaited`);
          break;
        }
        try {
          handle = await handle.transitionTo(to, dataFor(handle, step, to, entity));
          seen.steps.push(`${to}: ok`);
        } catch (error) {
          seen.steps.push(`${to}: ${nameOf(error)}`);
          if (step.onFail === 'propagate') throw error;
        } finally {
          faults.arm(label, undefined);
        }
      }
      if (plan.throwAtEnd) throw new ProgramAbort('the callback gives up after its steps');
    };
    const start = (on: ORMAdapter) =>
      plan.method === 'run'
        ? machine.run({ adapter: on, context }, body)
        : machine.load({ adapter: on, context, id: entity, instances: passed as never }, body);
    try {
      if (plan.outer === 'none') await start(adapter);
      else {
        await adapter.transaction(async (tx) => {
          await start(tx);
          if (plan.outer === 'rollback') throw new OuterRollback('the caller rolls back');
        });
      }
      seen.result = 'committed';
    } catch (error) {
      seen.result = nameOf(error);
    }
    // The caller's own objects (context, rows passed in) are copied on the way in, never changed.
    if (JSON.stringify([context, passed]) !== given)
      seen.result += ' (changed the caller’s objects)';
  });
  await Promise.all(workflows);
  return { observed, order };
}

export type { Program };
