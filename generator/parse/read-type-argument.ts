import type { CallExpression, Symbol as TsSymbol, Type, TypeNode } from 'ts-morph';
import { Node } from './ts-morph-values.js';
import { diagnosticAt } from '../diagnostics/codes.js';
import type { TypeReference } from '../definition/type-reference.js';
import { fieldAcceptance } from './field-acceptance.js';
import { resolveNamedType } from './named-type-reference.js';
import { recordSpan, type ReadContext } from './read-context.js';
import type {
  ModelFieldFacts,
  RawPath,
  TypeArgumentFacts,
  VersionFieldFacts,
} from '../definition/parse-result.js';
import { isSelfContainedType } from './self-contained-type.js';
import { spanOfNode } from './source-span.js';

const MISSING_TYPE_ARGUMENT = {
  model: {
    message: 'model() needs the model type as its type argument',
    hint: "write model<Order>({ stateField: 'status', identifierField: 'id' })",
  },
  value: {
    message: 'value() needs the value type as its type argument',
    hint: 'write value<string>() or value<YourType>()',
  },
} as const;

/** The `model()` options naming properties whose types the model stage checks. */
export interface ModelFieldOptions {
  readonly stateField?: string;
  readonly versionField?: string;
}

/**
 * Resolves the type argument of `model<T>(...)` / `value<T>(...)` with the type checker.
 * For models, `fields` names the properties whose types the model stage checks.
 */
export function readTypeArgument(
  call: CallExpression,
  helper: 'model' | 'value',
  fields: ModelFieldOptions,
  path: RawPath,
  context: ReadContext,
): TypeArgumentFacts | undefined {
  const typeNode = call.getTypeArguments()[0];
  if (typeNode === undefined) {
    const { message, hint } = MISSING_TYPE_ARGUMENT[helper];
    context.diagnostics.push(
      diagnosticAt('SMF108', spanOfNode(call.getExpression()), message, hint),
    );
    return undefined;
  }
  recordSpan(context, [...path, 'typeArgument'], spanOfNode(typeNode));
  const reference = referenceOf(typeNode, context);
  const type = typeNode.getType();
  const runtimeType = helper === 'value' ? runtimeTypeOf(type) : undefined;
  const modelFields = helper === 'model' ? modelFieldFacts(type, typeNode, fields) : undefined;
  return {
    text: typeNode.getText(),
    ...(reference === undefined ? {} : { reference }),
    ...(runtimeType === undefined ? {} : { runtimeType }),
    ...(modelFields === undefined ? {} : { modelFields }),
  };
}

function referenceOf(typeNode: TypeNode, context: ReadContext): TypeReference | undefined {
  if (Node.isTypeReference(typeNode) && typeNode.getTypeArguments().length === 0) {
    const resolved = resolveNamedType(typeNode.getTypeName());
    if ('kind' in resolved) return resolved;
    context.diagnostics.push(
      diagnosticAt('SMF109', spanOfNode(typeNode), resolved.problem, resolved.hint),
    );
    return undefined;
  }
  if (isSelfContainedType(typeNode)) return { kind: 'text', text: typeNode.getText() };
  context.diagnostics.push(
    diagnosticAt(
      'SMF109',
      spanOfNode(typeNode),
      `the generated module cannot name the type '${typeNode.getText()}'`,
      'declare it as an exported type (`export type X = ...`) and use its name here',
    ),
  );
  return undefined;
}

function runtimeTypeOf(type: Type): TypeArgumentFacts['runtimeType'] {
  if (type.isString()) return 'string';
  if (type.isNumber()) return 'number';
  if (type.isBoolean()) return 'boolean';
  if (type.isBigInt()) return 'bigint';
  return undefined;
}

function modelFieldFacts(
  type: Type,
  typeNode: TypeNode,
  fields: ModelFieldOptions,
): ModelFieldFacts | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  const propertyNames = type.getProperties().map((property) => property.getName());
  const propertyOf = (name: string | undefined) =>
    name === undefined ? undefined : type.getProperty(name);
  const stateFieldType = propertyOf(fields.stateField)?.getTypeAtLocation(typeNode);
  const versionField = propertyOf(fields.versionField);
  return {
    propertyNames,
    ...(stateFieldType === undefined
      ? {}
      : { stateField: fieldAcceptance(stateFieldType, typeNode) }),
    ...(versionField === undefined
      ? {}
      : { versionField: versionFieldFacts(versionField, typeNode) }),
  };
}

function versionFieldFacts(property: TsSymbol, typeNode: TypeNode): VersionFieldFacts {
  const type = property.getTypeAtLocation(typeNode);
  const optional = property.isOptional();
  const typeText = fieldAcceptance(type, typeNode).typeText;
  return {
    typeText: optional && !typeText.endsWith('| undefined') ? `${typeText} | undefined` : typeText,
    isNumber: type.isNumber() && !optional,
  };
}
