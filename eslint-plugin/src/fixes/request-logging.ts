import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Framework } from '../analysis/service-model/types';
import { importFixes, importTargetOf, type ImportRequest } from './imports';
import { topLevelStatementOf } from '../analysis/ast';
import { DURATION_MS_SINCE_STARTED, logStatement, type ServiceProfile } from './service-profile';

export interface RequestLoggingInsertion {
  /** What the suggestion says it adds: `pino-http`, `morgan`, `a request-logging middleware`. */
  what: string;
  /** Statement inserted before `before` (with its indentation); imports go after the last import above it. */
  statement: string;
  imports: ImportRequest[];
}

/**
 * Request logging idiomatic to the project: pino-http when pino is a dependency, morgan when morgan is, otherwise
 * a small middleware that logs method, route template, status, duration and the request id (when a correlation
 * middleware set the `X-Request-ID` response header) on finish, with the project's logger (or console).
 */
export function requestLoggingFor(
  framework: Framework,
  app: string,
  profile: Pick<ServiceProfile, 'dependencies' | 'typescript' | 'logger'>,
): RequestLoggingInsertion | undefined {
  const { dependencies, typescript } = profile;
  const log = (fields: string): string => logStatement(profile, 'info', 'request completed', fields);
  switch (framework) {
    case 'express':
      if (dependencies.has('pino-http') || dependencies.has('pino')) {
        return {
          what: 'pino-http',
          statement: `${app}.use(pinoHttp());`,
          imports: [{ module: 'pino-http', named: ['pinoHttp'], requireWhole: true }],
        };
      }
      if (dependencies.has('morgan')) {
        return {
          what: 'morgan',
          statement: `${app}.use(morgan('tiny'));`,
          imports: [{ module: 'morgan', defaultName: 'morgan' }],
        };
      }
      return {
        what: 'a request-logging middleware',
        statement: [
          `${app}.use((req, res, next) => {`,
          '  const started = process.hrtime.bigint();',
          "  res.on('finish', () => {",
          `    ${log(`method: req.method, route: req.route ? req.baseUrl + req.route.path : 'unmatched', status: res.statusCode, duration_ms: ${DURATION_MS_SINCE_STARTED}, request_id: res.getHeader('x-request-id')`)}`,
          '  });',
          '  next();',
          '});',
        ].join('\n'),
        imports: [],
      };
    case 'koa': {
      const route = typescript
        ? "(ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched'"
        : "ctx._matchedRoute ?? 'unmatched'";
      return {
        what: 'a request-logging middleware',
        statement: [
          `${app}.use(async (ctx, next) => {`,
          '  const started = process.hrtime.bigint();',
          '  try {',
          '    await next();',
          '  } finally {',
          `    ${log(`method: ctx.method, route: ${route}, status: ctx.status, duration_ms: ${DURATION_MS_SINCE_STARTED}, request_id: ctx.response.get('x-request-id') || undefined`)}`,
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
          `  ${log(`method: c.req.method, route: routePath(c), status: c.res.status, duration_ms: ${DURATION_MS_SINCE_STARTED}, request_id: c.res.headers.get('x-request-id') ?? undefined`)}`,
          '});',
        ].join('\n'),
        imports: [{ module: 'hono/route', named: ['routePath'] }],
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
  before: TSESTree.Statement,
  insertion: RequestLoggingInsertion,
): TSESLint.RuleFix[] {
  const indent = ' '.repeat(before.loc.start.column);
  const statement = insertion.statement.split('\n').join(`\n${indent}`);
  return [
    fixer.insertTextBefore(before, `${statement}\n${indent}`),
    ...importFixes(
      fixer,
      sourceCode,
      importTargetOf(sourceCode, filename),
      insertion.imports,
      topLevelStatementOf(before) ?? before,
    ),
  ];
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

export const NEST_INTERCEPTOR_IMPORTS: readonly ImportRequest[] = [
  { module: '@nestjs/common', named: ['CallHandler', 'ExecutionContext', 'Injectable', 'Logger', 'NestInterceptor'] },
  { module: 'rxjs', named: ['Observable', 'finalize'] },
];
