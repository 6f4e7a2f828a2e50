import { defineMachine, model } from 'state-machine-framework/dsl';
import type { LedgerInvoice } from './models.js';

// ledger.machine.ts with Sent's value renamed from 'sent' to 'issued', and regenerated: queries
// must follow the value the generated config carries.
export default defineMachine({
  name: 'Ledger',
  models: {
    Invoice: model<LedgerInvoice>({ stateField: 'status', identifierField: 'invoiceId' }),
  },
  states: {
    Draft: { start: true, models: { Invoice: 'draft' }, to: ['Sent', 'Void'] },
    Sent: { models: { Invoice: 'issued' }, to: ['Paid', 'Void'] },
    Paid: { terminal: true, models: { Invoice: 'paid' } },
    Void: { terminal: true, models: { Invoice: 'void' } },
  },
});
