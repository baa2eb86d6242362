import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { requiredModule } from '../analysis/ast';
import type { Framework } from '../analysis/service-model/types';
import { moduleStyleOf } from './imports';
import { logStatement, type ServiceProfile } from './service-profile';

export interface RequestLoggingInsertion {
  /** What the suggestion says it adds: `pino-http`, `morgan`, `a request-logging middleware`. */
  what: string;
  /** Statement inserted before `before` (with its indentation); imports go after the file's last import. */
  statement: string;
  imports: Array<{ local: string; module: string; kind: 'default' | 'named' | 'named-in-esm' }>;
}

/**
 * Request logging idiomatic to the project: pino-http when pino is a dependency, morgan when morgan is, otherwise
 * a small middleware that logs method, route template, status, duration and the request id (when a correlation
 * middleware set the `X-Request-ID` response header) on finish, with the project's logger (or console).
 */
export function requestLoggingFor(framework: Framework, app: string, profile: Pick<ServiceProfile, 'dependencies' | 'typescript' | 'logger'>): RequestLoggingInsertion | undefined {
  const { dependencies, typescript } = profile;
  const log = (fields: string): string => logStatement(profile, 'info', 'request completed', fields);
  switch (framework) {
    case 'express':
      if (dependencies.has('pino-http') || dependencies.has('pino')) {
        return { what: 'pino-http', statement: `${app}.use(pinoHttp());`, imports: [{ local: 'pinoHttp', module: 'pino-http', kind: 'named-in-esm' }] };
      }
      if (dependencies.has('morgan')) {
        return { what: 'morgan', statement: `${app}.use(morgan('tiny'));`, imports: [{ local: 'morgan', module: 'morgan', kind: 'default' }] };
      }
      return {
        what: 'a request-logging middleware',
        statement: [
          `${app}.use((req, res, next) => {`,
          '  const started = process.hrtime.bigint();',
          "  res.on('finish', () => {",
          `    ${log("method: req.method, route: req.route ? req.baseUrl + req.route.path : 'unmatched', status: res.statusCode, duration_ms: Number(process.hrtime.bigint() - started) / 1e6, request_id: res.getHeader('x-request-id')")}`,
          '  });',
          '  next();',
          '});',
        ].join('\n'),
        imports: [],
      };
    case 'koa': {
      const route = typescript ? "(ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched'" : "ctx._matchedRoute ?? 'unmatched'";
      return {
        what: 'a request-logging middleware',
        statement: [
          `${app}.use(async (ctx, next) => {`,
          '  const started = process.hrtime.bigint();',
          '  try {',
          '    await next();',
          '  } finally {',
          `    ${log(`method: ctx.method, route: ${route}, status: ctx.status, duration_ms: Number(process.hrtime.bigint() - started) / 1e6, request_id: ctx.response.get('x-request-id') || undefined`)}`,
          '  }',
          '});',
        ].join('\n'),
        imports: [],
      };
    }
    case 'hono':
      return {
        what: 'a request-logging middleware',
        statement: [
          `${app}.use(async (c, next) => {`,
          '  const started = process.hrtime.bigint();',
          '  await next();',
          `  ${log("method: c.req.method, route: routePath(c), status: c.res.status, duration_ms: Number(process.hrtime.bigint() - started) / 1e6, request_id: c.res.headers.get('x-request-id') ?? undefined")}`,
          '});',
        ].join('\n'),
        imports: [{ local: 'routePath', module: 'hono/route', kind: 'named' }],
      };
    default:
      return undefined;
  }
}

/** The fixes that insert `insertion` before `before` and add its imports (ESM or CommonJS, as the file is). */
export function insertRequestLogging(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  before: TSESTree.Node,
  insertion: RequestLoggingInsertion,
): TSESLint.RuleFix[] {
  const indent = ' '.repeat(before.loc.start.column);
  const statement = insertion.statement.split('\n').join(`\n${indent}`);
  const fixes = [fixer.insertTextBefore(before, `${statement}\n${indent}`)];
  const style = moduleStyleOf(sourceCode, filename);
  const body = sourceCode.ast.body;
  const lastImport = [...body].reverse().find((node) => node.type === AST_NODE_TYPES.ImportDeclaration || (node.type === AST_NODE_TYPES.VariableDeclaration && node.declarations.some((d) => requiredModule(d.init) !== undefined)));
  const lines: string[] = [];
  for (const wanted of insertion.imports) {
    if (importedAs(sourceCode, wanted.module) !== undefined) continue;
    if (style === 'esm') lines.push(wanted.kind === 'default' ? `import ${wanted.local} from '${wanted.module}';` : `import { ${wanted.local} } from '${wanted.module}';`);
    // `named-in-esm` (pino-http): the module is the function in CommonJS and also exports it by name for ESM.
    else lines.push(wanted.kind !== 'named' ? `const ${wanted.local} = require('${wanted.module}');` : `const { ${wanted.local} } = require('${wanted.module}');`);
  }
  if (lines.length > 0) {
    fixes.push(lastImport ? fixer.insertTextAfter(lastImport, `\n${lines.join('\n')}`) : fixer.insertTextBeforeRange([0, 0], `${lines.join('\n')}\n`));
  }
  return fixes;
}

/** The local name a module is already imported under in this file, if it is. */
export function importedAs(sourceCode: Readonly<TSESLint.SourceCode>, module: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === module) return statement.specifiers[0]?.local.name ?? '';
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (requiredModule(declarator.init) === module && declarator.id.type === AST_NODE_TYPES.Identifier) return declarator.id.name;
      }
    }
  }
  return undefined;
}

/** The NestJS interceptor class the global-interceptor suggestion appends to the bootstrap file. */
export const NEST_LOGGING_INTERCEPTOR = [
  '',
  '/** Logs every request once its response is sent: method, URL, status and duration. */',
  '@Injectable()',
  'class RequestLoggingInterceptor implements NestInterceptor {',
  "  private readonly logger = new Logger('HTTP');",
  '',
  '  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {',
  '    const http = context.switchToHttp();',
  '    const request = http.getRequest<{ method: string; url: string }>();',
  '    const started = Date.now();',
  '    return next.handle().pipe(',
  '      finalize(() => {',
  '        const response = http.getResponse<{ statusCode: number; getHeader(name: string): unknown }>();',
  "        this.logger.log(JSON.stringify({ method: request.method, url: request.url, status: response.statusCode, duration_ms: Date.now() - started, request_id: response.getHeader('x-request-id') }));",
  '      }),',
  '    );',
  '  }',
  '}',
  '',
].join('\n');

export const NEST_INTERCEPTOR_IMPORTS: ReadonlyArray<[module: string, names: string[]]> = [
  ['@nestjs/common', ['CallHandler', 'ExecutionContext', 'Injectable', 'Logger', 'NestInterceptor']],
  ['rxjs', ['Observable', 'finalize']],
];
