import * as fs from 'node:fs';
import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { moduleTextOf, parseModule } from '../analysis/modules';
import type { RouteModel, ServiceModel } from '../analysis/service-model/types';
import { DEFAULT_PROBE_PATHS, readinessFunctions, type MissingProbes, type ProbePaths } from './health-endpoints';
import { importEdits, type TextChange } from './imports';
import { REQUEST_DURATION_METRIC, timedFunction } from './request-timing';
import { projectDependencies } from '../analysis/modules';
import { metricPrefix } from './service-profile';

/**
 * Next.js keeps what other frameworks register on an app in files of their own: route handlers are exported by
 * `app/…/route.ts` files and probes are route files too. An ESLint fix edits one file only, so the Next.js fixes are
 * project edits: new files and edits of existing ones, which the language server applies as one workspace edit (and
 * the tests apply to disk).
 */
export interface ProjectFileEdit {
  /** Absolute path. */
  file: string;
  /** The whole text of a file to create (it does not exist yet). */
  create?: string;
  /** Edits of an existing file, by offsets into its current text. */
  changes?: TextChange[];
}

export interface ProjectFix {
  description: string;
  files: ProjectFileEdit[];
}

/** What the Next.js fixes add: every route handler wrapped, probe routes, the metrics route. */
export interface NextNeeds {
  /** Route files whose handlers are not wrapped yet (relative to the model's root). */
  wrap: RouteModel[];
  probes?: MissingProbes;
  probePaths?: ProbePaths;
  /** Serve `GET /metrics` (prom-client is a dependency and no route serves it). */
  metricsRoute?: boolean;
}

/** The helper module every fix imports from, relative to the app directory's parent (`lib/observability.ts`). */
const HELPER = 'lib/observability';
const WRAPPER = 'timedRoute';
/** One symbol for the state the helper shares: Next.js bundles each route and `instrumentation.ts` on their own. */
const STATE_KEY = 'observability-lint.next';

interface NextProject {
  root: string;
  /** `src` when the app directory is `src/app`, else ''. */
  base: string;
  typescript: boolean;
  promClient: boolean;
  prefix: string;
}

function projectOf(model: ServiceModel): NextProject {
  const routeFiles = model.routes.map((route) => route.location.file);
  const dependencies = projectDependencies(model.root);
  return {
    root: model.root,
    base: routeFiles.some((file) => file.startsWith('src/')) ? 'src' : '',
    typescript:
      routeFiles.some((file) => /\.tsx?$/.test(file)) || fs.existsSync(path.join(model.root, 'tsconfig.json')),
    promClient: dependencies.has('prom-client'),
    prefix: metricPrefix(dependencies),
  };
}

/** The helper module's path (absolute, with the project's extension) and whether it exists. */
function helperFile(project: NextProject): { file: string; exists: boolean } {
  const stem = path.join(project.root, project.base, HELPER);
  for (const extension of ['.ts', '.tsx', '.js', '.mjs']) {
    if (moduleTextOf(stem + extension) !== undefined) return { file: stem + extension, exists: true };
  }
  return { file: stem + (project.typescript ? '.ts' : '.js'), exists: false };
}

/** `./lib/observability` as an import specifier from `fromFile` (no extension: Next.js resolves it). */
function specifierFrom(fromFile: string, helper: string): string {
  const relative = path
    .relative(path.dirname(fromFile), helper)
    .split(path.sep)
    .join('/')
    .replace(/\.[cm]?[jt]sx?$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The project edit that gives a Next.js app what `needs` lists. Undefined when nothing can be done (no route file
 * left to wrap, probes present, no metrics route needed).
 */
export function nextProjectFix(
  model: ServiceModel,
  needs: NextNeeds,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): ProjectFix | undefined {
  const project = projectOf(model);
  const helper = helperFile(project);
  const files: ProjectFileEdit[] = [];
  const done: string[] = [];
  const byFile = new Map<string, RouteModel[]>();
  for (const route of needs.wrap) byFile.set(route.location.file, [...(byFile.get(route.location.file) ?? []), route]);
  for (const [relative, routes] of byFile) {
    const file = path.join(project.root, relative);
    const changes = wrapRouteFile(file, routes, helper.file, languageOptions);
    if (changes.length > 0) files.push({ file, changes });
  }
  if (files.length > 0)
    done.push(
      `wrap ${files.length === 1 ? 'the route handlers' : `the handlers of ${files.length} route files`} in ${WRAPPER}() (request ID, duration${project.promClient ? ' histogram' : ''}, request log)`,
    );
  const appDir = path.join(project.root, project.base, 'app');
  const paths = needs.probePaths ?? DEFAULT_PROBE_PATHS;
  const probe = (routePath: string, text: string): void => {
    const file = path.join(
      appDir,
      ...routePath.split('/').filter(Boolean),
      `route.${project.typescript ? 'ts' : 'js'}`,
    );
    if (moduleTextOf(file) === undefined) files.push({ file, create: text });
  };
  if (needs.probes?.liveness) probe(paths.liveness, livenessRoute(project));
  if (needs.probes?.readiness)
    probe(
      paths.readiness,
      readinessRoute(
        project,
        specifierFrom(path.join(appDir, ...paths.readiness.split('/').filter(Boolean), 'route.ts'), helper.file),
      ),
    );
  if (needs.probes?.liveness || needs.probes?.readiness)
    done.push(
      `add ${[needs.probes.liveness ? `GET ${paths.liveness}` : '', needs.probes.readiness ? `GET ${paths.readiness}` : ''].filter(Boolean).join(' and ')} route handlers`,
    );
  if (needs.metricsRoute && project.promClient) {
    probe('/metrics', metricsRoute(project, specifierFrom(path.join(appDir, 'metrics', 'route.ts'), helper.file)));
    done.push('serve GET /metrics');
  }
  if (files.length === 0) return undefined;
  if (!helper.exists) files.unshift({ file: helper.file, create: helperModule(project) });
  return {
    description: `${capitalized(done.join(', '))}${helper.exists ? '' : `, with ${path.relative(project.root, helper.file).split(path.sep).join('/')}`}`,
    files,
  };
}

/** The files the Next.js project fixes write, for a project of this shape (snippets, docs). */
export function nextTemplateFiles(
  target: { typescript: boolean; promClient: boolean; prefix?: string },
  helperSpecifier: string,
): { helper: string; liveness: string; readiness: string; metrics: string } {
  const project: NextProject = {
    root: '',
    base: '',
    typescript: target.typescript,
    promClient: target.promClient,
    prefix: target.prefix ?? 'app',
  };
  return {
    helper: helperModule(project),
    liveness: livenessRoute(project),
    readiness: readinessRoute(project, helperSpecifier),
    metrics: metricsRoute(project, helperSpecifier),
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `export async function GET(…) {…}` → `export const GET = timedRoute('/users/[id]', async function GET(…) {…});` and
 * `export const GET = handler` → `export const GET = timedRoute('/users/[id]', handler);`, plus the import.
 * Handlers exported by name from elsewhere (`export { GET } from './shared'`) are left as they are.
 */
function wrapRouteFile(
  file: string,
  routes: readonly RouteModel[],
  helper: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): TextChange[] {
  // The model has just read these route files: their parse is cached (a code-action request must not re-parse them).
  const text = moduleTextOf(file);
  const program = parseModule(file, languageOptions);
  if (!text || !program) return [];
  const template = routes[0].path;
  const methods = new Set(routes.map((route) => route.method));
  const quoted = `'${template.replace(/['\\]/g, '\\$&')}'`;
  const changes: TextChange[] = [];
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || !statement.declaration) continue;
    const declaration = statement.declaration;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && methods.has(declaration.id.name)) {
      const asyncStart = declaration.range[0];
      changes.push({ range: [asyncStart, asyncStart], text: `const ${declaration.id.name} = ${WRAPPER}(${quoted}, ` });
      changes.push({ range: [declaration.range[1], declaration.range[1]], text: ');' });
    }
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (
          declarator.id.type !== AST_NODE_TYPES.Identifier ||
          !methods.has(declarator.id.name) ||
          !declarator.init ||
          isWrapped(declarator.init)
        )
          continue;
        changes.push({ range: [declarator.init.range[0], declarator.init.range[0]], text: `${WRAPPER}(${quoted}, ` });
        changes.push({ range: [declarator.init.range[1], declarator.init.range[1]], text: ')' });
      }
    }
  }
  if (changes.length === 0) return [];
  const declared = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration)
      for (const specifier of statement.specifiers) declared.add(specifier.local.name);
  }
  const imports = importEdits(
    { body: program.body, text, declared },
    { style: 'esm', typescript: /\.tsx?$/.test(file) },
    [{ module: specifierFrom(file, helper), named: [WRAPPER] }],
  );
  return [...imports, ...changes].sort((a, b) => a.range[0] - b.range[0]);
}

function isWrapped(init: TSESTree.Expression): boolean {
  return (
    init.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === WRAPPER
  );
}

function typed(project: NextProject, ts: string, js = ''): string {
  return project.typescript ? ts : js;
}

/**
 * The helper module: request IDs (a valid incoming X-Request-ID kept, else a new UUID; echoed; `getRequestId()`
 * inside the handler through AsyncLocalStorage), request timing (a histogram with the route template, or the
 * duration in the request log line), readiness checks, `timed(operation, fn)`. Its state lives on `globalThis`:
 * each route, the probes and `instrumentation.ts` are separate bundles, and `next dev` reloads modules.
 */
function helperModule(project: NextProject): string {
  const prom = project.promClient;
  const t = (ts: string, js = ''): string => typed(project, ts, js);
  const operationMetric = `${project.prefix}_operation_duration_seconds`;
  const stateType = [
    'interface ObservabilityState {',
    '  requestIds: AsyncLocalStorage<string>;',
    '  readinessChecks: Map<string, () => unknown>;',
    ...(prom
      ? [
          '  registry: Registry;',
          "  requestDuration: Histogram<'method' | 'route' | 'status_code'>;",
          "  operationDuration: Histogram<'operation' | 'outcome'>;",
        ]
      : []),
    '}',
    '',
  ];
  return [
    "import { AsyncLocalStorage } from 'node:async_hooks';",
    "import { randomUUID } from 'node:crypto';",
    ...(prom ? ["import { Histogram, Registry } from 'prom-client';"] : []),
    '',
    'const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;',
    'const READINESS_TIMEOUT_MS = 2000;',
    'const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];',
    '',
    ...(project.typescript ? stateType : []),
    '// Next.js bundles each route (and instrumentation.ts) separately, and `next dev` reloads modules: one shared state.',
    `const STATE_KEY${t(': unique symbol')} = Symbol.for('${STATE_KEY}');`,
    `const shared = globalThis${t(' as typeof globalThis & { [STATE_KEY]?: ObservabilityState }')};`,
    `const state${t(': ObservabilityState')} = (shared[STATE_KEY] ??= createState());`,
    '',
    `function createState()${t(': ObservabilityState')} {`,
    ...(prom
      ? [
          '  const registry = new Registry();',
          '  return {',
          `    requestIds: new AsyncLocalStorage${t('<string>')}(),`,
          `    readinessChecks: new Map${t('<string, () => unknown>')}(),`,
          '    registry,',
          '    requestDuration: new Histogram({',
          `      name: '${REQUEST_DURATION_METRIC}',`,
          "      help: 'Duration of HTTP requests in seconds, by method, route template and status code.',",
          `      labelNames: ['method', 'route', 'status_code']${t(' as const')},`,
          '      buckets: BUCKETS,',
          '      registers: [registry],',
          '    }),',
          '    operationDuration: new Histogram({',
          `      name: '${operationMetric}',`,
          "      help: 'Duration of timed operations (queries, outgoing calls) in seconds, by operation and outcome.',",
          `      labelNames: ['operation', 'outcome']${t(' as const')},`,
          '      buckets: BUCKETS,',
          '      registers: [registry],',
          '    }),',
          '  };',
        ]
      : [
          '  return {',
          `    requestIds: new AsyncLocalStorage${t('<string>')}(),`,
          `    readinessChecks: new Map${t('<string, () => unknown>')}(),`,
          '  };',
        ]),
    '}',
    '',
    ...(prom
      ? ['/** The registry `GET /metrics` serves. */', 'export const metricsRegistry = state.registry;', '']
      : []),
    '/** The id of the request being handled (inside a handler wrapped in timedRoute), for log lines and outgoing calls. */',
    `export function getRequestId()${t(': string | undefined')} {`,
    '  return state.requestIds.getStore();',
    '}',
    '',
    `function withRequestId(response${t(': Response')}, requestId${t(': string')})${t(': Response')} {`,
    '  try {',
    "    response.headers.set('X-Request-ID', requestId);",
    '    return response;',
    '  } catch {',
    '    // Immutable headers (Response.redirect()): answer with a copy.',
    '    const copy = new Response(response.body, response);',
    "    copy.headers.set('X-Request-ID', requestId);",
    '    return copy;',
    '  }',
    '}',
    '',
    '/**',
    " * Wraps a route handler: `export const GET = timedRoute('/users/[id]', async (request, context) => …)`. The request",
    ' * keeps a valid incoming X-Request-ID or gets a new one (never an invalid one echoed: header and log injection),',
    ` * runs with it (getRequestId()), answers with it, and is ${prom ? 'recorded in the request histogram by route template' : 'logged with its route template and duration'}.`,
    ' */',
    `export function ${WRAPPER}${t('<A extends unknown[]>')}(route${t(': string')}, handler${t(': (...args: A) => Response | Promise<Response>')})${t(': (...args: A) => Promise<Response>')} {`,
    `  return async (...args${t(': A')})${t(': Promise<Response>')} => {`,
    '    const request = args[0] instanceof Request ? args[0] : undefined;',
    "    const incoming = request?.headers.get('x-request-id');",
    '    const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();',
    "    const method = request?.method ?? 'GET';",
    '    const started = performance.now();',
    '    let status = 500;',
    '    try {',
    '      const response = await state.requestIds.run(requestId, () => handler(...args));',
    '      status = response.status;',
    '      return withRequestId(response, requestId);',
    '    } finally {',
    '      const seconds = (performance.now() - started) / 1000;',
    ...(prom ? ['      state.requestDuration.observe({ method, route, status_code: String(status) }, seconds);'] : []),
    "      console.info(JSON.stringify({ msg: 'request completed', request_id: requestId, method, route, status, duration_ms: Math.round(seconds * 1e6) / 1e3 }));",
    '    }',
    '  };',
    '}',
    '',
    timedFunction(
      { typescript: project.typescript, exported: 'export ' },
      prom
        ? { histogram: 'state.operationDuration' }
        : {
            log: (fields) =>
              `console.info(JSON.stringify({ msg: 'operation timed', request_id: getRequestId(), ${fields} }));`,
          },
    ),
    '',
    '// Call registerReadinessCheck from instrumentation.ts (register()): it runs once when the server starts.',
    readinessFunctions(
      { typescript: project.typescript, exportRegister: 'export ', exportCheck: 'export ' },
      'state.readinessChecks',
    ),
    '',
  ].join('\n');
}

const DYNAMIC =
  "// Answered on every request, never prerendered at build time.\nexport const dynamic = 'force-dynamic';\n";

/** A route file answering GET on every request: its imports, what it is, and the body of its handler. */
function getRoute(project: NextProject, doc: string, isAsync: boolean, body: string[], imported?: string): string {
  return [
    ...(imported ? [imported, ''] : []),
    DYNAMIC,
    `/** ${doc} */`,
    `export ${isAsync ? 'async ' : ''}function GET()${typed(project, isAsync ? ': Promise<Response>' : ': Response')} {`,
    ...body.map((line) => `  ${line}`),
    '}',
    '',
  ].join('\n');
}

function livenessRoute(project: NextProject): string {
  return getRoute(project, 'Liveness: the process answers. Dependency checks belong in the readiness probe.', false, [
    "return Response.json({ status: 'ok' });",
  ]);
}

function readinessRoute(project: NextProject, helper: string): string {
  return getRoute(
    project,
    'Readiness: 200 while every registered check passes, 503 (with the failed checks by name) otherwise.',
    true,
    [
      'const readiness = await checkReadiness();',
      "return Response.json({ status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks }, { status: readiness.ready ? 200 : 503 });",
    ],
    `import { checkReadiness } from '${helper}';`,
  );
}

function metricsRoute(project: NextProject, helper: string): string {
  return getRoute(
    project,
    'The Prometheus scrape: the request and operation histograms.',
    true,
    [
      "return new Response(await metricsRegistry.metrics(), { headers: { 'Content-Type': metricsRegistry.contentType } });",
    ],
    `import { metricsRegistry } from '${helper}';`,
  );
}
