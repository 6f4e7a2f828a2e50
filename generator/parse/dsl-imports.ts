import type { Expression, SourceFile } from 'ts-morph';
import { Node } from './ts-morph-values.js';
import { moduleSpecifierOf } from './type-relevant-imports.js';

export const DSL_MODULE = 'state-machine-framework/dsl';

export type DslExport = 'defineMachine' | 'model' | 'value' | 'schema' | 'instanceOf';

const DSL_EXPORTS: ReadonlySet<string> = new Set<DslExport>([
  'defineMachine',
  'model',
  'value',
  'schema',
  'instanceOf',
]);

/** How the definition file names the DSL: `import { value as v }` and `import * as dsl` included. */
export interface DslImports {
  readonly byLocalName: ReadonlyMap<string, DslExport>;
  readonly namespaces: ReadonlySet<string>;
}

export function collectDslImports(sourceFile: SourceFile): DslImports {
  const byLocalName = new Map<string, DslExport>();
  const namespaces = new Set<string>();
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (moduleSpecifierOf(declaration) !== DSL_MODULE) continue;
    const namespace = declaration.getNamespaceImport();
    if (namespace !== undefined) namespaces.add(namespace.getText());
    for (const specifier of declaration.getNamedImports()) {
      const exported = specifier.getName();
      if (isDslExport(exported)) {
        byLocalName.set(specifier.getAliasNode()?.getText() ?? exported, exported);
      }
    }
  }
  return { byLocalName, namespaces };
}

/** The DSL export a callee refers to, or undefined when it is anything else. */
export function dslExportOfCallee(callee: Expression, imports: DslImports): DslExport | undefined {
  if (Node.isIdentifier(callee)) return imports.byLocalName.get(callee.getText());
  if (Node.isPropertyAccessExpression(callee)) {
    const target = callee.getExpression();
    const name = callee.getName();
    if (
      Node.isIdentifier(target) &&
      imports.namespaces.has(target.getText()) &&
      isDslExport(name)
    ) {
      return name;
    }
  }
  return undefined;
}

function isDslExport(name: string): name is DslExport {
  return DSL_EXPORTS.has(name);
}
