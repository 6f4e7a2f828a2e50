import { defineMachine, instanceOf, model, value } from 'state-machine-framework/dsl';
import type { Invoice, Payment } from './models.js';

// Invoice is the primary model and carries a version field; Payment is linked to its invoice by
// `invoiceId`, so load finds it without being handed it.
export default defineMachine({
  name: 'Billing',
  models: {
    Invoice: model<Invoice>({
      stateField: 'status',
      identifierField: 'invoiceId',
      versionField: 'version',
    }),
    Payment: model<Payment>({
      stateField: 'state',
      identifierField: 'paymentId',
      linkedBy: 'invoiceId',
    }),
  },
  states: {
    Draft: { start: true, models: { Invoice: 'draft' }, to: ['Sent', 'Void'] },
    Sent: { models: { Invoice: 'sent' }, to: ['Paid', 'Void'] },
    Paid: { models: { Invoice: 'paid', Payment: 'settled' }, to: ['Refunded'] },
    Refunded: { terminal: true, models: { Invoice: 'refunded', Payment: 'refunded' } },
    Void: { terminal: true, models: { Invoice: 'void' } },
  },
  context: {
    invoice: instanceOf('Invoice', { createdIn: 'Draft' }),
    customer: value<string>({ required: false }),
    copies: value<number>({ required: false }),
  },
});
