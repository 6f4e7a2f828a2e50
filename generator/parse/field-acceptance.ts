import type { Node, Type } from 'ts-morph';
import { ts } from './ts-morph-values.js';
import type { FieldAcceptance } from '../definition/parse-result.js';

/** Which string, number and boolean values a field of type `type` accepts. */
export function fieldAcceptance(type: Type, enclosing: Node): FieldAcceptance {
  let anyValue = false;
  let anyString = false;
  let anyNumber = false;
  let anyBoolean = false;
  const literals: (string | number | boolean)[] = [];
  for (const part of type.isUnion() ? type.getUnionTypes() : [type]) {
    if (part.isAny() || part.isUnknown()) anyValue = true;
    else if (part.isStringLiteral() || part.isNumberLiteral()) literals.push(literalOf(part));
    else if (part.isBooleanLiteral()) literals.push(part.getText() === 'true');
    else if (part.isString() || part.isTemplateLiteral()) anyString = true;
    else if (part.isNumber()) anyNumber = true;
    else if (part.isBoolean()) anyBoolean = true;
  }
  const onlyLiterals = !anyValue && !anyString && !anyNumber && !anyBoolean && literals.length > 0;
  const typeText = onlyLiterals
    ? literals.map(literalText).join(' | ')
    : checkerText(type, enclosing);
  return { typeText, anyValue, anyString, anyNumber, anyBoolean, literals };
}

/** The values a literal union or enum allows are what the author needs to see. */
function literalText(literal: string | number | boolean): string {
  return typeof literal === 'string' ? `'${literal}'` : String(literal);
}

/** The checker's text, without the `import("./x.js").` it adds for types not in scope. */
function checkerText(type: Type, enclosing: Node): string {
  const flags =
    ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  return type.getText(enclosing, flags).replaceAll(/import\("[^"]*"\)\./g, '');
}

function literalOf(type: Type): string | number {
  const literal = type.getLiteralValue();
  return typeof literal === 'string' || typeof literal === 'number' ? literal : type.getText();
}
