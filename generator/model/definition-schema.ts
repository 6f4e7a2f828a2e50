import { z } from 'zod';
import type { TypeArgumentFacts } from '../definition/parse-result.js';

/**
 * The single source of truth for the shape of a definition, as parse reads it: helper calls are
 * `{ '@call', typeArgument?, args }` and schema references `{ '@schema': name }`. Every `error`
 * is the expectation a diagnostic quotes ("'start' must be <error>, got 'yes'").
 */

const requiredOption = z.boolean({ error: 'true or false' }).optional();

const contextOptions = z.strictObject(
  { required: requiredOption },
  { error: 'an options object { required?: boolean }' },
);

const typeArgument = z.custom<TypeArgumentFacts>(
  (input) => typeof input === 'object' && input !== null,
  { error: 'a type argument' },
);

const fieldName = z.string({ error: 'the name of a property of the model type' });

const modelCall = z.strictObject({
  '@call': z.literal('model'),
  typeArgument: typeArgument.optional(),
  args: z.tuple(
    [
      z.strictObject(
        {
          stateField: fieldName,
          identifierField: fieldName,
          versionField: fieldName.optional(),
          linkedBy: fieldName.optional(),
        },
        { error: 'an options object { stateField, identifierField, versionField?, linkedBy? }' },
      ),
    ],
    { error: 'one argument: { stateField, identifierField, versionField?, linkedBy? }' },
  ),
});

const valueCall = z.strictObject({
  '@call': z.literal('value'),
  typeArgument: typeArgument.optional(),
  args: z.tuple([contextOptions.optional()], {
    error: 'at most one argument: { required?: boolean }',
  }),
});

const schemaCall = z.strictObject({
  '@call': z.literal('schema'),
  args: z.tuple(
    [
      z.strictObject(
        { '@schema': z.string() },
        { error: 'the name of an exported schema constant' },
      ),
      contextOptions.optional(),
    ],
    { error: 'a schema constant and optionally { required?: boolean }' },
  ),
});

const instanceCall = z.strictObject({
  '@call': z.literal('instanceOf'),
  args: z.tuple(
    [
      z.string({ error: 'a model name' }),
      z.strictObject(
        { createdIn: z.string({ error: 'a state name' }), required: requiredOption },
        { error: "an options object { createdIn: 'State', required?: boolean }" },
      ),
    ],
    { error: "a model name and { createdIn: 'State', required?: boolean }" },
  ),
});

const stateDefinition = z.strictObject(
  {
    models: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean()], { error: 'a string, number or boolean' }),
      { error: 'an object mapping model names to state values' },
    ),
    to: z
      .union([z.literal('*'), z.array(z.string({ error: 'a state name' }))], {
        error: "'*' or an array of state names",
      })
      .optional(),
    start: z.boolean({ error: 'true or false' }).optional(),
    terminal: z.boolean({ error: 'true or false' }).optional(),
    // Keys are durations; the timer rules read them, so each mistake gets its own code.
    after: z
      .record(z.string(), z.string({ error: 'a state name' }), {
        error: "an object mapping durations to target states, such as { '48h': 'Cancelled' }",
      })
      .optional(),
  },
  { error: 'a state { models, to?, start?, terminal?, after? }' },
);

export const definitionSchema = z.strictObject(
  {
    name: z.string({ error: "a PascalCase string such as 'Order'" }),
    models: z.record(
      z.string(),
      z.discriminatedUnion('@call', [modelCall], {
        error: 'model<Type>({ stateField, identifierField })',
      }),
      { error: 'an object of model<Type>({ stateField, identifierField }) declarations' },
    ),
    states: z.record(z.string(), stateDefinition, { error: 'an object of states' }),
    context: z
      .record(
        z.string(),
        z.discriminatedUnion('@call', [valueCall, schemaCall, instanceCall], {
          error: 'value<T>(), schema(X) or instanceOf(Model, { createdIn })',
        }),
        { error: 'an object of context entries' },
      )
      .optional(),
  },
  { error: 'an object' },
);

export type ValidDefinition = z.output<typeof definitionSchema>;
export type ValidState = ValidDefinition['states'][string];
export type ValidModelCall = z.output<typeof modelCall>;
export type ValidContextEntry = NonNullable<ValidDefinition['context']>[string];
