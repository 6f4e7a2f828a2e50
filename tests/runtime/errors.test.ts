import { describe, expect, it } from 'vitest';
import * as source from 'state-machine-framework';

const builtEntry = new URL('../../runtime/dist/index.js', import.meta.url);

describe('errors', () => {
  it('all extend StateMachineError and carry the machine name', () => {
    const errors = [
      new source.TransitionError('Order', 'Pending', 'Shipped', ['Processing']),
      new source.TransitionRejectedError('Order', 'Pending', 'Processing', []),
      new source.HandlerError('Order', 'hook', 'notify', 'Pending', 'Processing', new Error('x')),
      new source.ContextValidationError('Order', []),
      new source.ObjectNotFound('Order', { orderId: 1 }, 'Order'),
      new source.StateValidityError('Order', 'Order', 1, 'lost', ['pending']),
      new source.ConcurrentTransitionError('Order', 'Order', 1, 'Pending', 'Processing', 'pending'),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(source.StateMachineError);
      expect(error).toBeInstanceOf(Error);
      expect(error.machine).toBe('Order');
      expect(error.name).toBe(error.constructor.name);
    }
    expect(errors[0]).not.toBeInstanceOf(source.HandlerError);
    expect((errors[2] as Error).cause).toEqual(new Error('x'));
  });

  // `npm test` builds dist/ first; the built copy stands for a second copy of the package.
  it('are recognised across copies of the package (dist vs source)', async () => {
    const built = (await import(builtEntry.href)) as typeof source;
    const fromDist = new built.ConcurrentTransitionError('Order', 'Order', 1, 'A', 'B', 'a');
    expect(fromDist).toBeInstanceOf(source.ConcurrentTransitionError);
    expect(fromDist).toBeInstanceOf(source.StateMachineError);
    expect(fromDist).not.toBeInstanceOf(source.TransitionError);
    expect(new source.TransitionError('M', null, 'A', [])).toBeInstanceOf(built.StateMachineError);
  });
});
