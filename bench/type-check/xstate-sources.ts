import type { SyntheticGraph } from './synthetic-graph.js';

/** The same synthetic machine written for XState v5 with `setup().createMachine()`. */
export const XSTATE_MACHINE_FILE = 'bench-machine.ts';
export const XSTATE_USAGE_FILE = 'usage.ts';

/** Event that moves to `state`: one event type per target, as a typed XState machine would. */
export const eventFor = (state: string): string => `GO_${state}`;

export function xstateMachineSource(graph: SyntheticGraph): string {
  const [first, second, third] = graph.path;
  if (first === undefined || second === undefined || third === undefined) {
    throw new Error('the path is too short for the XState machine');
  }
  const targets = [...new Set(graph.states.flatMap((s) => s.to))];
  const events = targets.map((t) => `  | { type: '${eventFor(t)}' }`);
  const transition = (from: string, to: string): string => {
    if (from === first && to === second) return `{ target: '${to}', guard: 'hasRequestId' }`;
    if (from === second && to === third) return `{ target: '${to}', actions: 'describe' }`;
    return `'${to}'`;
  };
  const states = graph.states.map((state) => {
    if (state.terminal) return `    ${state.name}: { type: 'final' },`;
    const on = state.to.map((to) => `${eventFor(to)}: ${transition(state.name, to)}`);
    return `    ${state.name}: { on: { ${on.join(', ')} } },`;
  });
  return `import { setup } from 'xstate';

export type BenchEvent =
${events.join('\n')};

export interface BenchContext {
  requestId: string;
}

export const benchMachine = setup({
  types: {
    context: {} as BenchContext,
    events: {} as BenchEvent,
  },
  guards: {
    hasRequestId: ({ context }) => context.requestId !== '',
  },
  actions: {
    describe: ({ context, event }) => {
      console.log(\`\${event.type}:\${context.requestId}\`);
    },
  },
}).createMachine({
  id: 'bench',
  initial: '${first}',
  context: { requestId: 'R1' },
  states: {
${states.join('\n')}
  },
});
`;
}

/** Creates an actor and sends the typed event of every step of the path after the start. */
export function xstateUsageSource(graph: SyntheticGraph): string {
  const sends = graph.path.slice(1).map((state) => `  actor.send({ type: '${eventFor(state)}' });`);
  return `import { createActor } from 'xstate';
import { benchMachine } from './bench-machine.js';

export function walk(): unknown {
  const actor = createActor(benchMachine);
  actor.start();
${sends.join('\n')}
  return actor.getSnapshot().value;
}
`;
}
