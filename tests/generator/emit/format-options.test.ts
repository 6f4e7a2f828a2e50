import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emitMachine } from '../../../generator/emit/emit-machine.js';
import {
  DEFAULT_FORMAT_OPTIONS,
  forgetFormatOptions,
  resolveFormatOptions,
} from '../../../generator/format/format-options.js';
import { createInProcessFormatter } from '../../../generator/format/formatter.js';
import { orderModel } from './order-model.js';

// Outside the repository, so the repository's own .prettierrc.json is not found.
let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'smf-prettier-'));
});
afterEach(async () => {
  await forgetFormatOptions();
  await rm(project, { recursive: true, force: true });
});

async function emitIn(directory: string): Promise<string> {
  const model = orderModel(join(directory, 'order.machine.ts'));
  const location = { definitionFile: model.sourceFile, root: directory };
  const { format } = createInProcessFormatter();
  const stamp = { sourceHash: 'sha256:0123456789abcdef', generatorVersion: '1.0.0' };
  const files = await emitMachine(model, { location, stamp, format });
  return [...files.values()][0] ?? '';
}

describe('prettier options for the output path', () => {
  it('uses the pinned defaults when the project has no prettier config', async () => {
    expect(await resolveFormatOptions(join(project, 'x.gen.ts'))).toEqual(DEFAULT_FORMAT_OPTIONS);
    const text = await emitIn(project);
    expect(text).toContain("import type { Order } from './models.js';");
  });

  it("follows the user's prettier config so their `prettier --check` passes", async () => {
    await writeFile(
      join(project, '.prettierrc.json'),
      JSON.stringify({ semi: false, printWidth: 60 }),
    );
    const text = await emitIn(project);
    expect(text).toContain('import type { Order } from "./models.js"\n');
    expect(text).toContain('export type OrderStartState = "Pending"\n');
  });

  it('applies .editorconfig settings as prettier would', async () => {
    await writeFile(join(project, '.editorconfig'), 'root = true\n[*]\nindent_style = tab\n');
    const text = await emitIn(project);
    expect(text).toContain("\tPending: 'Processing' | 'Cancelled'");
    expect(text).toContain("import type { Order } from './models.js';");
  });
});
