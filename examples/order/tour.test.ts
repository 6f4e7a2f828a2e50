import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// README's runtime snippet is this example's tour.ts; run it as a user would.
const root = resolve(import.meta.dirname, '../..');

describe('the README tour', () => {
  it('runs: completes the order, mails after commit, and leaves a completed order alone on load', () => {
    const output = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'examples/order/tour.ts'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(output.trim()).toBe("Pending → Processing → Completed | mails: [ 'user@example.com' ]");
  });
});
