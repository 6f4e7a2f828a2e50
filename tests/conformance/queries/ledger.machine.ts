import { defineMachine, model } from 'state-machine-framework/dsl';
import type { LedgerInvoice } from './models.js';

// The same machine as ledger-renamed.machine.ts but for Sent's value ('sent' here, 'issued'
// there): queries must follow the value the generated config carries.
export default defineMachine({
  name: 'Ledger',
  models: {
    Invoice: model<LedgerInvoice>({ stateField: 'status', identifierField: 'invoiceId' }),
  },
  states: {
    Draft: { start: true, models: { Invoice: 'draft' }, to: ['Sent', 'Void'] },
    Sent: { models: { Invoice: 'sent' }, to: ['Paid', 'Void'] },
    Paid: { terminal: true, models: { Invoice: 'paid' } },
    Void: { terminal: true, models: { Invoice: 'void' } },
  },
});
