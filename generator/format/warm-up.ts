import * as prettier from 'prettier';
import { DEFAULT_FORMAT_OPTIONS } from './format-options.js';

/**
 * A module of the constructs generated modules are made of (type-only imports, `as const`
 * tables, unions, interfaces, a generic call with an object literal), unformatted.
 */
const SAMPLE = `import { createMachine, transitionEdges, type SchemaInput, type Workflow } from 'state-machine-framework';
import type { SampleRow } from './models.js';
export const SAMPLE_STATES = ['Open', 'Busy', 'Done'] as const;
export type SampleState = 'Open' | 'Busy' | 'Done';
export interface SampleTransitions { Open: 'Busy' | 'Done'; Busy: 'Done'; Done: never; }
export const SAMPLE_TRANSITIONS = { Open: ['Busy', 'Done'], Busy: ['Done'], Done: [] } as const;
export const SAMPLE_EDGES = transitionEdges(SAMPLE_TRANSITIONS) as readonly (readonly [SampleState, SampleState])[];
export interface SampleContext { customerId: string; row: SampleRow; payload: SchemaInput<typeof Payload>; }
export interface SampleTypes { state: SampleState; transitions: Pick<SampleTransitions, SampleState>; context: SampleContext; contextOption: { context: SampleContext } }
export type SampleWorkflow<S extends SampleState = SampleState> = Workflow<SampleTypes, S>;
export const SampleMachine = createMachine<SampleTypes>({ name: 'Sample', models: { Row: { stateField: 'status', identifierField: 'id' } }, states: { Open: { models: { Row: 'open' }, to: ['Busy', 'Done'], start: true }, Busy: { models: { Row: 'busy' }, to: ['Done'] }, Done: { models: { Row: 'done' }, to: [], terminal: true } }, context: { customerId: { kind: 'value', required: true, type: 'string' } } });
`;

/** Enough rounds for V8 to optimise prettier's parser and printer, which a cold run spends most on. */
const MAX_ROUNDS = 30;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Formats the sample until `stop()` says real work has arrived (checked between rounds, so a
 * request waits for one round at most). The formatting thread is otherwise idle while the main
 * thread loads the compiler and reads the definitions; warming prettier up in that time makes
 * the formatting that follows faster.
 */
export async function warmUpPrettier(stop: () => boolean): Promise<void> {
  const options = { ...DEFAULT_FORMAT_OPTIONS, parser: 'babel-ts', filepath: 'sample.gen.ts' };
  try {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      await nextTurn();
      if (stop()) return;
      await prettier.format(SAMPLE, options);
    }
  } catch {
    // Only a head start: the real formatting reports its own errors.
  }
}
