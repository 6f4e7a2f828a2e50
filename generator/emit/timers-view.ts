import type { MachineModel, TimerModel } from '../definition/machine-model.js';
import {
  arrayOf,
  code,
  literalUnion,
  objectOf,
  property,
  propertyKey,
  stringCode,
} from './literals.js';
import type { LiteralView } from '../../templates/literal-view.js';
import type { TimersView } from '../../templates/machine-module-view.js';

/** `{ afterMs: 172800000, to: 'Cancelled' }`: the table's and the runtime config's shape. */
export function timerLiteral(timer: TimerModel): LiteralView {
  return objectOf([
    property('afterMs', code(String(timer.afterMs))),
    property('to', stringCode(timer.to)),
  ]);
}

/**
 * The timer exports, or undefined when no state declares one, so that a machine without timers
 * generates the same module as before timers existed.
 */
export function buildTimersView(model: MachineModel): TimersView | undefined {
  if (model.states.every((state) => state.timers.length === 0)) return undefined;
  return {
    targetMembers: model.states.map((state) => ({
      name: propertyKey(state.name),
      // In the order of `to` (state declaration order), like the transitions interface.
      type: literalUnion(state.to.filter((to) => state.timers.some((timer) => timer.to === to))),
    })),
    table: objectOf(
      model.states.map((state) => property(state.name, arrayOf(state.timers.map(timerLiteral)))),
    ),
  };
}
