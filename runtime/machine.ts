import { compileMachine } from './compiled-machine.js';
import type { HandlerOptions, Phase, Unregister } from './handlers.js';
import { registerHandler, registerStateHandlers } from './handler-registration.js';
import type { MachineConfig } from './machine-config.js';
import type { Machine } from './machine-interface.js';
import type { MachineTypes } from './machine-types.js';
import { readHistory } from './persisted-history.js';
import { countStates, findRows } from './machine-queries.js';
import { runDueTimers } from './due-timers.js';
import { startTimerWorker } from './timer-worker.js';
import { withRetry } from './retry.js';
import {
  assertWorkflowArguments,
  checkLoadOptions,
  type CheckedLoadOptions,
  type CheckedOptions,
} from './workflow-options.js';
import { runWorkflow, type WorkflowShell } from './workflow-shell.js';
import { loadStart, runStart } from './workflow-start.js';

/** Binds a machine description to its generated types. Generated modules call this. */
export function createMachine<T extends MachineTypes>(config: MachineConfig): Machine<T> {
  const compiled = compileMachine(config);
  const on =
    (phase: Phase) =>
    (state: string, fn: (...args: any[]) => unknown, options: HandlerOptions = {}): Unregister =>
      registerHandler(compiled, state, phase, { handler: fn, ...options });

  return {
    name: config.name,
    config,
    run(options, fn) {
      try {
        assertWorkflowArguments(compiled, 'run', options, fn);
      } catch (error) {
        return Promise.reject(error);
      }
      const { adapter, context, onAfterCommitError } = options as CheckedOptions;
      return runWorkflow(
        {
          compiled,
          adapter,
          context,
          onAfterCommitError,
          demandInstances: true,
          start: (_tx, prepared) => runStart(prepared.values, prepared.instances),
        },
        fn as never,
      );
    },
    load(options, fn) {
      let load: CheckedLoadOptions;
      try {
        assertWorkflowArguments(compiled, 'load', options, fn);
        load = checkLoadOptions(compiled, options);
      } catch (error) {
        return Promise.reject(error);
      }
      const { id, instances, lock, retry } = load;
      const { adapter, context, onAfterCommitError } = options as CheckedOptions;
      const shell: WorkflowShell = {
        compiled,
        adapter,
        context,
        onAfterCommitError,
        demandInstances: false,
        start: (tx, prepared) =>
          loadStart(tx, {
            compiled,
            id,
            values: prepared.values,
            outside: { ...prepared.instances, ...instances },
            lock,
          }),
      };
      const once = () => runWorkflow(shell, fn as never) as Promise<never>;
      return retry === undefined ? once() : withRetry(retry, once);
    },
    history: (options) => readHistory(compiled, options) as Promise<never>,
    find: (options) => findRows(compiled, options) as Promise<never>,
    countByState: (options) => countStates(compiled, options) as Promise<never>,
    runDueTimers: (options) => runDueTimers(compiled, options) as Promise<never>,
    startTimerWorker: (options) => startTimerWorker(compiled, options),
    preTransition: on('preTransition'),
    validator: on('validator'),
    hook: on('hook'),
    afterCommit: on('afterCommit'),
    transition: on('transition'),
    state: (state, handlers) => registerStateHandlers(compiled, state, handlers),
  };
}
