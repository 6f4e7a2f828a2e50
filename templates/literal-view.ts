/**
 * A literal tree, already in source form: an `as const` table or the runtime config of a generated
 * module. `printLiteral` only joins it into text.
 */
export type LiteralView =
  /** An expression already in source form: a string/number/boolean literal or an identifier. */
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'object'; readonly properties: readonly PropertyView[] }
  | { readonly kind: 'array'; readonly items: readonly LiteralView[] };

export interface PropertyView {
  /** Property key in source form (quoted when it is not an identifier). */
  readonly key: string;
  readonly value: LiteralView;
}
