import { CALL_KEY, type RawPath, type RawValue } from '../definition/parse-result.js';
import { rawValueAt } from './raw-value.js';

const OWNER_KIND: Readonly<Record<string, string>> = {
  models: 'model',
  states: 'state',
  context: 'context entry',
};

/**
 * How a message names the place at `path`: `state 'Pending'`, `'start' of state 'Pending'`,
 * `argument 2 of instanceOf() in context entry 'order'`.
 */
export function describePath(root: RawValue, path: RawPath): string {
  const [section, name, ...rest] = path;
  if (section === undefined) return 'the definition';
  if (name === undefined) return `'${section}'`;
  const kind = OWNER_KIND[String(section)];
  const owner = kind === undefined ? `'${section}.${name}'` : `${kind} '${name}'`;
  const [first, second, ...deeper] = rest;
  if (first === undefined) return owner;
  if (first === 'args' && typeof second === 'number') {
    const helper = `${String(rawValueAt(root, [section, name, CALL_KEY]))}()`;
    if (deeper.length === 0) return `argument ${second + 1} of ${helper} in ${owner}`;
    return `'${deeper.join('.')}' of ${helper} in ${owner}`;
  }
  if (section === 'states' && first === 'models' && second !== undefined && deeper.length === 0) {
    return `the value for model '${second}' in ${owner}`;
  }
  if (section === 'states' && first === 'to' && typeof second === 'number') {
    return `target ${second + 1} of ${owner}`;
  }
  if (section === 'states' && first === 'after' && second !== undefined && deeper.length === 0) {
    return `the target of timer '${second}' in ${owner}`;
  }
  return `'${rest.join('.')}' of ${owner}`;
}
