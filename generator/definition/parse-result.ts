import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.js';
import type { TypeReference } from './type-reference.js';

/** The helpers of 'state-machine-framework/dsl' that may appear inside a definition. */
export type HelperName = 'model' | 'value' | 'schema' | 'instanceOf';

/**
 * A value read from the definition's source text. Plain data: literals, arrays and objects as
 * written, plus three marked objects for helper calls, schema references and values parse could
 * not read (already reported). The zod schema of the model stage validates this shape.
 */
export type RawValue =
  | string
  | number
  | boolean
  | null
  | readonly RawValue[]
  | RawObject
  | RawCall
  | RawSchemaReference
  | RawUnreadable;

export interface RawObject {
  readonly [key: string]: RawValue;
}

export const CALL_KEY = '@call';
export const SCHEMA_REFERENCE_KEY = '@schema';
export const UNREADABLE_KEY = '@unreadable';

/** `value<string>({ required: false })` → `{ '@call': 'value', typeArgument, args: [{ required: false }] }`. */
export interface RawCall {
  readonly [CALL_KEY]: HelperName;
  /** Absent when the call has no type argument; present without `reference` when it was reported. */
  readonly typeArgument?: TypeArgumentFacts;
  readonly args: readonly RawValue[];
}

/** `schema(OrderData)`: the name under which the definition module exports the constant. */
export interface RawSchemaReference {
  readonly [SCHEMA_REFERENCE_KEY]: string;
}

/** Stands in for an expression parse could not read; a diagnostic was already reported for it. */
export interface RawUnreadable {
  readonly [UNREADABLE_KEY]: true;
}

/** What the type checker says about a type argument (`model<Order>`, `value<T>`). */
export interface TypeArgumentFacts {
  /** The type as written, for messages. */
  readonly text: string;
  /** How the generated module names the type; absent when it cannot (parse reported SMF109). */
  readonly reference?: TypeReference;
  /** Set when the type is exactly one of the primitives the runtime checks. */
  readonly runtimeType?: 'string' | 'number' | 'boolean' | 'bigint';
  /** For `model<T>`: T's properties; absent when T's members are unknown (any, unresolved). */
  readonly modelFields?: ModelFieldFacts;
}

export interface ModelFieldFacts {
  readonly propertyNames: readonly string[];
  /** Which state values the `stateField` property accepts; absent when stateField is not a property. */
  readonly stateField?: FieldAcceptance;
  /** The `versionField` property's type; absent when none is given or it is not a property. */
  readonly versionField?: VersionFieldFacts;
}

export interface VersionFieldFacts {
  /** Field type as the checker prints it, for messages. */
  readonly typeText: string;
  /** True when the property is required and exactly `number` (the runtime increments it). */
  readonly isNumber: boolean;
}

/** The values of a string, number or boolean field the type allows. */
export interface FieldAcceptance {
  /** Field type as the checker prints it, for messages. */
  readonly typeText: string;
  readonly anyValue: boolean;
  readonly anyString: boolean;
  readonly anyNumber: boolean;
  readonly anyBoolean: boolean;
  readonly literals: readonly (string | number | boolean)[];
}

/** A path into the raw definition: object keys and array indexes. */
export type RawPath = readonly (string | number)[];

/** Where the value at a path was written, and its property name when it is a property. */
export interface PathSpans {
  readonly value: SourceSpan;
  readonly key?: SourceSpan;
}

/** Keyed by `pathKey(path)`. */
export type SpanIndex = ReadonlyMap<string, PathSpans>;

/** An object literal that names the same property twice; only the first is kept. */
export interface DuplicateKey {
  /** Path of the object literal. */
  readonly path: RawPath;
  readonly key: string;
  readonly span: SourceSpan;
  readonly firstSpan: SourceSpan;
}

export interface ParseResult {
  /** Absolute path of the definition file. */
  readonly file: string;
  /** '' when the file could not be read. */
  readonly sourceText: string;
  /** The `defineMachine` argument; absent when the file has no readable `defineMachine({...})`. */
  readonly definition?: RawObject;
  readonly spans: SpanIndex;
  readonly duplicateKeys: readonly DuplicateKey[];
  readonly diagnostics: readonly Diagnostic[];
}
