import { type ParserServices, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type * as ts from 'typescript';
import { type ProjectImports } from './project-imports';

/** What the declared or inferred type tells about a value. */
export interface TypeFacts {
  /** number, boolean, bigint (or unions of them): never sensitive. */
  primitiveSafe: boolean;
  /** Property names of the object type, with the type's name (for person context). */
  properties?: { typeName: string | undefined; names: string[] };
  /** The type's name when it is a class/interface (`AxiosError`). */
  typeName?: string;
  /** string (or string literals): a `user: string` is a login name, not a record. */
  stringLike?: boolean;
}

const NO_FACTS: TypeFacts = { primitiveSafe: false };

interface Flags {
  safePrimitive: number;
  boundedLiteral: number;
  nullish: number;
  object: number;
  union: number;
  property: number;
  stringLike: number;
}

/** Flag values differ between TypeScript versions, so they are read from the `typescript` that built the program. */
function loadFlags(): Flags {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const typescript = require('typescript') as typeof ts;
  const { TypeFlags, SymbolFlags } = typescript;
  return {
    safePrimitive: TypeFlags.NumberLike | TypeFlags.BooleanLike | TypeFlags.BigIntLike | TypeFlags.EnumLike,
    boundedLiteral:
      TypeFlags.StringLiteral |
      TypeFlags.NumberLiteral |
      TypeFlags.BigIntLiteral |
      TypeFlags.BooleanLike |
      TypeFlags.EnumLike,
    nullish: TypeFlags.Undefined | TypeFlags.Null | TypeFlags.Void,
    object: TypeFlags.Object,
    union: TypeFlags.Union,
    property: SymbolFlags.Property,
    stringLike: TypeFlags.StringLike,
  };
}

/** Reads facts from type information when the parser has a program (typed linting), else nothing. */
export class TypeInformation {
  private readonly checker: ts.TypeChecker | undefined;
  private readonly flags: Flags | undefined;

  constructor(private readonly services: Partial<ParserServices> | undefined) {
    this.checker = services?.program ? services.program.getTypeChecker() : undefined;
    this.flags = this.checker ? loadFlags() : undefined;
  }

  get available(): boolean {
    return this.checker !== undefined;
  }

  /** True when every value the type allows is one of a few literals: `'GET' | 'POST'`, an enum, a boolean. */
  isLiteralUnion(node: TSESTree.Node): boolean {
    const { checker, flags } = this;
    const map = this.services?.esTreeNodeToTSNodeMap;
    if (!checker || !flags || !map) return false;
    const tsNode = map.get(node as never);
    if (!tsNode) return false;
    const type = checker.getTypeAtLocation(tsNode);
    const members = (type.flags & flags.union ? (type as ts.UnionType).types : [type]).filter(
      (member) => !(member.flags & flags.nullish),
    );
    return members.length > 0 && members.every((member) => member.flags & flags.boundedLiteral);
  }

  factsOf(node: TSESTree.Node): TypeFacts {
    const { checker, flags } = this;
    const map = this.services?.esTreeNodeToTSNodeMap;
    if (!checker || !flags || !map) return NO_FACTS;
    // `await findUser()`: the value logged is what the promise resolves to.
    const target =
      node.parent?.type === AST_NODE_TYPES.AwaitExpression && node.parent.argument === node ? node.parent : node;
    const tsNode = map.get(target as never);
    if (!tsNode) return NO_FACTS;
    const type = checker.getTypeAtLocation(tsNode);
    const members = type.flags & flags.union ? (type as ts.UnionType).types : [type];
    const meaningful = members.filter((member) => !(member.flags & flags.nullish));
    const primitiveSafe = meaningful.length > 0 && meaningful.every((member) => member.flags & flags.safePrimitive);
    if (primitiveSafe) return { primitiveSafe };
    if (meaningful.length > 0 && meaningful.every((member) => member.flags & flags.stringLike))
      return { primitiveSafe: false, stringLike: true };
    const objectType = meaningful.length === 1 && meaningful[0].flags & flags.object ? meaningful[0] : undefined;
    if (!objectType || checker.isArrayType(objectType)) return NO_FACTS;
    const symbol = objectType.getSymbol() ?? objectType.aliasSymbol;
    const typeName = symbol?.getName();
    const names = objectType
      .getProperties()
      .filter((property) => property.flags & flags.property)
      .map((property) => property.getName());
    return { primitiveSafe: false, typeName, properties: { typeName, names } };
  }
}

/** Syntactic type facts for files linted without type information: annotations, in-file and imported declarations. */
export class DeclaredTypes {
  private declarations: Map<string, TSESTree.Node> | undefined;
  /** Property names by type name, once read (imported ones cost a resolution and maybe a parse). */
  private readonly properties = new Map<string, string[] | null>();

  constructor(
    private readonly program: TSESTree.Program,
    /** The file's imports from other project modules; without it only in-file declarations are read. */
    private readonly imports?: ProjectImports,
  ) {}

  /** The declared types of another parsed module (one per module AST, so its answers are shared by every linted file). */
  private static ofModule(program: TSESTree.Program, imports: ProjectImports | undefined): DeclaredTypes {
    let types = moduleTypes.get(program);
    if (!types) moduleTypes.set(program, (types = new DeclaredTypes(program, imports)));
    return types;
  }

  /** Facts from a binding's annotation (`user: User`, `count: number`). */
  factsOfAnnotation(annotation: TSESTree.TypeNode | undefined): TypeFacts {
    if (!annotation) return NO_FACTS;
    switch (annotation.type) {
      case AST_NODE_TYPES.TSNumberKeyword:
      case AST_NODE_TYPES.TSBooleanKeyword:
      case AST_NODE_TYPES.TSBigIntKeyword:
        return { primitiveSafe: true };
      case AST_NODE_TYPES.TSStringKeyword:
        return { primitiveSafe: false, stringLike: true };
      case AST_NODE_TYPES.TSLiteralType: {
        const text = annotation.literal.type === AST_NODE_TYPES.Literal && typeof annotation.literal.value === 'string';
        return { primitiveSafe: annotation.literal.type === AST_NODE_TYPES.Literal && !text, stringLike: text };
      }
      case AST_NODE_TYPES.TSUnionType: {
        const parts = annotation.types.filter(
          (part) => part.type !== AST_NODE_TYPES.TSUndefinedKeyword && part.type !== AST_NODE_TYPES.TSNullKeyword,
        );
        if (parts.length === 1) return this.factsOfAnnotation(parts[0]);
        const facts = parts.map((part) => this.factsOfAnnotation(part));
        const primitiveSafe = facts.length > 0 && facts.every((fact) => fact.primitiveSafe);
        return {
          primitiveSafe,
          stringLike:
            !primitiveSafe && facts.length > 0 && facts.every((fact) => fact.primitiveSafe || fact.stringLike === true),
        };
      }
      case AST_NODE_TYPES.TSTypeLiteral:
        return { primitiveSafe: false, properties: { typeName: undefined, names: memberNames(annotation.members) } };
      case AST_NODE_TYPES.TSTypeReference: {
        if (annotation.typeName.type !== AST_NODE_TYPES.Identifier) return NO_FACTS;
        const typeName = annotation.typeName.name;
        const names = this.propertiesOf(typeName, 0);
        return names
          ? { primitiveSafe: false, typeName, properties: { typeName, names } }
          : { primitiveSafe: false, typeName };
      }
      default:
        return NO_FACTS;
    }
  }

  private propertiesOf(typeName: string, depth: number): string[] | undefined {
    if (depth > 4) return undefined;
    const known = this.properties.get(typeName);
    if (known !== undefined) return known ?? undefined;
    const found = this.readProperties(typeName, depth);
    this.properties.set(typeName, found ?? null);
    return found;
  }

  private readProperties(typeName: string, depth: number): string[] | undefined {
    const declaration = this.lookup().get(typeName);
    if (declaration) return this.propertiesOfDeclaration(declaration, depth);
    // `createLoginDto: CreateLoginDto` imported from './dto/create-login.dto' (or an index that re-exports it):
    // only names the file imports are resolved, and only when an annotation asks.
    const resolved = this.imports?.resolve(typeName, findTypeDeclaration);
    if (!resolved) return undefined;
    const imported = DeclaredTypes.ofModule(resolved.program, this.imports?.forModule(resolved.program));
    return imported.propertiesOfDeclaration(resolved.node, depth + 1);
  }

  private propertiesOfDeclaration(declaration: TSESTree.Node, depth: number): string[] | undefined {
    if (depth > 4) return undefined;
    if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
      const names = memberNames(declaration.body.body);
      for (const heritage of declaration.extends) {
        if (heritage.expression.type === AST_NODE_TYPES.Identifier)
          names.push(...(this.propertiesOf(heritage.expression.name, depth + 1) ?? []));
      }
      return names;
    }
    if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
      const aliased = declaration.typeAnnotation;
      if (aliased.type === AST_NODE_TYPES.TSTypeLiteral) return memberNames(aliased.members);
      if (aliased.type === AST_NODE_TYPES.TSIntersectionType) {
        return aliased.types.flatMap((part) =>
          part.type === AST_NODE_TYPES.TSTypeLiteral
            ? memberNames(part.members)
            : part.type === AST_NODE_TYPES.TSTypeReference && part.typeName.type === AST_NODE_TYPES.Identifier
              ? (this.propertiesOf(part.typeName.name, depth + 1) ?? [])
              : [],
        );
      }
      if (aliased.type === AST_NODE_TYPES.TSTypeReference && aliased.typeName.type === AST_NODE_TYPES.Identifier) {
        return this.propertiesOf(aliased.typeName.name, depth + 1);
      }
    }
    if (declaration.type === AST_NODE_TYPES.ClassDeclaration) {
      const names = declaration.body.body.flatMap((member) => {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed) {
          const key = member.key;
          return key.type === AST_NODE_TYPES.Identifier
            ? [key.name]
            : key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string'
              ? [key.value]
              : [];
        }
        // `constructor(public email: string)`
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
          return member.value.params.flatMap((param) => {
            const bound = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
            const id = bound?.type === AST_NODE_TYPES.AssignmentPattern ? bound.left : bound;
            return id?.type === AST_NODE_TYPES.Identifier ? [id.name] : [];
          });
        }
        return [];
      });
      if (declaration.superClass) names.push(...(this.inheritedProperties(declaration.superClass, depth) ?? []));
      return names;
    }
    return undefined;
  }

  /** `extends Base`, and NestJS mapped types: `PartialType(CreateUserDto)`, `PickType(X, ['email'])`, `OmitType(X, ['password'])`. */
  private inheritedProperties(superClass: TSESTree.Node, depth: number): string[] | undefined {
    if (superClass.type === AST_NODE_TYPES.Identifier) return this.propertiesOf(superClass.name, depth + 1);
    if (superClass.type !== AST_NODE_TYPES.CallExpression || superClass.callee.type !== AST_NODE_TYPES.Identifier)
      return undefined;
    const mapper = superClass.callee.name;
    const bases = superClass.arguments.filter(
      (argument): argument is TSESTree.Identifier => argument.type === AST_NODE_TYPES.Identifier,
    );
    if (mapper === 'IntersectionType') return bases.flatMap((base) => this.propertiesOf(base.name, depth + 1) ?? []);
    const base = bases[0] ? this.propertiesOf(bases[0].name, depth + 1) : undefined;
    if (!base || !/^(PartialType|PickType|OmitType|ReadonlyType)$/.test(mapper)) return undefined;
    const listed =
      superClass.arguments[1]?.type === AST_NODE_TYPES.ArrayExpression
        ? superClass.arguments[1].elements.flatMap((element) =>
            element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : [],
          )
        : [];
    if (mapper === 'PickType') return base.filter((name) => listed.includes(name));
    if (mapper === 'OmitType') return base.filter((name) => !listed.includes(name));
    return base;
  }

  private lookup(): Map<string, TSESTree.Node> {
    if (this.declarations) return this.declarations;
    const declarations = new Map<string, TSESTree.Node>();
    for (const statement of this.program.body) {
      const declaration =
        (statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
          statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
        statement.declaration
          ? statement.declaration
          : statement;
      if (
        (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
          declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration ||
          declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
        declaration.id
      ) {
        declarations.set(declaration.id.name, declaration);
      }
    }
    this.declarations = declarations;
    return declarations;
  }
}

const moduleTypes = new WeakMap<TSESTree.Program, DeclaredTypes>();

/**
 * The interface, type alias or class a module exports under `name` (`export interface X`, `export class X`,
 * `export { X }`, `export { Y as X }`, `export default class X`). Re-exports from other modules are followed by
 * `resolveImport`.
 */
export function findTypeDeclaration(program: TSESTree.Program, name: string): TSESTree.Node | undefined {
  const local = (wanted: string): TSESTree.Node | undefined => {
    for (const statement of program.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
          ? statement.declaration
          : statement;
      if (isTypeDeclaration(declaration) && declaration.id?.name === wanted) return declaration;
    }
    return undefined;
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const declaration = statement.declaration;
      if (isTypeDeclaration(declaration)) return declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) return local(declaration.name);
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (isTypeDeclaration(declaration) && declaration.id?.name === name) return declaration;
      if (statement.source) continue;
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (exported === name)
          return specifier.local.type === AST_NODE_TYPES.Identifier ? local(specifier.local.name) : undefined;
      }
    }
  }
  return undefined;
}

function isTypeDeclaration(
  node: TSESTree.Node | null | undefined,
): node is TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | TSESTree.ClassDeclaration {
  return (
    node?.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
    node?.type === AST_NODE_TYPES.TSTypeAliasDeclaration ||
    node?.type === AST_NODE_TYPES.ClassDeclaration
  );
}

function memberNames(members: readonly TSESTree.TypeElement[]): string[] {
  const names: string[] = [];
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature) continue;
    if (member.key.type === AST_NODE_TYPES.Identifier) names.push(member.key.name);
    else if (member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string')
      names.push(member.key.value);
  }
  return names;
}
