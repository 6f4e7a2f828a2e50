import type { CompiledMachine } from './compiled-machine.js';
import type { ContextIssue } from './errors.js';
import type { ContextRequirement } from './machine-config.js';
import type { InstanceTable } from './workflow-state.js';

/** Required `instanceOf` entries still empty: a fresh workflow may not commit with any. */
export function missingInstances(
  compiled: CompiledMachine,
  instances: InstanceTable,
): ContextIssue[] {
  const issues: ContextIssue[] = [];
  const requirements = compiled.config.context ?? {};
  for (const key of Object.keys(requirements)) {
    const requirement = requirements[key] as ContextRequirement;
    if (
      requirement.kind === 'instance' &&
      requirement.required &&
      !Object.hasOwn(instances, requirement.model)
    ) {
      issues.push({
        key,
        message: `${requirement.model} was never created (it is created in '${requirement.createdIn}')`,
      });
    }
  }
  return issues;
}
