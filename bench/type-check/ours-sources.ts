import type { SyntheticGraph } from './synthetic-graph.js';

/** The files a user of this package writes for the synthetic machine (the generator adds one). */
export const MACHINE_NAME = 'Bench';
export const DEFINITION_FILE = 'bench.machine.ts';
export const GENERATED_FILE = 'bench.machine.gen.ts';
export const USAGE_FILE = 'usage.ts';
export const MODELS_FILE = 'models.ts';

export const modelsSource = `export interface Item {
  id: string;
  status: string;
  note?: string;
}
`;

/** The primary model's state value for a state: `S12` → `s12`, `Done` → `done`. */
export const stateValue = (state: string): string => state.toLowerCase();

const quote = (text: string): string => `'${text}'`;

export function definitionSource(graph: SyntheticGraph): string {
  const states = graph.states.map((state) => {
    const parts = [
      ...(state.start ? ['start: true'] : []),
      ...(state.terminal ? ['terminal: true'] : []),
      `models: { Item: ${quote(stateValue(state.name))} }`,
      ...(state.terminal ? [] : [`to: [${state.to.map(quote).join(', ')}]`]),
    ];
    return `    ${state.name}: { ${parts.join(', ')} },`;
  });
  return `import { defineMachine, model, value } from 'state-machine-framework/dsl';
import type { Item } from './models.js';

export default defineMachine({
  name: '${MACHINE_NAME}',
  models: {
    Item: model<Item>({ stateField: 'status', identifierField: 'id' }),
  },
  states: {
${states.join('\n')}
  },
  context: {
    requestId: value<string>(),
  },
});
`;
}

const handleName = (state: string): string => `at${state}`;

/**
 * Registers one validator and one hook, then walks the whole path with one awaited `transitionTo`
 * per step, each on the handle the previous step returned (so every call is checked against the
 * typestate of its own state). The callback's return type is written out: inferred, it would make
 * the checker resolve the whole chain of handles recursively from the last one, which overflows
 * TypeScript 5.9's stack at 800 states (a property of long dependent `const` chains, not of these
 * types; TypeScript 7 copes).
 */
export function usageSource(graph: SyntheticGraph): string {
  const [first, second, third] = graph.path;
  if (first === undefined || second === undefined || third === undefined) {
    throw new Error('the path is too short for a usage file');
  }
  const steps = graph.path.map((state, i) => {
    const previous = i === 0 ? 'wf' : handleName(graph.path[i - 1] ?? '');
    const data = i === 0 ? `, { Item: { id: 'I1' } }` : '';
    return `    const ${handleName(state)} = await ${previous}.transitionTo(${quote(state)}${data});`;
  });
  const last = handleName(graph.path[graph.path.length - 1] ?? '');
  return `import { MemoryAdapter } from 'state-machine-framework';
import { ${MACHINE_NAME}Machine } from './bench.machine.gen.js';

${MACHINE_NAME}Machine.validator(${quote(second)}, function hasId(data) {
  if (data.Item?.id === '') throw new Error('id must not be empty');
});
${MACHINE_NAME}Machine.hook(${quote(third)}, function describe(instances, context) {
  return \`\${instances.Item.id}:\${context.requestId}\`;
});

export async function walk(): Promise<readonly string[]> {
  const adapter = new MemoryAdapter();
  const context = { requestId: 'R1' };
  return ${MACHINE_NAME}Machine.run({ adapter, context }, async (wf): Promise<readonly string[]> => {
${steps.join('\n')}
    return ${last}.historySummary().path;
  });
}
`;
}
