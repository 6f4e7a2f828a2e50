import type { ORMAdapter } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { missingInstances, prepareContext, type InstanceTable } from './context-input.js';
import { attributeToMachine, ContextValidationError, HandlerError, UsageError } from './errors.js';
import { callHandler } from './handler-call.js';
import { WorkflowCore } from './workflow.js';
import { handleOf, WorkflowHandle } from './workflow-handle.js';
import type { PendingAfterCommit, WorkflowStart } from './workflow-state.js';

export interface ShellOptions {
  readonly adapter: ORMAdapter;
  readonly context?: unknown;
  readonly onAfterCommitError?: ((error: HandlerError) => void) | undefined;
}

export interface WorkflowShell {
  readonly compiled: CompiledMachine;
  readonly options: ShellOptions;
  /** Inside the transaction: what the workflow starts with (`load` reads its rows here). */
  readonly start: (
    tx: ORMAdapter,
    values: Record<string, unknown>,
    instances: InstanceTable,
  ) => Promise<WorkflowStart>;
  /** A fresh workflow must end with every required `instanceOf` row created. */
  readonly demandInstances: boolean;
}

const defaultAfterCommitError = (error: HandlerError): void => console.error(error);

/** Refuses what `run`/`load` cannot work with before anything is opened. */
export function assertShellArguments(
  compiled: CompiledMachine,
  method: string,
  options: unknown,
  fn: unknown,
): asserts options is ShellOptions {
  const where = `${compiled.name}.${method}`;
  if (typeof options !== 'object' || options === null) {
    throw new UsageError(`${where}(options, fn): options must be an object with an adapter`, {
      machine: compiled.name,
    });
  }
  const adapter = (options as { adapter?: unknown }).adapter;
  if (typeof (adapter as ORMAdapter | null | undefined)?.transaction !== 'function') {
    throw new UsageError(
      `${where}: options.adapter must be an ORMAdapter (MemoryAdapter, SqliteAdapter, a transaction handle…), got ${adapter === null ? 'null' : typeof adapter}`,
      { machine: compiled.name },
    );
  }
  if (typeof fn !== 'function') {
    throw new UsageError(
      `${where}: the second argument must be the workflow callback, got ${typeof fn}`,
      { machine: compiled.name },
    );
  }
}

/**
 * One workflow in one transaction: commits when the callback resolves, rolls back when it throws.
 * A transition the callback started but did not await is waited for first, and its failure rolls
 * the workflow back: nothing commits half a transition. afterCommit handlers are queued on the
 * outermost transaction (`onCommit`) so they run only once it has really committed.
 */
export async function runInTransaction<R>(
  shell: WorkflowShell,
  fn: (wf: WorkflowHandle) => R | Promise<R>,
): Promise<R> {
  const { compiled, options } = shell;
  const prepared = await prepareContext(compiled, options.context);
  let afterwards: readonly PendingAfterCommit[] | undefined;
  let context: Record<string, unknown> = {};
  let result: R;
  try {
    result = await options.adapter.transaction(inside);
  } catch (error) {
    // Errors at COMMIT too (a deferred constraint, a transaction the database had aborted).
    attributeToMachine(error, compiled.name);
    throw error;
  }
  if (afterwards) await runAfterCommit(compiled, afterwards, options.adapter, options, context);
  return result;

  async function inside(tx: ORMAdapter): Promise<R> {
    const start = await shell.start(tx, prepared.values, prepared.instances);
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
      const missing = missingInstances(compiled, core.instances);
      if (missing.length > 0) throw new ContextValidationError(compiled.name, missing);
    }
    const pending = core.pendingAfterCommit;
    if (pending.length > 0) {
      const run = (root: ORMAdapter) =>
        runAfterCommit(compiled, pending, root, options, core.context);
      if (tx.onCommit) tx.onCommit(run);
      else [afterwards, context] = [pending, core.context];
    }
    return value;
  }
}

/** `adapter` is the one whose outermost transaction committed: free for work of its own. */
async function runAfterCommit(
  compiled: CompiledMachine,
  pending: readonly PendingAfterCommit[],
  adapter: ORMAdapter,
  options: ShellOptions,
  context: Record<string, unknown>,
): Promise<void> {
  const report = options.onAfterCommitError ?? defaultAfterCommitError;
  for (const { handler, instances, from, to } of pending) {
    const meta = { machine: compiled.name, from, to, adapter, dryRun: false };
    try {
      await handler.fn(instances, context, meta);
    } catch (error) {
      report(new HandlerError(compiled.name, 'afterCommit', handler.name, from, to, error));
    }
  }
}
