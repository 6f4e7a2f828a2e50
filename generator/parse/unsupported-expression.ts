import { Node } from './ts-morph-values.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { UNREADABLE, type ReadContext } from './read-context.js';
import type { RawUnreadable } from '../definition/parse-result.js';
import { spanOfNode } from './source-span.js';

const STATIC_ONLY_HINT =
  'smf-gen reads the definition without running it: write a literal (string, number, boolean, array, object) or a DSL helper call';

/** Reports SMF103 at `node` and returns the stand-in for its value. */
export function reportUnsupported(node: Node, context: ReadContext): RawUnreadable {
  context.diagnostics.push(
    diagnosticAt(
      'SMF103',
      spanOfNode(node),
      `cannot read ${describeNode(node)} without running the file`,
      STATIC_ONLY_HINT,
    ),
  );
  return UNREADABLE;
}

function describeNode(node: Node): string {
  if (Node.isCallExpression(node))
    return `the function call '${node.getExpression().getText()}(...)'`;
  if (Node.isIdentifier(node)) return `the variable '${node.getText()}'`;
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    return `the property access '${node.getText()}'`;
  }
  if (Node.isSpreadElement(node) || Node.isSpreadAssignment(node)) return 'a spread';
  if (Node.isOmittedExpression(node)) return 'an empty array slot';
  if (Node.isComputedPropertyName(node)) return `the computed property name ${node.getText()}`;
  if (Node.isTemplateExpression(node)) return 'a template string with substitutions';
  if (Node.isShorthandPropertyAssignment(node)) {
    return `the shorthand property '${node.getName()}' (a variable reference)`;
  }
  if (Node.isMethodDeclaration(node)) return `the method '${node.getName()}'`;
  if (Node.isGetAccessorDeclaration(node) || Node.isSetAccessorDeclaration(node)) {
    return `the accessor '${node.getName()}'`;
  }
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return 'a function';
  if (Node.isBigIntLiteral(node)) return `the bigint literal ${node.getText()}`;
  if (Node.isNewExpression(node)) return 'a `new` expression';
  if (Node.isRegularExpressionLiteral(node)) return 'a regular expression';
  return 'a computed expression';
}
