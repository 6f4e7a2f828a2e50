import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILERS, REPO_ROOT, typeCheck, VARIANTS } from './type-check.js';

// Compiled on its own: the module augmentation would otherwise retype every handler of the
// repository's own program.
const USAGE = `
import type { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import type { WarehouseDatabase } from '../../../examples/shipment-postgres/models.js';
import { ShipmentMachine } from '../../../examples/shipment-postgres/shipment.machine.gen.js';

declare module 'state-machine-framework' {
  interface Register {
    adapter: KyselyAdapter<WarehouseDatabase>;
  }
}

ShipmentMachine.hook('Reserved', async (instances, _context, meta) => {
  const rows = await meta.adapter.db
    .selectFrom('inventory')
    .select('on_hand')
    .where('sku', '=', instances.Shipment.sku)
    .execute();
  const onHand: number | undefined = rows[0]?.on_hand;
  // @ts-expect-error the application's schema has no such table
  await meta.adapter.db.selectFrom('no_such_table').selectAll().execute();
  return onHand;
});

ShipmentMachine.afterCommit('Shipped', (_instances, _context, meta) => {
  // After the commit meta.adapter is the adapter itself, free for new work.
  const adapter: KyselyAdapter<WarehouseDatabase> = meta.adapter;
  void adapter;
});
`;

describe('Register: typing meta.adapter as the application’s adapter', () => {
  it.each(COMPILERS)(
    'gives handlers the Kysely transaction as meta.adapter.db ($name)',
    async (compiler) => {
      const dir = await mkdtemp(join(REPO_ROOT, 'tests/types/tmp-register-'));
      try {
        const file = join(dir, 'register.usage.ts');
        await writeFile(file, USAGE);
        const result = await typeCheck(compiler, 'register', VARIANTS['strictest'] ?? {}, [file]);
        expect(result.output).toBe('');
        expect(result.exitCode).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
