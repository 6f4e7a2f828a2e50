import type { InstanceTable } from './workflow-state.js';
import { ContextValidationError } from './errors.js';
import type { ContextRequirement, MachineConfig } from './machine-config.js';

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
  const requirements = config.context ?? {};
  for (const key of Object.keys(requirements)) {
    const requirement = requirements[key] as ContextRequirement;
    if (requirement.kind === 'instance') {
      const get = () => {
        const table = instances();
        const row = Object.hasOwn(table, requirement.model) ? table[requirement.model] : undefined;
        if (row === undefined && requirement.required) {
          throw new ContextValidationError(config.name, [
            {
              key,
              message: `${requirement.model} is not created yet (it is created in '${requirement.createdIn}')`,
            },
          ]);
        }
        return row;
      };
      // Not configurable: no handler can delete or replace it, so a failed transition never has
      // to put it back, and the snapshot taken before each transition skips it.
      Object.defineProperty(context, key, { enumerable: true, configurable: false, get });
    } else if (Object.hasOwn(values, key)) {
      // A plain assignment keeps the object fast; `__proto__` would set its prototype instead.
      if (key === '__proto__') {
        Object.defineProperty(context, key, {
          value: values[key],
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else context[key] = values[key];
    }
  }
  return context;
}
