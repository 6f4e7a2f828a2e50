import type { ObjectLiteralExpression, PropertyName } from 'ts-morph';
import { Node } from './ts-morph-values.js';
import type { SourceSpan } from '../diagnostics/diagnostic.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import { UNREADABLE, type ExpressionReader, type ReadContext } from './read-context.js';
import {
  UNREADABLE_KEY,
  type RawObject,
  type RawPath,
  type RawValue,
} from '../definition/parse-result.js';
import { spanOfNode } from './source-span.js';
import { reportUnsupported } from './unsupported-expression.js';

/**
 * Reads `{ key: value, ... }` in source order. A duplicate key keeps the first value and is
 * recorded. A member whose key cannot be known (spread, computed key) marks the whole object
 * unreadable, so the model stage does not report its keys as missing.
 */
export function readObjectLiteral(
  node: ObjectLiteralExpression,
  path: RawPath,
  context: ReadContext,
  readExpression: ExpressionReader,
): RawObject {
  const result: Record<string, RawValue> = {};
  const firstKeySpans = new Map<string, SourceSpan>();
  for (const member of node.getProperties()) {
    const nameNode = Node.isSpreadAssignment(member) ? undefined : member.getNameNode();
    const key = nameNode === undefined ? undefined : staticPropertyName(nameNode);
    if (key?.startsWith('@') === true) {
      reportReservedKey(nameNode ?? member, key, context);
      defineProperty(result, UNREADABLE_KEY, true);
      continue;
    }
    if (key === undefined) {
      reportUnsupported(
        nameNode !== undefined && Node.isComputedPropertyName(nameNode) ? nameNode : member,
        context,
      );
      defineProperty(result, UNREADABLE_KEY, true);
      continue;
    }
    const keySpan = spanOfNode(nameNode ?? member);
    const firstSpan = firstKeySpans.get(key);
    if (firstSpan !== undefined) {
      context.duplicateKeys.push({ path, key, span: keySpan, firstSpan });
      continue;
    }
    firstKeySpans.set(key, keySpan);
    if (Node.isPropertyAssignment(member)) {
      defineProperty(
        result,
        key,
        readExpression(member.getInitializerOrThrow(), [...path, key], context, keySpan),
      );
    } else {
      reportUnsupported(member, context);
      defineProperty(result, key, UNREADABLE);
    }
  }
  return result;
}

/** '@' keys mark helper calls in the raw definition, so a written one could pass for a call. */
function reportReservedKey(node: Node, key: string, context: ReadContext): void {
  context.diagnostics.push(
    diagnosticAt(
      'SMF103',
      spanOfNode(node),
      `property names starting with '@' are reserved ('${key}')`,
      'rename the property',
    ),
  );
}

function staticPropertyName(name: PropertyName): string | undefined {
  if (Node.isIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) {
    return name.getLiteralValue();
  }
  if (Node.isNumericLiteral(name)) return String(name.getLiteralValue());
  return undefined;
}

/** Plain assignment would treat a key named `__proto__` as the prototype. */
function defineProperty(target: Record<string, RawValue>, key: string, value: RawValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
