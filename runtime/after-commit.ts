import type { CompiledMachine } from './compiled-machine.js';
import { HandlerError } from './errors.js';
import type { ORMAdapter } from './orm-adapter.js';
import type { PendingAfterCommit } from './workflow-state.js';

const reportToConsole = (error: HandlerError): void => console.error(error);

/**
 * Runs a committed workflow's afterCommit handlers in the order queued. `adapter` is the one whose
 * outermost transaction committed: free for work of its own. A handler that throws is reported
 * (`onError`, by default console.error) and the rest still run: the commit stands.
 */
export async function runAfterCommit(
  compiled: CompiledMachine,
  pending: readonly PendingAfterCommit[],
  adapter: ORMAdapter,
  context: Record<string, unknown>,
  onError: ((error: HandlerError) => void) | undefined,
): Promise<void> {
  const report = onError ?? reportToConsole;
  for (const { handler, instances, from, to, timer } of pending) {
    const meta = { machine: compiled.name, from, to, adapter, dryRun: false };
    if (timer !== undefined) Object.assign(meta, { timer });
    try {
      await handler.fn(instances, context, meta);
    } catch (error) {
      report(new HandlerError(compiled.name, 'afterCommit', handler.name, from, to, error));
    }
  }
}
