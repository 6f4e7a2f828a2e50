import type { MachineModel } from '../../../generator/definition/machine-model.js';
import { machineOf, modelOf } from './model-builders.js';

/** The model the parse + model stages produce for examples/order/order.machine.ts. */
export function orderModel(sourceFile: string): MachineModel {
  return machineOf({
    name: 'Order',
    sourceFile,
    models: [
      modelOf(
        sourceFile,
        'Order',
        { kind: 'import', name: 'Order', from: './models.js' },
        { stateField: 'status', identifierField: 'orderId' },
      ),
    ],
    states: {
      Pending: { start: true, to: ['Processing', 'Cancelled'] },
      Processing: { to: ['Completed', 'Cancelled'] },
      Completed: { terminal: true },
      Cancelled: { terminal: true },
    },
    context: [
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
    ],
    schemaImports: ['OrderData'],
  });
}
