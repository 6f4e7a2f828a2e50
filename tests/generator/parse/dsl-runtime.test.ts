import { describe, expect, it } from 'vitest';
import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';
import type { StandardSchemaV1 } from 'state-machine-framework';

interface Order {
  orderId: string;
  status: string;
  version: number;
}

const orderData: StandardSchemaV1<{ amount: number }> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (input) => ({ value: input as { amount: number } }),
  },
};

// A generated module imports schema constants from the definition, which evaluates the helpers.
describe('the DSL helpers at runtime', () => {
  it('defineMachine returns its argument', () => {
    const definition = {
      name: 'Order',
      models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
      states: { Pending: { start: true, terminal: true, models: { Order: 'pending' } } },
    } as const;

    expect(defineMachine(definition)).toBe(definition);
  });

  it('builds plain descriptions, required by default', () => {
    expect(model<Order>({ stateField: 'status', identifierField: 'orderId' })).toEqual({
      kind: 'model',
      stateField: 'status',
      identifierField: 'orderId',
    });
    expect(
      model<Order>({
        stateField: 'status',
        identifierField: 'orderId',
        versionField: 'version',
        linkedBy: 'orderId',
      }),
    ).toEqual({
      kind: 'model',
      stateField: 'status',
      identifierField: 'orderId',
      versionField: 'version',
      linkedBy: 'orderId',
    });
    expect(value<string>()).toEqual({ kind: 'value', required: true });
    expect(value<string>({ required: false })).toEqual({ kind: 'value', required: false });
    expect(schema(orderData)).toEqual({ kind: 'schema', required: true, schema: orderData });
    expect(schema(orderData, { required: false })).toMatchObject({ required: false });
    expect(instanceOf('Order', { createdIn: 'Pending' })).toEqual({
      kind: 'instance',
      required: true,
      model: 'Order',
      createdIn: 'Pending',
    });
    expect(instanceOf('Order', { createdIn: 'Pending', required: false })).toMatchObject({
      required: false,
    });
  });
});
