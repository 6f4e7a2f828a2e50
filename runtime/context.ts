import type { Row } from './adapters/orm-adapter.js';
import { ContextValidationError, type ContextIssue } from './errors.js';
import type { ContextRequirement, MachineConfig } from './machine-config.js';

export type InstanceTable = Record<string, Row>;

export interface PreparedContext {
  /** Validated values (schema outputs replace inputs). */
  readonly values: Record<string, unknown>;
  /** Model instances passed in through `instanceOf` entries. */
  readonly instances: InstanceTable;
}

/**
 * Checks a caller's context against the machine's requirements and reports every problem at once.
 * `demandRequired` is off for `load`, whose caller may not have the values a fresh run needs;
 * reading such a value later is then an error of its own.
 */
export async function prepareContext(
  config: MachineConfig,
  input: unknown,
  demandRequired: boolean,
): Promise<PreparedContext> {
  const requirements = config.context ?? {};
  const issues: ContextIssue[] = [];
  const values: Record<string, unknown> = {};
  const instances: InstanceTable = {};
  const given = (input ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new ContextValidationError(config.name, [
      { key: '(context)', message: 'must be an object' },
    ]);
  }
  for (const key of Object.keys(given)) {
    if (!(key in requirements)) {
      const known = Object.keys(requirements).join(', ') || 'none';
      issues.push({ key, message: `is not a context entry of ${config.name} (known: ${known})` });
    }
  }
  for (const [key, requirement] of Object.entries(requirements)) {
    const value = given[key];
    if (value === undefined) {
      if (requirement.required && demandRequired && requirement.kind !== 'instance') {
        issues.push({ key, message: 'is required' });
      }
      continue;
    }
    await checkEntry(key, requirement, value, issues, values, instances);
  }
  if (issues.length > 0) throw new ContextValidationError(config.name, issues);
  return { values, instances };
}

async function checkEntry(
  key: string,
  requirement: ContextRequirement,
  value: unknown,
  issues: ContextIssue[],
  values: Record<string, unknown>,
  instances: InstanceTable,
): Promise<void> {
  switch (requirement.kind) {
    case 'value':
      if (requirement.type !== undefined && typeof value !== requirement.type) {
        issues.push({ key, message: `expected ${requirement.type}, got ${describe(value)}` });
      } else values[key] = value;
      return;
    case 'schema': {
      const result = await requirement.schema['~standard'].validate(value);
      if (result.issues) {
        for (const issue of result.issues) {
          const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p));
          issues.push({ key, message: issue.message, path });
        }
      } else values[key] = result.value;
      return;
    }
    case 'instance':
      if (typeof value !== 'object' || value === null) {
        issues.push({
          key,
          message: `expected a ${requirement.model} instance, got ${describe(value)}`,
        });
      } else instances[requirement.model] = { ...(value as Row) };
      return;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The context object handlers see. Value and schema entries are plain properties (pre-transition
 * handlers may change them); `instanceOf` entries read the workflow's live instances.
 */
export function createContextObject(
  config: MachineConfig,
  values: Record<string, unknown>,
  instances: () => InstanceTable,
): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const [key, requirement] of Object.entries(config.context ?? {})) {
    if (requirement.kind === 'instance') {
      Object.defineProperty(context, key, {
        enumerable: true,
        configurable: true,
        get() {
          const row = instances()[requirement.model];
          if (row === undefined && requirement.required) {
            throw new ContextValidationError(config.name, [
              {
                key,
                message: `${requirement.model} is not created yet (it is created in '${requirement.createdIn}')`,
              },
            ]);
          }
          return row;
        },
      });
    } else if (key in values) {
      context[key] = values[key];
    } else if (requirement.required) {
      Object.defineProperty(context, key, {
        enumerable: false,
        configurable: true,
        get() {
          throw new ContextValidationError(config.name, [
            { key, message: 'was not provided to this workflow' },
          ]);
        },
        set(value: unknown) {
          Object.defineProperty(context, key, {
            value,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        },
      });
    }
  }
  return context;
}

/** Required `instanceOf` entries still empty: a fresh workflow may not commit with any. */
export function missingInstances(config: MachineConfig, instances: InstanceTable): ContextIssue[] {
  const issues: ContextIssue[] = [];
  for (const [key, requirement] of Object.entries(config.context ?? {})) {
    if (requirement.kind === 'instance' && requirement.required && !instances[requirement.model]) {
      issues.push({
        key,
        message: `${requirement.model} was never created (it is created in '${requirement.createdIn}')`,
      });
    }
  }
  return issues;
}

/** A context's own string-keyed properties as they were, for undoing a failed transition. */
export interface ContextSnapshot {
  readonly keys: readonly string[];
  /** `descriptors[i]` is the descriptor `keys[i]` had. */
  readonly descriptors: readonly PropertyDescriptor[];
}

// Parallel arrays rather than a Map of descriptors: a transition into a state with hooks takes a
// snapshot every time, and this is about 3× cheaper.
export function snapshotContext(context: Record<string, unknown>): ContextSnapshot {
  const keys = Object.getOwnPropertyNames(context);
  const descriptors: PropertyDescriptor[] = [];
  for (const key of keys) descriptors.push(Object.getOwnPropertyDescriptor(context, key) ?? {});
  return { keys, descriptors };
}

export function restoreContext(context: Record<string, unknown>, saved: ContextSnapshot): void {
  for (const key of Object.keys(context)) if (!saved.keys.includes(key)) delete context[key];
  saved.keys.forEach((key, i) => {
    Object.defineProperty(context, key, saved.descriptors[i] ?? {});
  });
}
