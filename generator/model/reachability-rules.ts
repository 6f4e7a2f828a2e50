import { diagnosticAt } from '../diagnostics/codes.js';
import type { ValidDefinition } from './definition-schema.js';
import { keySpan, type Rule } from './rule-input.js';

/** SMF209 (warning): a state no start state leads to is dead code. */
export const checkReachable: Rule = (input) => {
  const { states } = input.definition;
  const starts = Object.keys(states).filter((name) => states[name]?.start === true);
  if (starts.length === 0) return [];
  const reached = closure(starts, successorsOf(input.definition));
  return Object.keys(states)
    .filter((name) => !reached.has(name))
    .map((name) =>
      diagnosticAt(
        'SMF209',
        keySpan(input, ['states', name]),
        `state '${name}' cannot be reached from a start state`,
        'add it to the `to` of a state, or mark it `start: true`',
      ),
    );
};

/**
 * SMF210 (warning): a workflow that enters such a state can never finish. Machines without
 * terminal states (a vending machine that cycles forever) are legitimate and not checked.
 */
export const checkCanFinish: Rule = (input) => {
  const { states } = input.definition;
  const terminals = Object.keys(states).filter((name) => states[name]?.terminal === true);
  if (terminals.length === 0) return [];
  const predecessors = new Map<string, string[]>();
  for (const [from, targets] of successorsOf(input.definition)) {
    for (const to of targets) {
      const list = predecessors.get(to);
      if (list === undefined) predecessors.set(to, [from]);
      else list.push(from);
    }
  }
  const finishing = closure(terminals, predecessors);
  return Object.keys(states)
    .filter((name) => !finishing.has(name))
    .map((name) =>
      diagnosticAt(
        'SMF210',
        keySpan(input, ['states', name]),
        `state '${name}' cannot reach a terminal state`,
        'a workflow that enters it can never finish: add a path to a terminal state',
      ),
    );
};

/**
 * Each state's targets, '*' expanded. A state whose exits are already an error (an unknown
 * target, SMF201, or a non-terminal state without `to`, SMF204) counts as leading to every state:
 * its author meant it to lead somewhere, so the warnings that follow only from the missing edge
 * are left to that error, and only the warnings it cannot explain are reported beside it.
 */
function successorsOf(definition: ValidDefinition): Map<string, readonly string[]> {
  const names = Object.keys(definition.states);
  const declared = new Set(names);
  return new Map(
    Object.entries(definition.states).map(([name, { to, terminal }]) => {
      if (to === '*') return [name, names];
      const targets = to ?? [];
      const exitsInError =
        targets.some((target) => !declared.has(target)) ||
        (terminal !== true && targets.length === 0);
      return [name, exitsInError ? names : targets];
    }),
  );
}

function closure(
  roots: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set(roots);
  const pending = [...roots];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const target of edges.get(next) ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      pending.push(target);
    }
  }
  return seen;
}
