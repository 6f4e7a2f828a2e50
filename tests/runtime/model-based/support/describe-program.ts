import type { Program, Step, WorkflowPlan } from './program-shape.js';

/**
 * A program in one line per batch, for fast-check's counterexamples:
 * `load E2 note=old tag=linked old#0 [legal#0 +Note !hook/sync catch, Active not awaited] then throw`.
 */
export function describeProgram(program: Program): string {
  return program
    .map((batch, index) => `batch ${index}: ${batch.map(describeWorkflow).join(' ‖ ')}`)
    .join('\n');
}

function describeWorkflow(plan: WorkflowPlan): string {
  const rows =
    plan.method === 'load'
      ? ` note=${plan.note} tag=${plan.tag}${plan.note === 'old' || plan.tag === 'old' ? ` old#${plan.oldPick}` : ''}`
      : '';
  const connection = plan.connection > 0 ? ` conn${plan.connection}` : '';
  const end = plan.throwAtEnd ? ' then throw' : '';
  const steps = plan.steps.map(describeStep);
  if (plan.danglingLast && steps.length > 0) steps.push(`${steps.pop()} not awaited`);
  const outer =
    plan.outer === 'none'
      ? ''
      : ` in a caller's transaction that ${plan.outer === 'commit' ? 'commits' : 'rolls back'}`;
  return `${plan.method} E${plan.entity}${rows}${connection} [${steps.join(', ')}]${end}${outer}`;
}

function describeStep(step: Step): string {
  const target = step.to === 'legal' ? `legal#${step.pick}` : step.to;
  const increment = step.increment ? ` +${step.increment}` : '';
  const { fault } = step;
  const where = fault?.phase === 'transition' && fault.afterWrite ? '/afterWrite' : '';
  const failing = fault ? ` !${fault.phase}/${fault.async ? 'async' : 'sync'}${where}` : '';
  const check = step.checkFirst ? 'check+' : '';
  return `${check}${target}${increment}${failing}${step.onFail === 'catch' ? ' catch' : ''}`;
}
