import { describe, expect, it } from 'vitest';
import {
  definitionSpecifier,
  rebaseSpecifier,
  sourcePathFromOutput,
} from '../../../generator/emit/module-specifiers.js';

const definition = '/repo/src/machines/order.machine.ts';

describe('rebaseSpecifier', () => {
  it.each([
    ['./models.js', '/repo/src/machines/order.machine.gen.ts', './models.js'],
    ['./models.js', '/repo/gen/order.machine.gen.ts', '../src/machines/models.js'],
    ['../shared/models.js', '/repo/src/machines/deep/x.gen.ts', '../../shared/models.js'],
    ['./models/index.js', '/repo/src/machines/order.machine.gen.ts', './models/index.js'],
    ['@app/models', '/repo/gen/order.machine.gen.ts', '@app/models'],
    ['some-package', '/repo/gen/order.machine.gen.ts', 'some-package'],
  ])('%s seen from %s is %s', (specifier, output, expected) => {
    expect(rebaseSpecifier(specifier, definition, output)).toBe(expected);
  });
});

describe('definitionSpecifier and sourcePathFromOutput', () => {
  it('imports the definition with a .js extension relative to the output', () => {
    expect(definitionSpecifier(definition, '/repo/src/machines/order.machine.gen.ts')).toBe(
      './order.machine.js',
    );
    expect(definitionSpecifier(definition, '/repo/gen/order.machine.gen.ts')).toBe(
      '../src/machines/order.machine.js',
    );
  });

  it('names the source relative to the output for the header', () => {
    expect(sourcePathFromOutput(definition, '/repo/src/machines/order.machine.gen.ts')).toBe(
      'order.machine.ts',
    );
    expect(sourcePathFromOutput(definition, '/repo/gen/order.machine.gen.ts')).toBe(
      '../src/machines/order.machine.ts',
    );
  });
});
