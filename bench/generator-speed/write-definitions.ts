import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STATES_PER_MACHINE = 8;

function modelsText(name: string): string {
  const values = Array.from({ length: STATES_PER_MACHINE }, (_, i) => `'s${i}'`).join(' | ');
  return `export interface ${name}Row {\n  id: string;\n  status: ${values};\n  amount: number;\n}\n`;
}

/** One definition: a chain of states with a cancel exit, a value, an instance and (every 4th) a zod schema. */
function definitionText(name: string, index: number): string {
  const withSchema = index % 4 === 0;
  const states = Array.from({ length: STATES_PER_MACHINE }, (_, i) => {
    const last = i === STATES_PER_MACHINE - 1;
    const flags = [i === 0 ? 'start: true' : '', last ? 'terminal: true' : ''].filter(Boolean);
    const targets = [...new Set([`'S${i + 1}'`, `'S${STATES_PER_MACHINE - 1}'`])];
    const to = last ? '' : `, to: [${targets.join(', ')}]`;
    return `    S${i}: { ${[...flags, `models: { Row: 's${i}' }`].join(', ')}${to} },`;
  });
  return [
    "import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';",
    ...(withSchema ? ["import { z } from 'zod';"] : []),
    `import type { ${name}Row } from './models.js';`,
    '',
    ...(withSchema
      ? ['export const Payload = z.object({ amount: z.number(), note: z.string() });', '']
      : []),
    'export default defineMachine({',
    `  name: '${name}',`,
    `  models: { Row: model<${name}Row>({ stateField: 'status', identifierField: 'id' }) },`,
    '  states: {',
    ...states,
    '  },',
    '  context: {',
    '    customerId: value<string>(),',
    "    row: instanceOf('Row', { createdIn: 'S0' }),",
    ...(withSchema ? ['    payload: schema(Payload),'] : []),
    '  },',
    '});',
    '',
  ].join('\n');
}

/** Writes `count` definitions, each in its own folder with its models file. */
export function writeDefinitions(root: string, count: number): void {
  for (let index = 0; index < count; index += 1) {
    const name = `Flow${index}`;
    const folder = join(root, `flow-${index}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'models.ts'), modelsText(name));
    writeFileSync(join(folder, `flow-${index}.machine.ts`), definitionText(name, index));
  }
}
