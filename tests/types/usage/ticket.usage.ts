// Type test for SupportTicket: built by tests/types/build-usage-file.ts (refresh with `vitest -u`).
// Each @ts-expect-error line must stay an error: tsc fails on one that is no longer needed.
import type { FreshWorkflow, ORMAdapter } from 'state-machine-framework';
import {
  SUPPORT_TICKET_EDGES,
  SupportTicketMachine,
  SUPPORT_TICKET_STATES,
  SUPPORT_TICKET_TRANSITIONS,
  type SupportTicketState,
  type SupportTicketTransitions,
  type SupportTicketTypes,
  type SupportTicketWorkflow,
} from '../../generator/goldens/optional-context/ticket.machine.gen.js';

declare const fresh: FreshWorkflow<SupportTicketTypes>;
declare const loaded: SupportTicketWorkflow;
declare const inOpen: SupportTicketWorkflow<'Open'>;
declare const inAnswered: SupportTicketWorkflow<'Answered'>;
declare const inClosed: SupportTicketWorkflow<'Closed'>;

export const stateList: readonly SupportTicketState[] = SUPPORT_TICKET_STATES;
export const edgeList: readonly (readonly [SupportTicketState, SupportTicketState])[] =
  SUPPORT_TICKET_EDGES;
export const targetsOfOpen: readonly SupportTicketTransitions['Open'][] =
  SUPPORT_TICKET_TRANSITIONS.Open;
export const targetsOfAnswered: readonly SupportTicketTransitions['Answered'][] =
  SUPPORT_TICKET_TRANSITIONS.Answered;
export const targetsOfClosed: readonly SupportTicketTransitions['Closed'][] =
  SUPPORT_TICKET_TRANSITIONS.Closed;

export async function legalTransitions(): Promise<readonly unknown[]> {
  const step0: SupportTicketWorkflow<'Open'> = await fresh.transitionTo('Open');
  const step1: SupportTicketWorkflow<'Answered'> = await inOpen.transitionTo('Answered');
  const step2: SupportTicketWorkflow<'Closed'> = await inOpen.transitionTo('Closed');
  const step3: SupportTicketWorkflow<'Open'> = await inAnswered.transitionTo('Open');
  const step4: SupportTicketWorkflow<'Closed'> = await inAnswered.transitionTo('Closed');
  if (loaded.is('Open')) await loaded.transitionTo('Answered');
  return [step0, step1, step2, step3, step4];
}

export async function forbiddenTransitions(): Promise<void> {
  // @ts-expect-error Open → Open is not an edge
  await inOpen.transitionTo('Open');
  // @ts-expect-error Answered → Answered is not an edge
  await inAnswered.transitionTo('Answered');
  // @ts-expect-error Closed → Open is not an edge
  await inClosed.transitionTo('Open');
  // @ts-expect-error Closed → Answered is not an edge
  await inClosed.transitionTo('Answered');
  // @ts-expect-error Closed → Closed is not an edge
  await inClosed.transitionTo('Closed');
  // @ts-expect-error a fresh workflow enters only a start state, not Answered
  await fresh.transitionTo('Answered');
  // @ts-expect-error a fresh workflow enters only a start state, not Closed
  await fresh.transitionTo('Closed');
  // @ts-expect-error NotAState is not a state
  await inOpen.transitionTo('NotAState');
  // @ts-expect-error NotAState is not a state
  await fresh.transitionTo('NotAState');
}

export async function loadedBeforeNarrowing(): Promise<void> {
  // @ts-expect-error Open is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Open');
  // @ts-expect-error Answered is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Answered');
  // @ts-expect-error Closed is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Closed');
  switch (loaded.state) {
    case 'Open':
      await loaded.transitionTo('Answered');
      break;
    case 'Answered':
      await loaded.transitionTo('Open');
      break;
  }
}

export function handlerInstances(): void {
  SupportTicketMachine.hook('Open', (instances) => instances.Ticket.ticketId);
  SupportTicketMachine.hook('Answered', (instances) => instances.Ticket.ticketId);
  SupportTicketMachine.hook('Closed', (instances) => instances.Ticket.ticketId);
}

export async function persistedHistory(adapter: ORMAdapter): Promise<void> {
  for (const entry of await SupportTicketMachine.history({ adapter, id: 1 })) {
    const to: SupportTicketState = entry.to;
    const from: SupportTicketState | null = entry.from;
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
  await inOpen.transitionTo('Answered', undefined, { metadata: { by: 'u1' } });
  // @ts-expect-error metadata is an object of who/why, not a string
  await inOpen.transitionTo('Answered', undefined, { metadata: 'u1' });
}

export function unknownStateNames(): void {
  // @ts-expect-error NotAState is not a state
  SupportTicketMachine.validator('NotAState', () => undefined);
  // @ts-expect-error NotAState is not a state
  const state: SupportTicketState = 'NotAState';
  void state;
}
