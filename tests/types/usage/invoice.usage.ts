// Type test for Invoice: built by tests/types/build-usage-file.ts (refresh with `vitest -u`).
// Each @ts-expect-error line must stay an error: tsc fails on one that is no longer needed.
import type { FreshWorkflow, ORMAdapter } from 'state-machine-framework';
import {
  INVOICE_EDGES,
  InvoiceMachine,
  INVOICE_STATES,
  INVOICE_TRANSITIONS,
  INVOICE_TIMERS,
  type InvoiceTimerTargets,
  type InvoiceState,
  type InvoiceTransitions,
  type InvoiceTypes,
  type InvoiceWorkflow,
} from '../../generator/goldens/timers/invoice.machine.gen.js';

declare const fresh: FreshWorkflow<InvoiceTypes>;
declare const loaded: InvoiceWorkflow;
declare const inDraft: InvoiceWorkflow<'Draft'>;
declare const inSent: InvoiceWorkflow<'Sent'>;
declare const inReminded: InvoiceWorkflow<'Reminded'>;
declare const inOverdue: InvoiceWorkflow<'Overdue'>;
declare const inPaid: InvoiceWorkflow<'Paid'>;
declare const inVoid: InvoiceWorkflow<'Void'>;

export const stateList: readonly InvoiceState[] = INVOICE_STATES;
export const edgeList: readonly (readonly [InvoiceState, InvoiceState])[] = INVOICE_EDGES;
export const targetsOfDraft: readonly InvoiceTransitions['Draft'][] = INVOICE_TRANSITIONS.Draft;
export const targetsOfSent: readonly InvoiceTransitions['Sent'][] = INVOICE_TRANSITIONS.Sent;
export const targetsOfReminded: readonly InvoiceTransitions['Reminded'][] =
  INVOICE_TRANSITIONS.Reminded;
export const targetsOfOverdue: readonly InvoiceTransitions['Overdue'][] =
  INVOICE_TRANSITIONS.Overdue;
export const targetsOfPaid: readonly InvoiceTransitions['Paid'][] = INVOICE_TRANSITIONS.Paid;
export const targetsOfVoid: readonly InvoiceTransitions['Void'][] = INVOICE_TRANSITIONS.Void;

export async function legalTransitions(): Promise<readonly unknown[]> {
  const step0: InvoiceWorkflow<'Draft'> = await fresh.transitionTo('Draft');
  const step1: InvoiceWorkflow<'Sent'> = await inDraft.transitionTo('Sent');
  const step2: InvoiceWorkflow<'Void'> = await inDraft.transitionTo('Void');
  const step3: InvoiceWorkflow<'Reminded'> = await inSent.transitionTo('Reminded');
  const step4: InvoiceWorkflow<'Overdue'> = await inSent.transitionTo('Overdue');
  const step5: InvoiceWorkflow<'Paid'> = await inSent.transitionTo('Paid');
  const step6: InvoiceWorkflow<'Draft'> = await inReminded.transitionTo('Draft');
  const step7: InvoiceWorkflow<'Sent'> = await inReminded.transitionTo('Sent');
  const step8: InvoiceWorkflow<'Reminded'> = await inReminded.transitionTo('Reminded');
  const step9: InvoiceWorkflow<'Overdue'> = await inReminded.transitionTo('Overdue');
  const step10: InvoiceWorkflow<'Paid'> = await inReminded.transitionTo('Paid');
  const step11: InvoiceWorkflow<'Void'> = await inReminded.transitionTo('Void');
  const step12: InvoiceWorkflow<'Paid'> = await inOverdue.transitionTo('Paid');
  const step13: InvoiceWorkflow<'Void'> = await inOverdue.transitionTo('Void');
  if (loaded.is('Draft')) await loaded.transitionTo('Sent');
  return [
    step0,
    step1,
    step2,
    step3,
    step4,
    step5,
    step6,
    step7,
    step8,
    step9,
    step10,
    step11,
    step12,
    step13,
  ];
}

export async function forbiddenTransitions(): Promise<void> {
  // @ts-expect-error Draft → Draft is not an edge
  await inDraft.transitionTo('Draft');
  // @ts-expect-error Draft → Reminded is not an edge
  await inDraft.transitionTo('Reminded');
  // @ts-expect-error Draft → Overdue is not an edge
  await inDraft.transitionTo('Overdue');
  // @ts-expect-error Draft → Paid is not an edge
  await inDraft.transitionTo('Paid');
  // @ts-expect-error Sent → Draft is not an edge
  await inSent.transitionTo('Draft');
  // @ts-expect-error Sent → Sent is not an edge
  await inSent.transitionTo('Sent');
  // @ts-expect-error Sent → Void is not an edge
  await inSent.transitionTo('Void');
  // @ts-expect-error Overdue → Draft is not an edge
  await inOverdue.transitionTo('Draft');
  // @ts-expect-error Overdue → Sent is not an edge
  await inOverdue.transitionTo('Sent');
  // @ts-expect-error Overdue → Reminded is not an edge
  await inOverdue.transitionTo('Reminded');
  // @ts-expect-error Overdue → Overdue is not an edge
  await inOverdue.transitionTo('Overdue');
  // @ts-expect-error Paid → Draft is not an edge
  await inPaid.transitionTo('Draft');
  // @ts-expect-error Paid → Sent is not an edge
  await inPaid.transitionTo('Sent');
  // @ts-expect-error Paid → Reminded is not an edge
  await inPaid.transitionTo('Reminded');
  // @ts-expect-error Paid → Overdue is not an edge
  await inPaid.transitionTo('Overdue');
  // @ts-expect-error Paid → Paid is not an edge
  await inPaid.transitionTo('Paid');
  // @ts-expect-error Paid → Void is not an edge
  await inPaid.transitionTo('Void');
  // @ts-expect-error Void → Draft is not an edge
  await inVoid.transitionTo('Draft');
  // @ts-expect-error Void → Sent is not an edge
  await inVoid.transitionTo('Sent');
  // @ts-expect-error Void → Reminded is not an edge
  await inVoid.transitionTo('Reminded');
  // @ts-expect-error Void → Overdue is not an edge
  await inVoid.transitionTo('Overdue');
  // @ts-expect-error Void → Paid is not an edge
  await inVoid.transitionTo('Paid');
  // @ts-expect-error Void → Void is not an edge
  await inVoid.transitionTo('Void');
  // @ts-expect-error a fresh workflow enters only a start state, not Sent
  await fresh.transitionTo('Sent');
  // @ts-expect-error a fresh workflow enters only a start state, not Reminded
  await fresh.transitionTo('Reminded');
  // @ts-expect-error a fresh workflow enters only a start state, not Overdue
  await fresh.transitionTo('Overdue');
  // @ts-expect-error a fresh workflow enters only a start state, not Paid
  await fresh.transitionTo('Paid');
  // @ts-expect-error a fresh workflow enters only a start state, not Void
  await fresh.transitionTo('Void');
  // @ts-expect-error NotAState is not a state
  await inDraft.transitionTo('NotAState');
  // @ts-expect-error NotAState is not a state
  await fresh.transitionTo('NotAState');
}

export async function loadedBeforeNarrowing(): Promise<void> {
  // @ts-expect-error Draft is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Draft');
  // @ts-expect-error Sent is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Sent');
  // @ts-expect-error Reminded is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Reminded');
  // @ts-expect-error Overdue is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Overdue');
  // @ts-expect-error Paid is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Paid');
  // @ts-expect-error Void is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Void');
  switch (loaded.state) {
    case 'Draft':
      await loaded.transitionTo('Sent');
      break;
    case 'Sent':
      await loaded.transitionTo('Reminded');
      break;
    case 'Reminded':
      await loaded.transitionTo('Draft');
      break;
    case 'Overdue':
      await loaded.transitionTo('Paid');
      break;
  }
}

export function handlerInstances(): void {
  InvoiceMachine.hook('Draft', (instances) => instances.Invoice.invoiceId);
  InvoiceMachine.hook('Sent', (instances) => instances.Invoice.invoiceId);
  InvoiceMachine.hook('Reminded', (instances) => instances.Invoice.invoiceId);
  InvoiceMachine.hook('Overdue', (instances) => instances.Invoice.invoiceId);
  InvoiceMachine.hook('Paid', (instances) => instances.Invoice.invoiceId);
  InvoiceMachine.hook('Void', (instances) => instances.Invoice.invoiceId);
}

export async function persistedHistory(adapter: ORMAdapter): Promise<void> {
  for (const entry of await InvoiceMachine.history({ adapter, id: 1 })) {
    const to: InvoiceState = entry.to;
    const from: InvoiceState | null = entry.from;
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
  await inDraft.transitionTo('Sent', undefined, { metadata: { by: 'u1' } });
  // @ts-expect-error metadata is an object of who/why, not a string
  await inDraft.transitionTo('Sent', undefined, { metadata: 'u1' });
}

export function timerTables(): void {
  void (INVOICE_TIMERS.Draft satisfies readonly {
    readonly afterMs: number;
    readonly to: InvoiceTimerTargets['Draft'];
  }[]);
  void (INVOICE_TIMERS.Draft[0].afterMs satisfies 2592000000);
  // @ts-expect-error no timer of Draft moves to Draft
  void ('Draft' satisfies InvoiceTimerTargets['Draft']);
  // @ts-expect-error no timer of Draft moves to Sent
  void ('Sent' satisfies InvoiceTimerTargets['Draft']);
  // @ts-expect-error no timer of Draft moves to Reminded
  void ('Reminded' satisfies InvoiceTimerTargets['Draft']);
  // @ts-expect-error no timer of Draft moves to Overdue
  void ('Overdue' satisfies InvoiceTimerTargets['Draft']);
  // @ts-expect-error no timer of Draft moves to Paid
  void ('Paid' satisfies InvoiceTimerTargets['Draft']);
  void (INVOICE_TIMERS.Sent satisfies readonly {
    readonly afterMs: number;
    readonly to: InvoiceTimerTargets['Sent'];
  }[]);
  void (INVOICE_TIMERS.Sent[0].afterMs satisfies 259200000);
  void (INVOICE_TIMERS.Sent[1].afterMs satisfies 1209600000);
  // @ts-expect-error no timer of Sent moves to Draft
  void ('Draft' satisfies InvoiceTimerTargets['Sent']);
  // @ts-expect-error no timer of Sent moves to Sent
  void ('Sent' satisfies InvoiceTimerTargets['Sent']);
  // @ts-expect-error no timer of Sent moves to Paid
  void ('Paid' satisfies InvoiceTimerTargets['Sent']);
  // @ts-expect-error no timer of Sent moves to Void
  void ('Void' satisfies InvoiceTimerTargets['Sent']);
  void (INVOICE_TIMERS.Reminded satisfies readonly {
    readonly afterMs: number;
    readonly to: InvoiceTimerTargets['Reminded'];
  }[]);
  void (INVOICE_TIMERS.Reminded[0].afterMs satisfies 950400000);
  // @ts-expect-error no timer of Reminded moves to Draft
  void ('Draft' satisfies InvoiceTimerTargets['Reminded']);
  // @ts-expect-error no timer of Reminded moves to Sent
  void ('Sent' satisfies InvoiceTimerTargets['Reminded']);
  // @ts-expect-error no timer of Reminded moves to Reminded
  void ('Reminded' satisfies InvoiceTimerTargets['Reminded']);
  // @ts-expect-error no timer of Reminded moves to Paid
  void ('Paid' satisfies InvoiceTimerTargets['Reminded']);
  // @ts-expect-error no timer of Reminded moves to Void
  void ('Void' satisfies InvoiceTimerTargets['Reminded']);
  void (INVOICE_TIMERS.Overdue satisfies readonly {
    readonly afterMs: number;
    readonly to: InvoiceTimerTargets['Overdue'];
  }[]);
  // @ts-expect-error no timer of Overdue moves to Draft
  void ('Draft' satisfies InvoiceTimerTargets['Overdue']);
  // @ts-expect-error no timer of Overdue moves to Sent
  void ('Sent' satisfies InvoiceTimerTargets['Overdue']);
  // @ts-expect-error no timer of Overdue moves to Reminded
  void ('Reminded' satisfies InvoiceTimerTargets['Overdue']);
  // @ts-expect-error no timer of Overdue moves to Overdue
  void ('Overdue' satisfies InvoiceTimerTargets['Overdue']);
  // @ts-expect-error no timer of Overdue moves to Paid
  void ('Paid' satisfies InvoiceTimerTargets['Overdue']);
  // @ts-expect-error no timer of Overdue moves to Void
  void ('Void' satisfies InvoiceTimerTargets['Overdue']);
  void (INVOICE_TIMERS.Paid satisfies readonly {
    readonly afterMs: number;
    readonly to: InvoiceTimerTargets['Paid'];
  }[]);
  // @ts-expect-error no timer of Paid moves to Draft
  void ('Draft' satisfies InvoiceTimerTargets['Paid']);
  // @ts-expect-error no timer of Paid moves to Sent
  void ('Sent' satisfies InvoiceTimerTargets['Paid']);
  // @ts-expect-error no timer of Paid moves to Reminded
  void ('Reminded' satisfies InvoiceTimerTargets['Paid']);
  // @ts-expect-error no timer of Paid moves to Overdue
  void ('Overdue' satisfies InvoiceTimerTargets['Paid']);
  // @ts-expect-error no timer of Paid moves to Paid
  void ('Paid' satisfies InvoiceTimerTargets['Paid']);
  // @ts-expect-error no timer of Paid moves to Void
  void ('Void' satisfies InvoiceTimerTargets['Paid']);
  void (INVOICE_TIMERS.Void satisfies readonly {
    readonly afterMs: number;
    readonly to: InvoiceTimerTargets['Void'];
  }[]);
  // @ts-expect-error no timer of Void moves to Draft
  void ('Draft' satisfies InvoiceTimerTargets['Void']);
  // @ts-expect-error no timer of Void moves to Sent
  void ('Sent' satisfies InvoiceTimerTargets['Void']);
  // @ts-expect-error no timer of Void moves to Reminded
  void ('Reminded' satisfies InvoiceTimerTargets['Void']);
  // @ts-expect-error no timer of Void moves to Overdue
  void ('Overdue' satisfies InvoiceTimerTargets['Void']);
  // @ts-expect-error no timer of Void moves to Paid
  void ('Paid' satisfies InvoiceTimerTargets['Void']);
  // @ts-expect-error no timer of Void moves to Void
  void ('Void' satisfies InvoiceTimerTargets['Void']);
}

export function unknownStateNames(): void {
  // @ts-expect-error NotAState is not a state
  InvoiceMachine.validator('NotAState', () => undefined);
  // @ts-expect-error NotAState is not a state
  const state: InvoiceState = 'NotAState';
  void state;
}
