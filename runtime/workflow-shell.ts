import type { ORMAdapter } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { runAfterCommit } from './after-commit.js';
import { prepareContext, type PreparedContext } from './context-input.js';
import { attributeToMachine, ContextValidationError, type HandlerError } from './errors.js';
import { callHandler } from './handler-call.js';
import { missingInstances } from './required-instances.js';
import { WorkflowCore } from './workflow.js';
import { handleOf, WorkflowHandle } from './workflow-handle.js';
import type { PendingAfterCommit, WorkflowStart } from './workflow-state.js';

/** What `run` or `load` asks of the transaction shell. */
export interface WorkflowShell {
  readonly compiled: CompiledMachine;
  readonly adapter: ORMAdapter;
  /** The caller's context, checked here (schemas may be async). */
  readonly context: unknown;
  readonly onAfterCommitError: ((error: HandlerError) => void) | undefined;
  /** Inside the transaction: what the workflow starts with (`load` reads its rows here). */
  readonly start: (
    tx: ORMAdapter,
    context: PreparedContext,
  ) => WorkflowStart | Promise<WorkflowStart>;
  /** A fresh workflow must end with every required `instanceOf` row created. */
  readonly demandInstances: boolean;
}

/**
 * One workflow in one transaction: commits when the callback resolves, rolls back when it throws.
 * A transition the callback started but did not await is waited for first, and its failure rolls
 * the workflow back: nothing commits half a transition. afterCommit handlers are queued on the
 * outermost transaction (`onCommit`) so they run only once it has really committed.
 */
export async function runWorkflow<R>(
  shell: WorkflowShell,
  fn: (wf: WorkflowHandle) => R | Promise<R>,
): Promise<R> {
  const { compiled, adapter, onAfterCommitError } = shell;
  const prepared = await prepareContext(compiled, shell.context);
  let afterwards: readonly PendingAfterCommit[] | undefined;
  let context: Record<string, unknown> = {};
  let result: R;
  try {
    result = await adapter.transaction(inside);
  } catch (error) {
    // Errors at COMMIT too (a deferred constraint, a transaction the database had aborted).
    attributeToMachine(error, compiled.name);
    throw error;
  }
  if (afterwards) await runAfterCommit(compiled, afterwards, adapter, context, onAfterCommitError);
  return result;

  async function inside(tx: ORMAdapter): Promise<R> {
    const start = await shell.start(tx, prepared);
    const core = new WorkflowCore(compiled, tx, start, handleOf);
    let value: R;
    try {
      value = (await callHandler(
        tx,
        fn,
        new WorkflowHandle(core, start.state),
        undefined,
        undefined,
      )) as R;
      const settling = core.settle();
      if (settling) await settling;
    } catch (error) {
      try {
        await core.settle();
      } catch {
        // The callback's own error is the one to report.
      }
      throw error;
    } finally {
      core.close();
    }
    if (shell.demandInstances) {
      const missing = missingInstances(compiled, core.workflow.instanceTable);
      if (missing.length > 0) throw new ContextValidationError(compiled.name, missing);
    }
    const { pendingAfterCommit: pending, context: held } = core.workflow;
    if (pending.length > 0) {
      const run = (root: ORMAdapter) =>
        runAfterCommit(compiled, pending, root, held, onAfterCommitError);
      if (tx.onCommit) tx.onCommit(run);
      else [afterwards, context] = [pending, held];
    }
    return value;
  }
}
