import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContextEntryModel } from '../../../generator/definition/machine-model.js';
import { definitionWith, writeDefinitions } from './support/definition-files.js';

const MACHINE = `  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Completed'] },
    Completed: { terminal: true, models: { Order: 'completed' } },
  },`;

/** A definition whose only context entry is `x: value<TYPE>()`. */
function valueOf(type: string, header = ''): string {
  return definitionWith(`${MACHINE}\n  context: { x: value<${type}>() },`, header);
}

const SOURCES = {
  namespaceImport: valueOf('M.Order', "import type * as M from './models.js';"),
  aliasedImport: valueOf('Renamed', "import type { Order as Renamed } from './models.js';"),
  ownExportedType: valueOf('Local', 'export type Local = { id: string };'),
  globalType: valueOf('Date'),
  qualifiedGlobal: valueOf('Intl.Locale'),
  literalUnion: valueOf("'a' | 'b' | 1 | true"),
  tuple: valueOf('[id: string, count?: number]'),
  aliasOfString: valueOf('Text', 'export type Text = string;'),
  packageType: valueOf('ZodType', "import type { ZodType } from 'zod';"),
  typeFromPackageValueOnly: definitionWith(MACHINE),
  localNotExported: valueOf('Hidden', 'type Hidden = { id: string };'),
  objectWithImportedMember: valueOf('{ order: Order }'),
  enumStateField: definitionWith(
    `  name: 'Order',
  models: { Order: model<Stated>({ stateField: 'state', identifierField: 'id' }) },
  states: {
    Pending: { start: true, models: { Order: 'pendng' }, to: ['Done'] },
    Done: { terminal: true, models: { Order: 'done' } },
  },`,
    "import type { Stated } from './enum-models.js';",
  ),
};

const written = writeDefinitions(
  SOURCES,
  {
    'enum-models.ts': `export enum State { Pending = 'pending', Done = 'done' }
export interface Stated { id: string; state: State }
`,
  },
  { insideRepository: true },
);
afterAll(() => written.remove());

function contextOf(name: keyof typeof SOURCES): readonly ContextEntryModel[] {
  const { model, diagnostics } = written.analyze(name);
  expect(diagnostics).toEqual([]);
  return model?.context ?? [];
}

describe('type arguments become references the generated module can use', () => {
  it.each([
    ['namespaceImport', { kind: 'import', name: 'Order', from: './models.js' }],
    ['aliasedImport', { kind: 'import', name: 'Order', from: './models.js' }],
    ['ownExportedType', { kind: 'import', name: 'Local', from: './ownExportedType.machine.js' }],
    ['globalType', { kind: 'text', text: 'Date' }],
    ['qualifiedGlobal', { kind: 'text', text: 'Intl.Locale' }],
    ['literalUnion', { kind: 'text', text: "'a' | 'b' | 1 | true" }],
    ['tuple', { kind: 'text', text: '[id: string, count?: number]' }],
    ['packageType', { kind: 'import', name: 'ZodType', from: 'zod' }],
  ] as const)('%s', (name, type) => {
    expect(contextOf(name)).toMatchObject([{ kind: 'value', key: 'x', type }]);
  });

  it('sets runtimeType through aliases of primitives', () => {
    expect(contextOf('aliasOfString')).toEqual([
      {
        kind: 'value',
        key: 'x',
        required: true,
        type: { kind: 'import', name: 'Text', from: './aliasOfString.machine.js' },
        runtimeType: 'string',
      },
    ]);
  });

  it('sets no runtimeType for literal unions', () => {
    expect(contextOf('literalUnion')[0]).not.toHaveProperty('runtimeType');
  });

  it('refuses a type declared in the definition without export', () => {
    expect(written.analyze('localNotExported').diagnostics).toMatchObject([
      {
        code: 'SMF109',
        message: "the type 'Hidden' is not exported from the definition file",
        hint: 'add `export` to its declaration so the generated module can import it',
      },
    ]);
  });

  it('refuses inline types that name imported types', () => {
    expect(written.analyze('objectWithImportedMember').diagnostics).toMatchObject([
      { code: 'SMF109', message: "the generated module cannot name the type '{ order: Order }'" },
    ]);
  });

  it('checks state values against enum-typed state fields', () => {
    expect(written.analyze('enumStateField').diagnostics).toMatchObject([
      {
        code: 'SMF111',
        message: "'pendng' does not fit Order.state, whose type is 'pending' | 'done'",
        hint: "did you mean 'pending'?",
      },
    ]);
  });
});

/** The files a definition project loads, except the compiler's own lib files. */
function projectFiles(sources: Record<string, string>, name: string): string[] {
  const definitions = writeDefinitions(sources, {}, { insideRepository: true });
  try {
    expect(definitions.analyze(name).diagnostics).toEqual([]);
    const program = definitions.project.project.getProgram().compilerObject;
    return program
      .getSourceFiles()
      .map((file) => file.fileName)
      .filter((file) => !file.startsWith('/node_modules/typescript/lib/'));
  } finally {
    definitions.remove();
  }
}

describe('the definition project', () => {
  it('loads a package only when the definition names one of its types', () => {
    // Both import zod and the DSL; only the second names a zod type.
    const valuesOnly = projectFiles({ valuesOnly: definitionWith(MACHINE) }, 'valuesOnly');
    const typed = projectFiles({ typed: SOURCES.packageType }, 'typed');

    expect(valuesOnly.map((file) => path.basename(file)).toSorted()).toEqual([
      'models.ts',
      'valuesOnly.machine.ts',
    ]);
    expect(typed.some((file) => file.includes('/node_modules/zod/'))).toBe(true);
  });

  it("resolves imports with the nearest tsconfig.json's paths", () => {
    const withPaths = writeDefinitions(
      {
        aliased: definitionWith(
          `  name: 'Order',
  models: { Order: model<Aliased>({ stateField: 'state', identifierField: 'orderId' }) },
  states: { Pending: { start: true, terminal: true, models: { Order: 'pending' } } },`,
          "import type { Order as Aliased } from '#models';",
        ),
      },
      {
        'tsconfig.json': JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            paths: { '#models': ['./models.ts'] },
          },
        }),
      },
    );
    try {
      // Only a resolved Order can tell that it has no 'state' property.
      expect(withPaths.analyze('aliased').diagnostics).toMatchObject([
        {
          code: 'SMF110',
          message: "'state' is not a property of Aliased",
          hint: "did you mean 'status'?",
        },
      ]);
      const tsconfig = fs.realpathSync(path.join(withPaths.directory, 'tsconfig.json'));
      expect(
        fs.realpathSync(withPaths.project.project.getCompilerOptions().configFilePath as string),
      ).toBe(tsconfig);
    } finally {
      withPaths.remove();
    }
  });
});
