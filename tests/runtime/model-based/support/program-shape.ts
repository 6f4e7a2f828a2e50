/** The shape of a random workflow program, shared by its generator, runner and describer. */
import type { Fault } from './fault-plan.js';
import type { ItemState } from './item.machine.gen.js';
import type { ItemModel } from './item-reference.js';

/** How a load gets a Note/Tag row: read through linkedBy, the copy from the batch's start, or an older one. */
export type RowSource = 'linked' | 'snapshot' | 'old';

export interface Step {
  /** A state, or 'legal': the `pick`-th legal target of the state the workflow is in. */
  readonly to: ItemState | 'legal';
  readonly pick: number;
  /** The model whose `count` this transition writes as held + 1 (if the workflow holds a row). */
  readonly increment: ItemModel | null;
  readonly fault: Fault | null;
  /** What the callback does when the transition fails. */
  readonly onFail: 'catch' | 'propagate';
  /** Ask `canTransitionTo` first (a dry run: pre-transition handlers and validators only). */
  readonly checkFirst: boolean;
}

export interface WorkflowPlan {
  readonly method: 'run' | 'load';
  readonly entity: number;
  readonly note: RowSource;
  readonly tag: RowSource;
  /** Which older committed copy 'old' picks (modulo how many there are). */
  readonly oldPick: number;
  /** Which of the adapters (connections) the workflow uses. */
  readonly connection: number;
  readonly steps: readonly Step[];
  /** The callback throws after its steps: the whole workflow must roll back. */
  readonly throwAtEnd: boolean;
  /** The callback starts its last transition without awaiting it (run/load must wait for it). */
  readonly danglingLast: boolean;
  /**
   * 'commit'/'rollback': the workflow runs on the handle of a caller's transaction, which then
   * commits or rolls back (its afterCommit handlers wait for that commit).
   */
  readonly outer: 'none' | 'commit' | 'rollback';
}

/** Batches run one after the other; a batch's workflows are started together (Promise.all). */
export type Program = readonly (readonly WorkflowPlan[])[];
