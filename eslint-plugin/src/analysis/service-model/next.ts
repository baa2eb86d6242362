import * as path from 'node:path';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { propertyKeyName, unwrap } from '../ast';
import type { BuilderOptions, Entity } from './builder';
import type { MiddlewareRole } from './types';
import { handlerLogs, rolesOfFunction } from './middleware';
import { fileOfProgram, moduleTextOf, resolveImport } from '../modules';
import { ModuleScope } from './module-scope';

const APP_ROUTE = /^(?:src\/)?app\/(.*\/)?route\.(?:js|jsx|ts|tsx|mjs|mts)$/;
const PAGES_API = /^(?:src\/)?pages\/(api\/.*)\.(?:js|jsx|ts|tsx|mjs|mts)$/;
const MIDDLEWARE_FILE = /^(?:src\/)?(middleware|proxy)\.(?:js|ts|mjs|mts)$/;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function isNextRouteFile(relative: string): boolean {
  return APP_ROUTE.test(relative) || PAGES_API.test(relative);
}

export function isNextMiddlewareFile(relative: string): boolean {
  return MIDDLEWARE_FILE.test(relative);
}

/** `app/(shop)/users/[id]/route.ts` → `/users/[id]`; `pages/api/users/index.ts` → `/api/users`. */
export function nextRoutePath(relative: string): string | undefined {
  const app = APP_ROUTE.exec(relative);
  if (app) {
    const segments = (app[1] ?? '')
      .split('/')
      .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'));
    return `/${segments.join('/')}`;
  }
  const pages = PAGES_API.exec(relative);
  if (pages) return `/${pages[1].replace(/\/index$/, '')}`;
  return undefined;
}

/** A Next.js project's routes (one scope) and its `middleware.ts`/`proxy.ts`, if that logs. */
export class NextBuilder {
  readonly entity: Entity | undefined;
  readonly files = new Set<string>();

  constructor(
    private readonly options: BuilderOptions,
    routeFiles: readonly string[],
    middlewareFile: string | undefined,
  ) {
    if (routeFiles.length === 0) return;
    const first = ModuleScope.forFile(routeFiles[0], options.languageOptions);
    if (!first) return;
    const entity: Entity = {
      model: {
        id: 'next:app',
        kind: 'app',
        framework: 'nextjs',
        name: 'Next.js app',
        options: {},
        middleware: [],
        mounts: [],
        location: { file: first.relative(options.root), line: 1, column: 1 },
      },
      framework: 'nextjs',
      routes: [],
      module: first,
    };
    this.entity = entity;
    if (middlewareFile) this.middleware(entity, middlewareFile);
    for (const file of routeFiles) this.routeFile(entity, file);
  }

  private routeFile(entity: Entity, file: string): void {
    const scope = ModuleScope.forFile(file, this.options.languageOptions);
    if (!scope) return;
    const relative = scope.relative(this.options.root);
    const routePath = nextRoutePath(relative);
    if (routePath === undefined) return;
    this.files.add(relative);
    const add = (method: string, node: TSESTree.Node, handler: TSESTree.Node | undefined): void => {
      entity.routes.push({
        method,
        path: routePath,
        order: node.range[0],
        handlers: [handler ? scope.text(handler).replace(/\s+/g, ' ').slice(0, 40) : method],
        handlerLogs: handler ? handlerLogs(handler, scope) : false,
        ...this.wrapperRoles(handler, scope),
        location: scope.location(node, this.options.root),
      });
    };
    for (const statement of scope.program.body) {
      if (PAGES_API.test(relative) && statement.type === AST_NODE_TYPES.ExportDefaultDeclaration)
        add('ALL', statement, statement.declaration);
      if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
      const declaration = statement.declaration;
      if (
        declaration?.type === AST_NODE_TYPES.FunctionDeclaration &&
        declaration.id &&
        METHODS.includes(declaration.id.name)
      )
        add(declaration.id.name, declaration, declaration);
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && METHODS.includes(declarator.id.name))
            add(declarator.id.name, declarator, declarator.init ?? undefined);
        }
      }
      // `export { handler as GET }` (local) and `export { GET } from './shared'` (re-export)
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (!METHODS.includes(exported)) continue;
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local : undefined;
        add(exported, specifier, local && !statement.source ? local : undefined);
        if (statement.source && local) {
          const last = entity.routes[entity.routes.length - 1];
          last.handlerLogs = this.reexportLogs(scope, statement.source.value, local.name);
        }
      }
    }
  }

  /** `timedRoute('/users', handler)`: what the wrapper does for each request (its body read, local or imported). */
  private wrapperRoles(handler: TSESTree.Node | undefined, scope: ModuleScope): { handlerRoles?: MiddlewareRole[] } {
    const node = handler ? unwrap(handler) : undefined;
    if (node?.type !== AST_NODE_TYPES.CallExpression) return {};
    const wrapper = scope.functionOf(node.callee);
    const roles = wrapper
      ? rolesOfFunction(wrapper.node, wrapper.scope, this.options.loggingMiddleware).filter(
          (role) => role !== 'error-handling',
        )
      : [];
    return roles.length > 0 ? { handlerRoles: roles } : {};
  }

  /** `export { GET } from './shared'`: judged by the handler in the module it comes from. */
  private reexportLogs(scope: ModuleScope, specifier: string, name: string): boolean {
    const resolved = resolveImport(scope.file, specifier, name, this.options.languageOptions);
    const file = resolved ? fileOfProgram(resolved.program) : undefined;
    const text = file ? moduleTextOf(file) : undefined;
    if (!resolved || !file || text === undefined) return false;
    const target = ModuleScope.of(resolved.program, file, text, this.options.languageOptions);
    const node = resolved.node.type === AST_NODE_TYPES.VariableDeclarator ? resolved.node.init : resolved.node;
    return node ? handlerLogs(node, target) : false;
  }

  /** `middleware.ts` / `proxy.ts`: counts for the paths its `matcher` covers, when it logs. */
  private middleware(entity: Entity, file: string): void {
    const scope = ModuleScope.forFile(file, this.options.languageOptions);
    if (!scope) return;
    this.files.add(scope.relative(this.options.root));
    let roles: MiddlewareRole[] = [];
    let matchers: string[] = [];
    let location: TSESTree.Node = scope.program;
    for (const statement of scope.program.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
          ? statement.declaration
          : undefined;
      if (!declaration) continue;
      if (
        declaration.type === AST_NODE_TYPES.FunctionDeclaration &&
        (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
          ['middleware', 'proxy'].includes(declaration.id?.name ?? ''))
      ) {
        roles = rolesOfFunction(declaration, scope, this.options.loggingMiddleware);
        location = declaration;
      }
      if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
          if (['middleware', 'proxy'].includes(declarator.id.name)) {
            const fn = scope.functionOf(declarator.init);
            roles = fn ? rolesOfFunction(fn.node, fn.scope, this.options.loggingMiddleware) : [];
            location = declarator;
          }
          if (declarator.id.name === 'config' && declarator.init.type === AST_NODE_TYPES.ObjectExpression)
            matchers = matcherPatterns(declarator.init);
        }
      }
    }
    // Request logging and request IDs; a proxy sees no response, so it neither times nor answers probes.
    roles = roles.filter((role) => role === 'request-logging' || role === 'correlation-id');
    if (roles.length === 0) return;
    entity.model.middleware.push({
      name: path.basename(file),
      roles,
      // A matcher is a path pattern; without one the middleware runs for every request.
      ...(matchers.length === 1 ? { path: matcherPrefix(matchers[0]) } : {}),
      order: 0,
      location: scope.location(location, this.options.root),
    });
  }
}

function matcherPatterns(config: TSESTree.ObjectExpression): string[] {
  for (const property of config.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== 'matcher') continue;
    const value = unwrap(property.value);
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return [value.value];
    if (value.type === AST_NODE_TYPES.ArrayExpression)
      return value.elements.flatMap((element) =>
        element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : [],
      );
  }
  return [];
}

/** `/api/:path*` → `/api` (the part before the first parameter or pattern). */
function matcherPrefix(matcher: string): string {
  const cut = matcher.search(/[:(*]/);
  return (cut >= 0 ? matcher.slice(0, cut) : matcher).replace(/\/+$/, '') || '/';
}
