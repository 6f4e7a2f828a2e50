import { ts } from './ts-morph-values.js';

/**
 * How many brackets (`(`, `[`, `{`, `${`) may be open at once in a definition file. The
 * TypeScript parser and binder, parse's readers and the model stage all recurse once per level,
 * so a file nested hundreds of levels deep would overflow the stack and abort the whole run. A
 * real definition needs a handful of levels; the limit sits far below any stack limit.
 */
export const MAX_NESTING_DEPTH = 100;

type Opener = 'bracket' | 'template';

/** Tokens after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_OPERAND = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/**
 * The offset of the first bracket that opens more than `limit` levels deep, or undefined. Uses
 * the compiler's scanner, which is a loop (no recursion), so strings, comments, templates and
 * regular expressions do not count; it runs before the recursive parser ever sees the text.
 */
export function excessiveNestingOffset(
  text: string,
  limit = MAX_NESTING_DEPTH,
): number | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const open: Opener[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      (token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) &&
      !ENDS_OPERAND.has(previous)
    ) {
      token = scanner.reScanSlashToken();
    } else if (token === ts.SyntaxKind.CloseBraceToken && open.at(-1) === 'template') {
      token = scanner.reScanTemplateToken(false);
    }
    switch (token) {
      case ts.SyntaxKind.OpenParenToken:
      case ts.SyntaxKind.OpenBracketToken:
      case ts.SyntaxKind.OpenBraceToken:
      case ts.SyntaxKind.TemplateHead:
        open.push(token === ts.SyntaxKind.TemplateHead ? 'template' : 'bracket');
        if (open.length > limit) return scanner.getTokenStart();
        break;
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
      case ts.SyntaxKind.CloseBraceToken:
      case ts.SyntaxKind.TemplateTail:
        open.pop();
        break;
    }
    previous = token;
  }
  return undefined;
}
