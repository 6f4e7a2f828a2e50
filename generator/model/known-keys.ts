import { z } from 'zod';
import type { RawPath, RawValue } from '../definition/parse-result.js';
import { definitionSchema } from './definition-schema.js';
import { isRawObject, rawValueAt } from './raw-value.js';

/** The properties the definition schema allows for the object at `path` (for "did you mean"). */
export function knownKeysAt(root: RawValue, path: RawPath): readonly string[] {
  let schema: z.ZodType | undefined = definitionSchema;
  path.forEach((segment, index) => {
    schema =
      schema === undefined
        ? undefined
        : childSchema(schema, segment, rawValueAt(root, path.slice(0, index)));
  });
  const objectSchema = schema === undefined ? undefined : unwrapOptional(schema);
  if (!(objectSchema instanceof z.ZodObject)) return [];
  return Object.keys(objectSchema.shape).filter(
    (key) => !key.startsWith('@') && key !== 'typeArgument',
  );
}

function childSchema(
  parent: z.ZodType,
  segment: string | number,
  parentValue: RawValue | undefined,
): z.ZodType | undefined {
  const schema = unwrapOptional(parent);
  if (schema instanceof z.ZodObject)
    return (schema.shape as Record<string, z.ZodType>)[String(segment)];
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  if (schema instanceof z.ZodTuple && typeof segment === 'number') {
    return (schema.def.items as readonly z.ZodType[])[segment];
  }
  if (schema instanceof z.ZodDiscriminatedUnion && isRawObject(parentValue)) {
    const discriminator = parentValue[schema.def.discriminator];
    const option = (schema.options as readonly z.ZodType[]).find(
      (candidate) =>
        candidate instanceof z.ZodObject &&
        (candidate.shape as Record<string, z.ZodType>)[schema.def.discriminator] instanceof
          z.ZodLiteral &&
        ((candidate.shape as Record<string, z.ZodLiteral>)[schema.def.discriminator]?.values.has(
          discriminator as string,
        ) ??
          false),
    );
    return option === undefined ? undefined : childSchema(option, segment, parentValue);
  }
  return undefined;
}

function unwrapOptional(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? unwrapOptional(schema.unwrap() as z.ZodType) : schema;
}
