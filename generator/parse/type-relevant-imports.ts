import type { ImportDeclaration, SourceFile } from 'ts-morph';
import { ts } from './ts-morph-values.js';

/**
 * The package imports of a definition file that reading it never needs: packages (not relative
 * paths) none of whose imported names appear in a type or a re-export. The DSL itself and a
 * schema library used only to build values (`z.object(...)`) are the usual ones; skipping them
 * spares parsing and binding their declaration files, which is most of a cold run.
 */
export function unneededPackageImports(sourceFile: SourceFile): Set<string> {
  const { names, importTypeSpecifiers } = namesUsedInTypes(sourceFile);
  const packages = new Set<string>();
  const needed = new Set<string>(importTypeSpecifiers);
  for (const declaration of sourceFile.getImportDeclarations()) {
    const specifier = moduleSpecifierOf(declaration);
    if (specifier === undefined || specifier.startsWith('.') || specifier.startsWith('/')) continue;
    packages.add(specifier);
    const localNames = [
      declaration.getDefaultImport()?.getText(),
      declaration.getNamespaceImport()?.getText(),
      ...declaration
        .getNamedImports()
        .map((named) => (named.getAliasNode() ?? named.getNameNode()).getText()),
    ];
    const sideEffectOnly = declaration.getImportClause() === undefined;
    if (sideEffectOnly || localNames.some((name) => name !== undefined && names.has(name))) {
      needed.add(specifier);
    }
  }
  return new Set([...packages].filter((specifier) => !needed.has(specifier)));
}

/**
 * First identifiers of type references and `typeof` queries, names in `export { ... }`. Walks
 * the compiler's nodes directly: wrapping every node in ts-morph objects would cost more than the
 * imports this saves.
 */
function namesUsedInTypes(sourceFile: SourceFile) {
  const names = new Set<string>();
  const importTypeSpecifiers = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) names.add(leftmostIdentifier(node.typeName));
    else if (ts.isTypeQueryNode(node)) names.add(leftmostIdentifier(node.exprName));
    else if (ts.isExportSpecifier(node)) names.add((node.propertyName ?? node.name).getText());
    else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
        importTypeSpecifiers.add(argument.literal.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.compilerNode);
  return { names, importTypeSpecifiers };
}

function leftmostIdentifier(name: ts.EntityName): string {
  let current = name;
  while (ts.isQualifiedName(current)) current = current.left;
  return current.text;
}

/** Undefined when a syntax error left the specifier something other than a string. */
export function moduleSpecifierOf(declaration: ImportDeclaration): string | undefined {
  const specifier = declaration.compilerNode.moduleSpecifier;
  return ts.isStringLiteral(specifier) ? specifier.text : undefined;
}
