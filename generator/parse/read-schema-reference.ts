import type { Identifier } from 'ts-morph';
import { Node, VariableDeclarationKind } from './ts-morph-values.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { recordSpan, UNREADABLE, unwrapExpression, type ReadContext } from './read-context.js';
import { definitionModuleSpecifier } from './named-type-reference.js';
import { SCHEMA_REFERENCE_KEY, type RawPath, type RawValue } from '../definition/parse-result.js';
import { spanOfNode } from './source-span.js';

/**
 * Reads the argument of `schema(X)`. The generated module imports X from the definition module,
 * so X must be a `const` the definition exports: `export const X = ...`, or an imported constant
 * re-exported with `export { X }`.
 */
export function readSchemaReference(argument: Node, path: RawPath, context: ReadContext): RawValue {
  const node = Node.isExpression(argument) ? unwrapExpression(argument) : argument;
  recordSpan(context, path, spanOfNode(node));
  const exportHint = `declare it as \`export const X = z.object({...})\` in this file (the generated module imports it from '${definitionModuleSpecifier(context.sourceFile)}')`;
  if (!Node.isIdentifier(node)) {
    return reportSchemaProblem(
      node,
      'schema() takes the name of an exported schema constant',
      exportHint,
      context,
    );
  }
  const problem = exportedConstProblem(node, context);
  if (typeof problem === 'string') return { [SCHEMA_REFERENCE_KEY]: problem };
  return reportSchemaProblem(node, problem.message, exportHint, context);
}

function exportedConstProblem(
  identifier: Identifier,
  context: ReadContext,
): string | { message: string } {
  const name = identifier.getText();
  const symbol = identifier.getSymbol();
  const target = symbol?.getAliasedSymbol() ?? symbol;
  const declaration = target?.getDeclarations()[0];
  if (declaration === undefined) return { message: `cannot find the schema '${name}'` };
  const isConst =
    Node.isVariableDeclaration(declaration) &&
    declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const;
  if (!isConst) return { message: `'${name}' is not a const` };
  const exportedNames = [...context.sourceFile.getExportedDeclarations()]
    .filter(([, declarations]) => declarations.includes(declaration))
    .map(([exportedName]) => exportedName);
  if (exportedNames.length === 0)
    return { message: `'${name}' is not exported from the definition file` };
  return exportedNames.includes(name) ? name : (exportedNames[0] ?? name);
}

function reportSchemaProblem(
  node: Node,
  message: string,
  hint: string,
  context: ReadContext,
): RawValue {
  context.diagnostics.push(diagnosticAt('SMF104', spanOfNode(node), message, hint));
  return UNREADABLE;
}
