import path from 'node:path';
import type { EntityName, SourceFile } from 'ts-morph';
import { Node, ts } from './ts-morph-values.js';
import type { TypeReference } from '../definition/type-reference.js';

/** Why a named type cannot be referenced from the generated module. */
export interface UnnameableType {
  readonly problem: string;
  readonly hint: string;
}

const EXPORT_HINT =
  'use a named type the generated module can import: an `export type`/`export interface` of a module, imported with `import type { X } from ...`';

/**
 * How the generated module (written beside the definition) names the type `name` refers to:
 * the import the definition used, the definition module itself for its own exported types, or the
 * bare name for global (lib) types.
 */
export function resolveNamedType(name: EntityName): TypeReference | UnnameableType {
  if (Node.isQualifiedName(name))
    return resolveQualifiedName(name.getLeft(), name.getRight().getText());
  const symbol = name.getSymbol();
  const declaration = symbol?.getDeclarations()[0];
  const text = name.getText();
  if (symbol === undefined || declaration === undefined) {
    return { problem: `cannot find the type '${text}'`, hint: EXPORT_HINT };
  }
  if (Node.isImportSpecifier(declaration)) {
    const from = declaration.getImportDeclaration().getModuleSpecifierValue();
    const resolved = symbol.getAliasedSymbol()?.getDeclarations() ?? [];
    if (resolved.length === 0) {
      return {
        problem: `'${text}' cannot be resolved from '${from}'`,
        hint: `check that '${from}' exports it`,
      };
    }
    return { kind: 'import', name: declaration.getName(), from };
  }
  if (Node.isImportClause(declaration) || Node.isImportEqualsDeclaration(declaration)) {
    return { problem: `'${text}' is a default import`, hint: EXPORT_HINT };
  }
  const sourceFile = declaration.getSourceFile();
  if (isGlobalScript(sourceFile)) return { kind: 'text', text };
  if (sourceFile === name.getSourceFile()) {
    const exported = Node.isExportable(declaration) && declaration.isExported();
    if (exported)
      return { kind: 'import', name: text, from: definitionModuleSpecifier(sourceFile) };
    return {
      problem: `the type '${text}' is not exported from the definition file`,
      hint: `add \`export\` to its declaration so the generated module can import it`,
    };
  }
  return { problem: `the type '${text}' is not imported by name`, hint: EXPORT_HINT };
}

function resolveQualifiedName(left: EntityName, right: string): TypeReference | UnnameableType {
  const full = `${left.getText()}.${right}`;
  if (Node.isIdentifier(left)) {
    const declaration = left.getSymbol()?.getDeclarations()[0];
    if (declaration !== undefined && Node.isNamespaceImport(declaration)) {
      const from = declaration.getParentOrThrow().getParentOrThrow();
      if (Node.isImportDeclaration(from))
        return { kind: 'import', name: right, from: from.getModuleSpecifierValue() };
    }
    if (declaration !== undefined && isGlobalScript(declaration.getSourceFile())) {
      return { kind: 'text', text: full };
    }
  }
  return { problem: `the type '${full}' cannot be imported by name`, hint: EXPORT_HINT };
}

/** True for lib files and other global (non-module) declaration files. */
export function isGlobalScript(sourceFile: SourceFile): boolean {
  return !ts.isExternalModule(sourceFile.compilerNode);
}

/** `./order.machine.js` for `order.machine.ts`: how a sibling module imports the definition. */
export function definitionModuleSpecifier(sourceFile: SourceFile): string {
  const base = path.basename(sourceFile.getFilePath());
  return `./${base.replace(/\.([mc]?)tsx?$/, '.$1js')}`;
}
