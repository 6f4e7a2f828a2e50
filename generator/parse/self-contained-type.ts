import type { TypeNode } from 'ts-morph';
import { Node, SyntaxKind } from './ts-morph-values.js';
import { isGlobalScript } from './named-type-reference.js';

const KEYWORD_TYPES: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.StringKeyword,
  SyntaxKind.NumberKeyword,
  SyntaxKind.BooleanKeyword,
  SyntaxKind.BigIntKeyword,
  SyntaxKind.UndefinedKeyword,
  SyntaxKind.UnknownKeyword,
  SyntaxKind.AnyKeyword,
  SyntaxKind.NeverKeyword,
  SyntaxKind.ObjectKeyword,
  SyntaxKind.SymbolKeyword,
  SyntaxKind.VoidKeyword,
]);

/**
 * True when the type's text means the same in the generated module as in the definition:
 * primitives, literal types, and arrays, tuples, unions and object types built only from them
 * and from global types like `Date`.
 */
export function isSelfContainedType(node: TypeNode): boolean {
  if (KEYWORD_TYPES.has(node.getKind()) || Node.isLiteralTypeNode(node)) return true;
  if (Node.isUnionTypeNode(node) || Node.isIntersectionTypeNode(node)) {
    return node.getTypeNodes().every(isSelfContainedType);
  }
  if (Node.isArrayTypeNode(node)) return isSelfContainedType(node.getElementTypeNode());
  if (Node.isTupleTypeNode(node)) return node.getElements().every(isSelfContainedTupleElement);
  if (Node.isParenthesizedTypeNode(node) || Node.isTypeOperatorTypeNode(node)) {
    return isSelfContainedType(node.getTypeNode());
  }
  if (Node.isTypeLiteral(node)) return node.getMembers().every(isSelfContainedMember);
  if (Node.isTemplateLiteralTypeNode(node)) {
    return node.getTemplateSpans().every((span) => {
      const type = span.getFirstChild();
      return type !== undefined && Node.isTypeNode(type) && isSelfContainedType(type);
    });
  }
  if (Node.isTypeReference(node)) {
    const declarations = node.getTypeName().getSymbol()?.getDeclarations() ?? [];
    return (
      declarations.length > 0 &&
      declarations.every((declaration) => isGlobalScript(declaration.getSourceFile())) &&
      node.getTypeArguments().every(isSelfContainedType)
    );
  }
  return false;
}

function isSelfContainedTupleElement(element: TypeNode): boolean {
  if (
    Node.isNamedTupleMember(element) ||
    Node.isRestTypeNode(element) ||
    Node.isOptionalTypeNode(element)
  ) {
    return isSelfContainedType(element.getTypeNode());
  }
  return isSelfContainedType(element);
}

function isSelfContainedMember(member: Node): boolean {
  if (Node.isPropertySignature(member)) {
    const nameNode = member.getNameNode();
    const typeNode = member.getTypeNode();
    return (
      !Node.isComputedPropertyName(nameNode) &&
      typeNode !== undefined &&
      isSelfContainedType(typeNode)
    );
  }
  if (Node.isIndexSignatureDeclaration(member)) {
    const typeNode = member.getReturnTypeNode();
    return typeNode !== undefined && isSelfContainedType(typeNode);
  }
  return false;
}
