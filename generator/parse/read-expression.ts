import type { Expression, PrefixUnaryExpression } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph-values.js';
import type { SourceSpan } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { readHelperCall } from './read-helper-call.js';
import { readObjectLiteral } from './read-object-literal.js';
import { recordSpan, UNREADABLE, unwrapExpression, type ReadContext } from './read-context.js';
import type { RawPath, RawValue } from '../definition/parse-result.js';
import { spanOfNode } from './source-span.js';
import { reportUnsupported } from './unsupported-expression.js';

/** Reads a value of the definition; anything not statically readable is reported, never run. */
export function readExpression(
  written: Expression,
  path: RawPath,
  context: ReadContext,
  keySpan?: SourceSpan,
): RawValue {
  const node = unwrapExpression(written);
  recordSpan(context, path, spanOfNode(node), keySpan);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
    return node.getLiteralValue();
  }
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isTrueLiteral(node)) return true;
  if (Node.isFalseLiteral(node)) return false;
  if (Node.isNullLiteral(node)) return null;
  if (Node.isPrefixUnaryExpression(node)) return readSignedNumber(node, context);
  if (Node.isArrayLiteralExpression(node))
    return readArrayLiteral(node.getElements(), path, context);
  if (Node.isObjectLiteralExpression(node))
    return readObjectLiteral(node, path, context, readExpression);
  if (Node.isCallExpression(node)) return readHelperCall(node, path, context, readExpression);
  if (Node.isBigIntLiteral(node)) {
    context.diagnostics.push(
      diagnosticAt(
        'SMF105',
        spanOfNode(node),
        `bigint values are not supported here, got ${node.getText()}`,
        'use a string, number or boolean',
      ),
    );
    return UNREADABLE;
  }
  return reportUnsupported(node, context);
}

function readSignedNumber(node: PrefixUnaryExpression, context: ReadContext): RawValue {
  const operand = node.getOperand();
  const operator = node.getOperatorToken();
  if (
    Node.isNumericLiteral(operand) &&
    (operator === SyntaxKind.MinusToken || operator === SyntaxKind.PlusToken)
  ) {
    const magnitude = operand.getLiteralValue();
    return operator === SyntaxKind.MinusToken ? -magnitude : magnitude;
  }
  return reportUnsupported(node, context);
}

function readArrayLiteral(
  elements: readonly Expression[],
  path: RawPath,
  context: ReadContext,
): RawValue {
  const values: RawValue[] = [];
  elements.forEach((element, index) => {
    if (Node.isSpreadElement(element) || Node.isOmittedExpression(element)) {
      reportUnsupported(element, context);
      values.push(UNREADABLE);
      return;
    }
    values.push(readExpression(element, [...path, index], context));
  });
  return values;
}
