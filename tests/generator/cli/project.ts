import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** The Order definition of the quick start, as a user writes it. */
export const ORDER_DEFINITION = `import { defineMachine, instanceOf, model, value } from 'state-machine-framework/dsl';
import type { Order } from './models.js';

export default defineMachine({
  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing', 'Cancelled'] },
    Processing: { models: { Order: 'processing' }, to: ['Completed', 'Cancelled'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
  context: {
    customerId: value<string>(),
    order: instanceOf('Order', { createdIn: 'Pending' }),
  },
});
`;

export const ORDER_MODELS = `export interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed' | 'cancelled';
}
`;

/** A second machine; its states are named after `name`. */
export function doorDefinition(name = 'Door'): string {
  return `import { defineMachine, model } from 'state-machine-framework/dsl';
import type { Door } from './models.js';

export default defineMachine({
  name: '${name}',
  models: { Door: model<Door>({ stateField: 'status', identifierField: 'id' }) },
  states: {
    Closed: { start: true, models: { Door: 'closed' }, to: ['Open'] },
    Open: { models: { Door: 'open' }, to: ['Closed', 'Removed'] },
    Removed: { terminal: true, models: { Door: 'removed' } },
  },
});
`;
}

export const DOOR_MODELS = `export interface Door {
  id: string;
  status: 'closed' | 'open' | 'removed';
}
`;

/** A temp project folder (outside the repository) holding `files`. */
export async function makeProject(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'smf-cli-'));
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(
  root: string,
  files: Readonly<Record<string, string>>,
): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

/** Every file below `root`, relative and sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .toSorted();
}
