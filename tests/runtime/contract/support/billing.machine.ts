// A small machine in the shape smf-gen emits (see tests/runtime/support/order.machine.gen.ts).
// Invoice is the primary model and carries a version field; Payment is linked to its invoice by
// `invoiceId`, so load finds it without being handed it.
import { createMachine, type MachineConfig, type Workflow } from 'state-machine-framework';

export interface Invoice {
  invoiceId: string;
  status: 'draft' | 'sent' | 'paid' | 'refunded' | 'void';
  total: number;
  version: number;
}

export interface Payment {
  paymentId: string;
  invoiceId: string;
  state: 'settled' | 'refunded';
  amount: number;
}

export type BillingState = 'Draft' | 'Sent' | 'Paid' | 'Refunded' | 'Void';

export interface BillingTransitions {
  Draft: 'Sent' | 'Void';
  Sent: 'Paid' | 'Void';
  Paid: 'Refunded';
  Refunded: never;
  Void: never;
}

export interface BillingContext {
  invoice: Invoice;
  customer?: string | undefined;
  copies?: number | undefined;
}

export interface BillingContextInput {
  customer?: string | undefined;
  copies?: number | undefined;
}

export interface BillingStateInstances {
  Draft: { Invoice: Invoice; Payment?: Payment | undefined };
  Sent: { Invoice: Invoice; Payment?: Payment | undefined };
  Paid: { Invoice: Invoice; Payment: Payment };
  Refunded: { Invoice: Invoice; Payment: Payment };
  Void: { Invoice: Invoice; Payment?: Payment | undefined };
}

export interface BillingTypes {
  state: BillingState;
  start: 'Draft';
  transitions: Pick<BillingTransitions, BillingState>;
  anyStateTargets: never;
  models: { Invoice: Invoice; Payment: Payment };
  stateInstances: Pick<BillingStateInstances, BillingState>;
  context: BillingContext;
  contextInput: BillingContextInput;
  contextOption: { context?: BillingContextInput };
}

export type BillingWorkflow<S extends BillingState = BillingState> = Workflow<BillingTypes, S>;

export const BILLING_CONFIG: MachineConfig = {
  name: 'Billing',
  models: {
    Invoice: { stateField: 'status', identifierField: 'invoiceId', versionField: 'version' },
    Payment: { stateField: 'state', identifierField: 'paymentId', linkedBy: 'invoiceId' },
  },
  states: {
    Draft: { models: { Invoice: 'draft' }, to: ['Sent', 'Void'], start: true },
    Sent: { models: { Invoice: 'sent' }, to: ['Paid', 'Void'] },
    Paid: { models: { Invoice: 'paid', Payment: 'settled' }, to: ['Refunded'] },
    Refunded: { models: { Invoice: 'refunded', Payment: 'refunded' }, to: [], terminal: true },
    Void: { models: { Invoice: 'void' }, to: [], terminal: true },
  },
  context: {
    invoice: { kind: 'instance', required: true, model: 'Invoice', createdIn: 'Draft' },
    customer: { kind: 'value', required: false, type: 'string' },
    copies: { kind: 'value', required: false, type: 'number' },
  },
};

/** A fresh machine with no handlers, so each test registers only its own. */
export const createBillingMachine = () => createMachine<BillingTypes>(BILLING_CONFIG);
