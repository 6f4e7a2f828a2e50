import type { CallExpression } from 'ts-morph';
import { Node } from './ts-morph-values.js';
import { dslExportOfCallee } from './dsl-imports.js';
import { readSchemaReference } from './read-schema-reference.js';
import { readTypeArgument, type ModelFieldOptions } from './read-type-argument.js';
import { recordSpan, type ExpressionReader, type ReadContext } from './read-context.js';
import { CALL_KEY, type RawPath, type RawValue } from '../definition/parse-result.js';
import { spanOfNode } from './source-span.js';
import { reportUnsupported } from './unsupported-expression.js';

/**
 * Reads `model<T>(...)`, `value<T>(...)`, `schema(X, ...)` or `instanceOf(...)` as
 * `{ '@call': name, typeArgument?, args }`. Any other call is reported: it would need running.
 */
export function readHelperCall(
  call: CallExpression,
  path: RawPath,
  context: ReadContext,
  readExpression: ExpressionReader,
): RawValue {
  const helper = dslExportOfCallee(call.getExpression(), context.dslImports);
  if (helper === undefined || helper === 'defineMachine') return reportUnsupported(call, context);
  recordSpan(context, [...path, CALL_KEY], spanOfNode(call.getExpression()));
  recordSpan(context, [...path, 'args'], spanOfNode(call));
  const args = call.getArguments().map((argument, index): RawValue => {
    const argumentPath = [...path, 'args', index];
    if (helper === 'schema' && index === 0)
      return readSchemaReference(argument, argumentPath, context);
    if (!Node.isExpression(argument)) return reportUnsupported(argument, context);
    return readExpression(argument, argumentPath, context);
  });
  if (helper !== 'model' && helper !== 'value') return { [CALL_KEY]: helper, args };
  const typeArgument = readTypeArgument(call, helper, modelFieldOptions(args[0]), path, context);
  return typeArgument === undefined
    ? { [CALL_KEY]: helper, args }
    : { [CALL_KEY]: helper, typeArgument, args };
}

/** The `model()` options whose property types the model stage checks. */
function modelFieldOptions(options: RawValue | undefined): ModelFieldOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return {};
  const written = options as Readonly<Record<string, RawValue>>;
  const stateField = Object.hasOwn(written, 'stateField') ? written['stateField'] : undefined;
  const versionField = Object.hasOwn(written, 'versionField') ? written['versionField'] : undefined;
  return {
    ...(typeof stateField === 'string' ? { stateField } : {}),
    ...(typeof versionField === 'string' ? { versionField } : {}),
  };
}
