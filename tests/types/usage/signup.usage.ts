// Type test for Signup: built by tests/types/build-usage-file.ts (refresh with `vitest -u`).
// Each @ts-expect-error line must stay an error: tsc fails on one that is no longer needed.
import type { FreshWorkflow, ORMAdapter } from 'state-machine-framework';
import {
  SIGNUP_EDGES,
  SignupMachine,
  SIGNUP_STATES,
  SIGNUP_TRANSITIONS,
  type SignupState,
  type SignupTransitions,
  type SignupTypes,
  type SignupWorkflow,
} from '../../generator/goldens/schema-context/signup.machine.gen.js';

declare const fresh: FreshWorkflow<SignupTypes>;
declare const loaded: SignupWorkflow;
declare const inStarted: SignupWorkflow<'Started'>;
declare const inVerified: SignupWorkflow<'Verified'>;
declare const inDone: SignupWorkflow<'Done'>;
declare const inAbandoned: SignupWorkflow<'Abandoned'>;

export const stateList: readonly SignupState[] = SIGNUP_STATES;
export const edgeList: readonly (readonly [SignupState, SignupState])[] = SIGNUP_EDGES;
export const targetsOfStarted: readonly SignupTransitions['Started'][] = SIGNUP_TRANSITIONS.Started;
export const targetsOfVerified: readonly SignupTransitions['Verified'][] =
  SIGNUP_TRANSITIONS.Verified;
export const targetsOfDone: readonly SignupTransitions['Done'][] = SIGNUP_TRANSITIONS.Done;
export const targetsOfAbandoned: readonly SignupTransitions['Abandoned'][] =
  SIGNUP_TRANSITIONS.Abandoned;

export async function legalTransitions(): Promise<readonly unknown[]> {
  const step0: SignupWorkflow<'Started'> = await fresh.transitionTo('Started');
  const step1: SignupWorkflow<'Verified'> = await inStarted.transitionTo('Verified');
  const step2: SignupWorkflow<'Abandoned'> = await inStarted.transitionTo('Abandoned');
  const step3: SignupWorkflow<'Done'> = await inVerified.transitionTo('Done');
  const step4: SignupWorkflow<'Abandoned'> = await inVerified.transitionTo('Abandoned');
  if (loaded.is('Started')) await loaded.transitionTo('Verified');
  return [step0, step1, step2, step3, step4];
}

export async function forbiddenTransitions(): Promise<void> {
  // @ts-expect-error Started → Started is not an edge
  await inStarted.transitionTo('Started');
  // @ts-expect-error Started → Done is not an edge
  await inStarted.transitionTo('Done');
  // @ts-expect-error Verified → Started is not an edge
  await inVerified.transitionTo('Started');
  // @ts-expect-error Verified → Verified is not an edge
  await inVerified.transitionTo('Verified');
  // @ts-expect-error Done → Started is not an edge
  await inDone.transitionTo('Started');
  // @ts-expect-error Done → Verified is not an edge
  await inDone.transitionTo('Verified');
  // @ts-expect-error Done → Done is not an edge
  await inDone.transitionTo('Done');
  // @ts-expect-error Done → Abandoned is not an edge
  await inDone.transitionTo('Abandoned');
  // @ts-expect-error Abandoned → Started is not an edge
  await inAbandoned.transitionTo('Started');
  // @ts-expect-error Abandoned → Verified is not an edge
  await inAbandoned.transitionTo('Verified');
  // @ts-expect-error Abandoned → Done is not an edge
  await inAbandoned.transitionTo('Done');
  // @ts-expect-error Abandoned → Abandoned is not an edge
  await inAbandoned.transitionTo('Abandoned');
  // @ts-expect-error a fresh workflow enters only a start state, not Verified
  await fresh.transitionTo('Verified');
  // @ts-expect-error a fresh workflow enters only a start state, not Done
  await fresh.transitionTo('Done');
  // @ts-expect-error a fresh workflow enters only a start state, not Abandoned
  await fresh.transitionTo('Abandoned');
  // @ts-expect-error NotAState is not a state
  await inStarted.transitionTo('NotAState');
  // @ts-expect-error NotAState is not a state
  await fresh.transitionTo('NotAState');
}

export async function loadedBeforeNarrowing(): Promise<void> {
  // @ts-expect-error Started is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Started');
  // @ts-expect-error Verified is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Verified');
  // @ts-expect-error Done is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Done');
  // @ts-expect-error Abandoned is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Abandoned');
  switch (loaded.state) {
    case 'Started':
      await loaded.transitionTo('Verified');
      break;
    case 'Verified':
      await loaded.transitionTo('Done');
      break;
  }
}

export function handlerInstances(): void {
  SignupMachine.hook('Started', (instances) => instances.Signup.signupId);
  SignupMachine.hook('Verified', (instances) => instances.Signup.signupId);
  SignupMachine.hook('Done', (instances) => instances.Signup.signupId);
  SignupMachine.hook('Abandoned', (instances) => instances.Signup.signupId);
}

export async function persistedHistory(adapter: ORMAdapter): Promise<void> {
  for (const entry of await SignupMachine.history({ adapter, id: 1 })) {
    const to: SignupState = entry.to;
    const from: SignupState | null = entry.from;
    const step: [number, Date, unknown, unknown] = [
      entry.seq,
      entry.at,
      entry.results,
      entry.metadata,
    ];
    void [to, from, step];
    // @ts-expect-error NotAState is never a logged state
    if (entry.to === 'NotAState') return;
  }
  await inStarted.transitionTo('Verified', undefined, { metadata: { by: 'u1' } });
  // @ts-expect-error metadata is an object of who/why, not a string
  await inStarted.transitionTo('Verified', undefined, { metadata: 'u1' });
}

export function unknownStateNames(): void {
  // @ts-expect-error NotAState is not a state
  SignupMachine.validator('NotAState', () => undefined);
  // @ts-expect-error NotAState is not a state
  const state: SignupState = 'NotAState';
  void state;
}
