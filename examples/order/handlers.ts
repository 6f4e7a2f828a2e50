// Handlers live outside the definition: any module may register them on the generated machine.
import { randomUUID } from 'node:crypto';
import { OrderMachine } from './order.machine.gen.js';

export interface Mailer {
  send(to: string, subject: string): void;
}

/** Registers the order workflow's handlers; returns a function that removes them again. */
export function registerOrderHandlers(mailer: Mailer): () => void {
  const registrations = [
    OrderMachine.preTransition('Pending', function generateOrderId(data, context) {
      const orderId = `ORD-${randomUUID().slice(0, 8).toUpperCase()}`;
      data.Order = {
        orderId,
        amount: context.orderData.amount,
        customerEmail: context.orderData.customerEmail,
        ...data.Order,
      };
      return { idGenerated: true };
    }),
    OrderMachine.validator(
      'Pending',
      function validateOrderAmount(data) {
        if ((data.Order?.amount ?? 0) <= 0) throw new Error('Order amount must be positive');
        return { validated: true };
      },
      { order: 1 },
    ),
    // Cancelling keeps the row and stamps it, with the same compare-and-set the default write uses.
    OrderMachine.transition('Cancelled', async function cancelOrder(instances, _context, meta) {
      const order = instances.Order;
      if (!order) throw new Error('nothing to cancel');
      const cancelledAt = new Date().toISOString();
      const changed = await meta.adapter.update(
        'Order',
        { orderId: order.orderId, status: order.status },
        { status: 'cancelled', cancelledAt },
      );
      if (changed !== 1) throw new Error(`order ${order.orderId} changed under us`);
      meta.setInstance('Order', { ...order, status: 'cancelled', cancelledAt });
      return { cancelledAt };
    }),
    OrderMachine.afterCommit('Processing', function sendConfirmationEmail(instances) {
      mailer.send(
        instances.Order.customerEmail,
        `Order ${instances.Order.orderId} is being processed`,
      );
      return { emailSent: true };
    }),
  ];
  return () => registrations.forEach((unregister) => unregister());
}
