import * as fc from 'fast-check';
import { describeProgram } from './describe-program.js';
import type { Fault } from './fault-plan.js';
import type { ItemState } from './item.machine.gen.js';
import { TARGETS, type ItemModel } from './item-reference.js';
import type { Program, RowSource, Step, WorkflowPlan } from './program-shape.js';

export type { Program, RowSource, Step, WorkflowPlan } from './program-shape.js';

export const ENTITIES = 3;

/** The state a step moves to from `state` (null: a new workflow); terminal states have none legal. */
export function targetOf(state: ItemState | null, step: Step): ItemState {
  if (step.to !== 'legal') return step.to;
  const legal = TARGETS[state ?? 'new'];
  return legal[step.pick % legal.length] ?? 'Draft';
}

const faultArb: fc.Arbitrary<Fault | null> = fc.option(
  fc.record({
    phase: fc.constantFrom('preTransition', 'validator', 'transition', 'hook'),
    async: fc.boolean(),
    afterWrite: fc.boolean(),
  }),
  { freq: 8, nil: null },
);

const stepArb = (targets: fc.Arbitrary<ItemState | 'legal'>): fc.Arbitrary<Step> =>
  fc.record({
    to: targets,
    pick: fc.nat({ max: 2 }),
    increment: fc.constantFrom<ItemModel | null>(null, 'Item', 'Note', 'Tag', 'Tag'),
    fault: faultArb,
    onFail: fc.constantFrom('catch', 'catch', 'propagate'),
    checkFirst: fc.constantFrom(false, false, false, true),
  });

// Mostly legal moves, so programs get somewhere; named states give illegal ones too.
const anyTarget = fc.oneof(
  { weight: 3, arbitrary: fc.constant<'legal'>('legal') },
  { weight: 1, arbitrary: fc.constantFrom<ItemState>('Draft', 'Active', 'Paused', 'Archived') },
);
const runFirstTarget = fc.constantFrom<ItemState>('Draft', 'Draft', 'Draft', 'Draft', 'Active');

const stepsArb = (method: 'run' | 'load'): fc.Arbitrary<readonly Step[]> =>
  method === 'run'
    ? fc
        .tuple(stepArb(runFirstTarget), fc.array(stepArb(anyTarget), { maxLength: 3 }))
        .map(([first, rest]) => [first, ...rest])
    : fc.array(stepArb(anyTarget), { maxLength: 5 });

export function workflowArb(connections: number): fc.Arbitrary<WorkflowPlan> {
  return fc.constantFrom<'run' | 'load'>('run', 'load', 'load', 'load').chain((method) =>
    fc.record({
      method: fc.constant(method),
      entity: fc.integer({ min: 0, max: ENTITIES - 1 }),
      note: fc.constantFrom<RowSource>('linked', 'snapshot', 'old'),
      tag: fc.constantFrom<RowSource>('linked', 'snapshot', 'old'),
      oldPick: fc.nat({ max: 7 }),
      connection: fc.integer({ min: 0, max: connections - 1 }),
      steps: stepsArb(method),
      throwAtEnd: fc.constantFrom(false, false, false, false, false, true),
      danglingLast: fc.constantFrom(false, false, false, false, true),
      outer: fc.constantFrom<WorkflowPlan['outer']>(
        'none',
        'none',
        'none',
        'none',
        'commit',
        'rollback',
      ),
    }),
  );
}

type Start = 'none' | 'Draft' | 'Active' | 'Paused' | 'Archived';

const setupStep = (to: ItemState, increment: ItemModel | null = null): Step => ({
  to,
  pick: 0,
  increment,
  fault: null,
  onFail: 'propagate',
  checkFirst: false,
});

const setupPlan = (entity: number, method: 'run' | 'load', steps: Step[]): WorkflowPlan => ({
  method,
  entity,
  note: 'linked',
  tag: 'linked',
  oldPick: 0,
  connection: 0,
  steps,
  throwAtEnd: false,
  danglingLast: false,
  outer: 'none',
});

/**
 * Two fault-free batches that bring each entity to its start state through committed workflows
 * (the second leaves Note and Tag with an older committed copy for stale callers to hold).
 */
function setupBatches(starts: readonly Start[]): WorkflowPlan[][] {
  const created = starts.flatMap((start, entity) =>
    start === 'none'
      ? []
      : [
          setupPlan(
            entity,
            'run',
            start === 'Draft' ? [setupStep('Draft')] : [setupStep('Draft'), setupStep('Active')],
          ),
        ],
  );
  const moved = starts.flatMap((start, entity) => {
    if (start === 'none' || start === 'Draft') return [];
    const rest =
      start === 'Paused' ? ['Paused'] : start === 'Archived' ? ['Paused', 'Archived'] : [];
    const steps = [
      setupStep('Active', 'Note'),
      setupStep('Active', 'Tag'),
      ...rest.map((to) => setupStep(to as ItemState)),
    ];
    return [setupPlan(entity, 'load', steps)];
  });
  return [created, moved].filter((batch) => batch.length > 0);
}

const startArb = fc.constantFrom<Start>(
  'none',
  'Draft',
  'Active',
  'Active',
  'Active',
  'Paused',
  'Archived',
);

/** Set-up batches, then 1–4 random batches of 1–3 workflows each on the same entities. */
export function programArb(connections: number): fc.Arbitrary<Program> {
  return fc
    .tuple(
      fc.array(startArb, { minLength: ENTITIES, maxLength: ENTITIES }),
      fc.array(fc.array(workflowArb(connections), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([starts, batches]) => {
      const program = [...setupBatches(starts), ...batches];
      return Object.defineProperty(program, fc.toStringMethod, {
        value: () => describeProgram(program),
      });
    });
}
