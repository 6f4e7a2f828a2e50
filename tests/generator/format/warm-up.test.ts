import { describe, expect, it } from 'vitest';
import { warmUpPrettier } from '../../../generator/format/warm-up.js';

describe('warmUpPrettier', () => {
  it('asks before every round and stops as soon as real work has arrived', async () => {
    let asked = 0;
    await warmUpPrettier(() => {
      asked += 1;
      return asked === 3;
    });
    expect(asked).toBe(3);
  });
});
