/** How the generated file names a type: `import type { Order } from './models.js'` or inline text. */
export type TypeReference =
  | {
      readonly kind: 'import';
      /** The exported name in the module, e.g. 'Order'. */
      readonly name: string;
      /** Module specifier as the definition file wrote it (relative to the definition), e.g. './models.js'. */
      readonly from: string;
    }
  | {
      readonly kind: 'text';
      /** Self-contained type text, e.g. 'string', "'a' | 'b'", '{ id: string }'. */
      readonly text: string;
    };
