// The reference model: plain data and plain rules, no runtime code. It replays a workflow of a
// program against the rows committed so far and says what the runtime must have done.
import { ITEM_STATES, type ItemState } from './item.machine.gen.js';
import {
  AFTER_COMMIT_STATES,
  CUSTOM_TRANSITION_STATES,
  ITEM_MODELS,
  STATE_VALUES,
  TARGETS,
  type ItemModel,
} from './item-reference.js';
import { targetOf, type Step, type WorkflowPlan } from './program.js';

export type Row = Record<string, unknown>;
export interface Move {
  readonly entity: string;
  readonly from: string | null;
  readonly to: string;
}
export type Passed = Partial<Record<'Note' | 'Tag', Row>>;

export interface ModelDb {
  readonly tables: Record<ItemModel, Map<string, Row>>;
  /** Every committed transition, in commit order. */
  readonly log: Move[];
  /** Every committed copy of each Note/Tag row, oldest first: what a stale caller may hold. */
  readonly history: Map<string, Row[]>;
  /** Committed increments per `Model:id`: what each row's count must be (no lost update). */
  readonly increments: Map<string, number>;
}

export interface Simulated {
  /** 'committed', or the name of the error run/load rejects with. */
  readonly result: string;
  /** Per transition attempted: 'ok' or the name of the error it failed with. */
  readonly steps: readonly string[];
  readonly afterCommit: readonly Move[];
}

export const entityId = (entity: number): string => `E${entity}`;
export const rowId = (model: ItemModel, entity: string): string =>
  model === 'Item' ? entity : `${model === 'Note' ? 'N' : 'T'}-${entity}`;
export const ID_FIELD: Record<ItemModel, string> = { Item: 'id', Note: 'noteId', Tag: 'tagId' };
const STATE_FIELD: Record<ItemModel, string> = { Item: 'status', Note: 'stage', Tag: 'stage' };

export function emptyDb(): ModelDb {
  return {
    tables: { Item: new Map(), Note: new Map(), Tag: new Map() },
    log: [],
    history: new Map(),
    increments: new Map(),
  };
}

const stateOf = (status: unknown): ItemState | undefined =>
  ITEM_STATES.find((state) => STATE_VALUES[state].Item === status);

/** Without a version: stale when a field both rows have differs. With one: when the version does. */
function isStale(model: 'Note' | 'Tag', given: Row, stored: Row | undefined): boolean {
  if (!stored) return true;
  if (model === 'Tag') return given['version'] !== stored['version'];
  return Object.keys(given).some((key) => key in stored && given[key] !== stored[key]);
}

/** `canTransitionTo`: legality, pre-transition handlers and validators; it never writes. */
function dryRun(state: ItemState | null, to: ItemState, step: Step): string {
  const phase = step.fault?.phase;
  const ok =
    TARGETS[state ?? 'new'].includes(to) && phase !== 'preTransition' && phase !== 'validator';
  return ok ? 'ok' : 'rejected';
}

function createdRow(model: ItemModel, entity: string, value: string): Row {
  const row: Row = {
    [ID_FIELD[model]]: rowId(model, entity),
    [STATE_FIELD[model]]: value,
    count: 0,
  };
  if (model !== 'Item') row['itemId'] = entity;
  if (model === 'Tag') row['version'] = 1;
  return row;
}

/**
 * Replays one workflow on top of `db` (the rows committed before its transaction began) and, if
 * it commits, applies it to `db`. A failed transition changes nothing; a workflow commits iff its
 * callback resolves.
 */
export function simulateWorkflow(db: ModelDb, plan: WorkflowPlan, passed: Passed): Simulated {
  const entity = entityId(plan.entity);
  const work = {
    Item: new Map([...db.tables.Item].map(([id, row]) => [id, { ...row }])),
    Note: new Map([...db.tables.Note].map(([id, row]) => [id, { ...row }])),
    Tag: new Map([...db.tables.Tag].map(([id, row]) => [id, { ...row }])),
  };
  const row = (model: ItemModel) => work[model].get(rowId(model, entity));
  const held = new Set<ItemModel>();
  const stale = new Set<ItemModel>();
  let state: ItemState | null = null;
  if (plan.method === 'load') {
    const item = row('Item');
    if (!item) return { result: 'ObjectNotFound', steps: [], afterCommit: [] };
    state = stateOf(item['status']) ?? null;
    held.add('Item');
    for (const model of ['Note', 'Tag'] as const) {
      const given = passed[model];
      if (given && isStale(model, given, row(model))) stale.add(model);
      if (given || row(model)) held.add(model);
    }
  }
  const steps: string[] = [];
  const moves: Move[] = [];
  const increments: ItemModel[] = [];

  const attempt = (step: Step): string | undefined => {
    const to = targetOf(state, step);
    if (!TARGETS[state ?? 'new'].includes(to)) return 'TransitionError';
    const { fault } = step;
    if (fault?.phase === 'preTransition') return 'HandlerError';
    if (fault?.phase === 'validator') return 'TransitionRejectedError';
    const maps = STATE_VALUES[to];
    const incremented = step.increment !== null && held.has(step.increment) ? step.increment : null;
    const touches = (model: ItemModel) => maps[model] !== undefined || incremented === model;
    // A Note passed in is re-read before its first write; a stale one never gets that far.
    if (stale.has('Note') && touches('Note')) return 'ConcurrentTransitionError';
    const custom = CUSTOM_TRANSITION_STATES.includes(to);
    if (custom && fault?.phase === 'transition' && !fault.afterWrite) return 'HandlerError';
    if (state === null && maps.Item !== undefined && row('Item')) return 'UniqueViolationError';
    // A Tag's version is compared by its write.
    if (stale.has('Tag') && touches('Tag')) return 'ConcurrentTransitionError';
    if (custom && fault?.phase === 'transition') return 'HandlerError';
    if (fault?.phase === 'hook') return 'HandlerError';

    for (const model of ITEM_MODELS) {
      const value = maps[model];
      if (!touches(model)) continue;
      if (!held.has(model)) {
        work[model].set(rowId(model, entity), createdRow(model, entity, value as string));
        held.add(model);
        continue;
      }
      const current = row(model) as Row;
      if (value !== undefined) current[STATE_FIELD[model]] = value;
      if (incremented === model) current['count'] = (current['count'] as number) + 1;
      if (model === 'Tag') current['version'] = (current['version'] as number) + 1;
    }
    if (incremented) increments.push(incremented);
    moves.push({ entity, from: state, to });
    state = to;
    return undefined;
  };

  for (const [index, step] of plan.steps.entries()) {
    const to = targetOf(state, step);
    if (step.checkFirst) steps.push(`check ${to}: ${dryRun(state, to, step)}`);
    const failure = attempt(step);
    // run/load wait for a transition left in flight; its failure fails the whole workflow.
    const dangling = plan.danglingLast && index === plan.steps.length - 1;
    steps.push(`${to}: ${dangling ? 'not awaited' : (failure ?? 'ok')}`);
    if (failure && (dangling || step.onFail === 'propagate')) {
      const result = dangling && plan.throwAtEnd ? 'ProgramAbort' : failure;
      return { result, steps, afterCommit: [] };
    }
  }
  if (plan.throwAtEnd) return { result: 'ProgramAbort', steps, afterCommit: [] };
  // The caller's transaction rolls back everything the workflow committed into it.
  if (plan.outer === 'rollback') return { result: 'OuterRollback', steps, afterCommit: [] };

  commit(db, work, entity, moves, increments);
  const afterCommit = moves.filter((move) => AFTER_COMMIT_STATES.includes(move.to as ItemState));
  return { result: 'committed', steps, afterCommit };
}

function commit(
  db: ModelDb,
  work: ModelDb['tables'],
  entity: string,
  moves: readonly Move[],
  increments: readonly ItemModel[],
): void {
  for (const model of ITEM_MODELS) db.tables[model] = work[model];
  db.log.push(...moves);
  for (const model of increments) {
    const key = `${model}:${rowId(model, entity)}`;
    db.increments.set(key, (db.increments.get(key) ?? 0) + 1);
  }
  for (const model of ['Note', 'Tag'] as const) {
    const current = work[model].get(rowId(model, entity));
    if (!current) continue;
    const copies = db.history.get(rowId(model, entity)) ?? [];
    const last = copies.at(-1);
    if (!last || JSON.stringify(last) !== JSON.stringify(current)) copies.push({ ...current });
    db.history.set(rowId(model, entity), copies);
  }
}
