import type { CompiledMachine } from './compiled-machine.js';
import type { Row } from './orm-adapter.js';

/**
 * What a row handed in from outside lacks to be written safely: its identifier, and its version
 * when the model has one (the compare-and-set compares it).
 */
export function missingKeyFields(
  compiled: CompiledMachine,
  model: string,
  row: Row,
): string | undefined {
  const config = compiled.config.models[model];
  if (!config) return undefined;
  for (const [field, what] of [
    [config.identifierField, 'identifier'],
    [config.versionField, 'version'],
  ] as const) {
    if (field === undefined) continue;
    const value = row[field];
    if (value === undefined || value === null) {
      return `the ${model} row has no ${what} (${model}.${field} is ${String(value)}); pass the row as the database holds it`;
    }
  }
  return undefined;
}
