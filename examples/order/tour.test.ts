import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// README's tour is this example's tour.ts; tests/e2e/tour.test.ts follows it from packed packages.
const root = resolve(import.meta.dirname, '../..');

describe('the README tour', () => {
  it('runs: run stops at Processing, load completes the order, the mail goes after commit', () => {
    const output = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'examples/order/tour.ts'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(output.trim().split('\n')).toEqual([
      'run:  Pending → Processing',
      "load: Processing → Completed | mails: [ 'user@example.com' ]",
    ]);
  });
});
