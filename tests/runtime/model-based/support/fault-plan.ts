import type { Machine } from 'state-machine-framework';
import {
  ITEM_STATES,
  type ItemContext,
  type ItemState,
  type ItemTypes,
} from './item.machine.gen.js';
import { AFTER_COMMIT_STATES, CUSTOM_TRANSITION_STATES } from './item-reference.js';

export type FaultPhase = 'preTransition' | 'validator' | 'transition' | 'hook';

/** A handler of `phase` throws on the transition it is planned for (`afterWrite`: custom only). */
export interface Fault {
  readonly phase: FaultPhase;
  readonly async: boolean;
  readonly afterWrite: boolean;
}

export interface AfterCommitCall {
  readonly workflow: string;
  readonly entity: string;
  readonly from: string | null;
  readonly to: string;
}

export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

/**
 * What the machine's handlers (registered once) consult: the fault planned for the transition a
 * workflow is on, set by the program before each `transitionTo`. Workflows are told apart by the
 * `workflow` context value, so concurrent workflows never read each other's plan.
 */
export class FaultPlan {
  readonly #current = new Map<string, Fault | undefined>();
  afterCommitCalls: AfterCommitCall[] = [];

  reset(): void {
    this.#current.clear();
    this.afterCommitCalls = [];
  }

  /** The fault (if any) of the transition `workflow` is about to attempt. */
  arm(workflow: string, fault: Fault | undefined): void {
    this.#current.set(workflow, fault);
  }

  faultFor(context: Readonly<ItemContext>, phase: FaultPhase): Fault | undefined {
    const fault = this.#current.get(context.workflow);
    return fault?.phase === phase ? fault : undefined;
  }
}

/** Throws synchronously, or returns a promise that rejects after an await. */
function raise(fault: Fault, where: string): Promise<never> {
  const error = new InjectedFault(`injected ${fault.async ? 'async' : 'sync'} fault in ${where}`);
  if (!fault.async) throw error;
  return Promise.resolve().then(() => {
    throw error;
  });
}

/** Registers every handler of the machine once; each throws only when the plan says so. */
export function registerPlannedHandlers(machine: Machine<ItemTypes>, plan: FaultPlan): void {
  for (const state of ITEM_STATES) {
    machine.preTransition(state, (_data, context) => {
      const fault = plan.faultFor(context, 'preTransition');
      return fault ? raise(fault, `preTransition of ${state}`) : undefined;
    });
    machine.validator(state, (_data, context) => {
      const fault = plan.faultFor(context, 'validator');
      return fault ? raise(fault, `validator of ${state}`) : undefined;
    });
    machine.hook(state, (_instances, context) => {
      const fault = plan.faultFor(context, 'hook');
      return fault ? raise(fault, `hook of ${state}`) : undefined;
    });
  }
  for (const state of CUSTOM_TRANSITION_STATES) {
    machine.transition(state, (_instances, context, meta) => {
      const fault = plan.faultFor(context, 'transition');
      if (fault && !fault.afterWrite) return raise(fault, `transition of ${state}`);
      return meta.writeState().then(() => {
        if (fault) return raise(fault, `transition of ${state} after its write`);
        return undefined;
      });
    });
  }
  for (const state of AFTER_COMMIT_STATES) {
    machine.afterCommit(state as ItemState, (instances, context, meta) => {
      plan.afterCommitCalls.push({
        workflow: context.workflow,
        entity: instances.Item.id,
        from: meta.from,
        to: meta.to,
      });
    });
  }
}
