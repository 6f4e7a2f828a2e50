import type { Row } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { deepCopy } from './deep-copy.js';
import { ContextValidationError, type ContextIssue } from './errors.js';
import type { ContextRequirement } from './machine-config.js';
import { missingKeyFields } from './row-key-fields.js';
import type { InstanceTable } from './workflow-state.js';

export interface PreparedContext {
  /** Validated values (schema outputs replace inputs), deep copies of what the caller passed. */
  readonly values: Record<string, unknown>;
  /** Rows of non-primary models passed in through `instanceOf` entries, deep copies. */
  readonly instances: InstanceTable;
}

/**
 * Checks a caller's context against the machine's requirements and reports every problem at once.
 * `run` and `load` demand the same values: handlers read them either way, and a loaded row does not
 * hold them. The primary model's row never comes through the context: `load` reads it by its id.
 * Everything kept is deep-copied, so handlers never change the caller's objects.
 */
export async function prepareContext(
  compiled: CompiledMachine,
  input: unknown,
): Promise<PreparedContext> {
  const { config } = compiled;
  const requirements = config.context ?? {};
  const given = input ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new ContextValidationError(config.name, [
      { key: '(context)', message: `must be an object, got ${describe(given)}` },
    ]);
  }
  const issues: ContextIssue[] = [];
  const values: Record<string, unknown> = {};
  const instances: InstanceTable = {};
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(requirements, key)) {
      const known = Object.keys(requirements).join(', ') || 'none';
      issues.push({ key, message: `is not a context entry of ${config.name} (known: ${known})` });
    }
  }
  for (const key of Object.keys(requirements)) {
    const requirement = requirements[key] as ContextRequirement;
    const value = Object.hasOwn(given, key) ? (given as Record<string, unknown>)[key] : undefined;
    if (value === undefined) {
      if (requirement.required && requirement.kind !== 'instance') {
        issues.push({ key, message: 'is required' });
      }
      continue;
    }
    const entry = await checkEntry(compiled, key, requirement, value, issues);
    if (entry === NOTHING) continue;
    if (requirement.kind === 'instance') instances[requirement.model] = entry as Row;
    else define(values, key, entry);
  }
  if (issues.length > 0) throw new ContextValidationError(config.name, issues);
  return { values, instances };
}

const NOTHING = Symbol('nothing');

async function checkEntry(
  compiled: CompiledMachine,
  key: string,
  requirement: ContextRequirement,
  value: unknown,
  issues: ContextIssue[],
): Promise<unknown> {
  switch (requirement.kind) {
    case 'value': {
      const problem = valueProblem(requirement.type, value);
      if (problem) issues.push({ key, message: problem });
      return problem ? NOTHING : deepCopy(value);
    }
    case 'schema': {
      const result = await requirement.schema['~standard'].validate(value);
      if (!result.issues) return deepCopy(result.value);
      for (const issue of result.issues) {
        const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p));
        issues.push({ key, message: issue.message, path });
      }
      return NOTHING;
    }
    case 'instance': {
      const problem = instanceProblem(compiled, requirement.model, value);
      if (problem) issues.push({ key, message: problem });
      return problem ? NOTHING : deepCopy(value);
    }
  }
}

function valueProblem(type: string | undefined, value: unknown): string | undefined {
  if (type === undefined) return undefined;
  if (typeof value !== type) return `expected ${type}, got ${describe(value)}`;
  if (typeof value === 'number' && Number.isNaN(value)) return 'expected a number, got NaN';
  return undefined;
}

function instanceProblem(
  compiled: CompiledMachine,
  model: string,
  value: unknown,
): string | undefined {
  if (model === compiled.primaryModel) {
    return `is the workflow's own ${model} row: a workflow on an existing ${model} is continued with load({ id }), not started with run()`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a ${model} instance, got ${describe(value)}`;
  }
  return missingKeyFields(compiled, model, value as Row);
}

/** Own data property, even for a key such as `__proto__`. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== '__proto__') {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
