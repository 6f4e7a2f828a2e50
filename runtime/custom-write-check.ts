import type { Row } from './orm-adapter.js';
import { HandlerError, ObjectNotFound } from './errors.js';
import type { RegisteredHandler } from './handlers.js';
import { sameData } from './row-difference.js';
import type { StateWriter } from './state-write.js';
import { isThenable, type Steps } from './step-driver.js';
import type { WorkflowState } from './workflow-state.js';
import { show } from './message-value.js';

/**
 * After a custom transition handler: every model the target maps must have a row, read back from
 * the database now, whose state field holds the target's value. A handler that forgot to write
 * would otherwise commit the workflow in the target state while the rows still say otherwise.
 * The rows read replace the workflow's instances, so hooks see what was written.
 */
export function* checkCustomWrite(
  wf: WorkflowState,
  db: StateWriter,
  handler: RegisteredHandler,
  to: string,
): Steps<void> {
  const fail = (message: string) =>
    new HandlerError(wf.machine, 'transition', handler.name, wf.state, to, new Error(message));
  for (const { model, config, value: expected } of wf.compiled.writes.get(to) ?? []) {
    const held = Object.hasOwn(wf.instanceTable, model) ? wf.instanceTable[model] : undefined;
    if (!held) {
      throw fail(
        `'${to}' maps ${model}, but the handler created none; call meta.writeState(), or meta.setInstance('${model}', row) with the row it wrote`,
      );
    }
    const id = held[config.identifierField];
    let stored: Row;
    try {
      const read = db.get(model, { [config.identifierField]: id });
      stored = isThenable(read) ? ((yield read) as Row) : read;
    } catch (error) {
      if (!(error instanceof ObjectNotFound)) throw error;
      throw fail(`${model} ${show(id)} does not exist after the handler ran`);
    }
    if (!sameData(stored[config.stateField], expected)) {
      throw fail(
        `${model} ${show(id)} holds ${config.stateField} ${show(stored[config.stateField])} after the handler ran, not '${to}''s ${show(expected)}; write it (meta.writeState() does) or throw`,
      );
    }
    wf.instanceTable[model] = stored;
  }
}
