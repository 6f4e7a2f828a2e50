import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDefinition } from '../../../generator/analyze/analyze-definition.js';
import type { MachineModel } from '../../../generator/definition/machine-model.js';
import { createDefinitionProject } from '../../../generator/parse/definition-project.js';
import { FIXTURES } from '../parse/support/definition-files.js';

const VALID = path.join(FIXTURES, 'valid');
const FILES = {
  order: path.join(VALID, 'order/order.machine.ts'),
  multiModel: path.join(VALID, 'multi-model/fulfilment.machine.ts'),
  optionalContext: path.join(VALID, 'optional-context/ticket.machine.ts'),
  schemaContext: path.join(VALID, 'schema-context/signup.machine.ts'),
};
const project = createDefinitionProject(Object.values(FILES));

function modelOf(file: string): MachineModel {
  const result = analyzeDefinition(file, project);
  expect(result.diagnostics).toEqual([]);
  if (result.model === undefined) throw new Error(`no model for ${file}`);
  return result.model;
}

/** States as `name: start/terminal → targets`, the part of the model emit turns into types. */
function stateSummary(model: MachineModel): string[] {
  return model.states.map((state) => {
    const flags = [state.start ? 'start' : '', state.terminal ? 'terminal' : ''].filter(Boolean);
    const values = state.values.map(({ model: name, value }) => `${name}=${String(value)}`);
    return `${state.name} [${flags.join(',')}] {${values.join(' ')}} → ${state.to.join(' ')}${state.unrestricted ? ' (*)' : ''}`;
  });
}

describe('valid definition fixtures', () => {
  it("reads the order fixture's Order definition", () => {
    const model = modelOf(FILES.order);

    expect(model.name).toBe('Order');
    expect(model.sourceFile).toBe(FILES.order);
    expect(model.models).toMatchObject([
      {
        name: 'Order',
        type: { kind: 'import', name: 'Order', from: './models.js' },
        stateField: 'status',
        identifierField: 'orderId',
        span: { file: FILES.order, line: 10, column: 5 },
      },
    ]);
    expect(stateSummary(model)).toEqual([
      'Pending [start] {Order=pending} → Processing Cancelled',
      'Processing [] {Order=processing} → Completed Cancelled',
      'Completed [terminal] {Order=completed} → ',
      'Cancelled [terminal] {Order=cancelled} → ',
    ]);
    expect(model.context).toEqual([
      {
        kind: 'value',
        key: 'customerId',
        required: true,
        type: { kind: 'text', text: 'string' },
        runtimeType: 'string',
      },
      {
        kind: 'value',
        key: 'note',
        required: false,
        type: { kind: 'text', text: 'string' },
        runtimeType: 'string',
      },
      { kind: 'instance', key: 'order', required: true, model: 'Order', createdIn: 'Pending' },
      { kind: 'schema', key: 'orderData', required: true, schema: 'OrderData' },
    ]);
    expect(model.schemaImports).toEqual(['OrderData']);
  });

  it("expands to: '*' to every state in declaration order and keeps every model's values", () => {
    const model = modelOf(FILES.multiModel);

    expect(model.name).toBe('Fulfilment');
    expect(model.models.map((entry) => `${entry.name}.${entry.stateField}`)).toEqual([
      'Order.status',
      'Payment.state',
      'Shipment.stage',
    ]);
    expect(stateSummary(model)).toEqual([
      'New [start] {Order=new Payment=open} → Paid Closed',
      'Paid [] {Order=paid Payment=captured} → New Paid Shipped Returned Closed (*)',
      'Shipped [] {Order=shipped Shipment=1} → Returned Closed',
      'Returned [] {Order=returned Payment=refunded Shipment=2} → Closed',
      'Closed [terminal] {Order=closed} → ',
    ]);
    expect(model.context.map((entry) => [entry.key, entry.required])).toEqual([
      ['order', true],
      ['payment', true],
      ['shipment', false],
    ]);
    expect(model.schemaImports).toEqual([]);
  });

  it('resolves every kind of value<T> type argument and optional entries', () => {
    const model = modelOf(FILES.optionalContext);

    expect(model.name).toBe('SupportTicket');
    expect(model.context).toEqual([
      {
        kind: 'value',
        key: 'agentId',
        required: true,
        type: { kind: 'text', text: 'string' },
        runtimeType: 'string',
      },
      {
        kind: 'value',
        key: 'priority',
        required: false,
        type: { kind: 'text', text: 'number' },
        runtimeType: 'number',
      },
      {
        kind: 'value',
        key: 'urgent',
        required: false,
        type: { kind: 'text', text: 'boolean' },
        runtimeType: 'boolean',
      },
      {
        kind: 'value',
        key: 'budgetCents',
        required: false,
        type: { kind: 'text', text: 'bigint' },
        runtimeType: 'bigint',
      },
      {
        kind: 'value',
        key: 'currency',
        required: false,
        type: { kind: 'import', name: 'Currency', from: './models.js' },
      },
      {
        kind: 'value',
        key: 'channel',
        required: false,
        type: { kind: 'text', text: "'email' | 'phone'" },
      },
      { kind: 'value', key: 'dueAt', required: false, type: { kind: 'text', text: 'Date' } },
      {
        kind: 'value',
        key: 'tags',
        required: false,
        type: { kind: 'text', text: 'readonly string[]' },
      },
      {
        kind: 'value',
        key: 'customer',
        required: false,
        type: { kind: 'text', text: '{ id: string; vip?: boolean }' },
      },
      {
        kind: 'value',
        key: 'reporter',
        required: false,
        type: { kind: 'import', name: 'Reporter', from: './ticket.machine.js' },
      },
      { kind: 'instance', key: 'ticket', required: false, model: 'Ticket', createdIn: 'Open' },
    ]);
  });

  it('names schema constants by their export from the definition module, once each', () => {
    const model = modelOf(FILES.schemaContext);

    expect(model.context).toEqual([
      { kind: 'schema', key: 'profile', required: true, schema: 'Profile' },
      { kind: 'schema', key: 'consent', required: false, schema: 'Consent' },
      { kind: 'schema', key: 'shippingAddress', required: true, schema: 'Address' },
      { kind: 'schema', key: 'billingAddress', required: false, schema: 'Address' },
    ]);
    expect(model.schemaImports).toEqual(['Profile', 'Consent', 'Address']);
  });
});
