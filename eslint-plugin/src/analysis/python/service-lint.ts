import * as path from 'node:path';
import { importsOf } from '../../languages/python/imports';
import type { PyNode } from '../../languages/python/nodes';
import { analysisHostFor } from '../host';
import { DEFAULT_EXEMPT_PATHS, endsWithPath, matchesPathList } from '../service-model/queries';
import { isTestOrScriptPath } from '../test-files';
import type { PythonModule, PythonProjects } from './projects';
import type { PyRole } from './request-roles';
import {
  PythonServiceModelBuilder,
  type PyApp,
  type PyMiddleware,
  type PyRoute,
  type PyServiceModel,
} from './service-model';

/** What the Python halves of the service rules ask of the model of the linted file's project. */

interface LintedPython {
  filename: string;
  sourceCode: { text: string; ast: PyNode };
}

/** One model per linted tree and mode: the four service rules ask for the same file in the same pass. */
const modelsOfTree = new WeakMap<PyNode, Map<string, PyServiceModel | undefined>>();

/**
 * The service model of the linted file's project (the file read as ESLint sees it). With `routersAlone`, routers of
 * the linted file that no app includes are in it too, with no app. A gap in the analysis must not fail the lint
 * run: an internal error yields no model (rethrown under OBSERVABILITY_LINT_DEBUG, for tests).
 */
export function pythonServiceModel(context: LintedPython, routersAlone = false): PyServiceModel | undefined {
  const { filename, sourceCode } = context;
  if (!path.isAbsolute(filename) || filename.endsWith('.pyi')) return undefined;
  const key = routersAlone ? 'alone' : 'apps';
  let perTree = modelsOfTree.get(sourceCode.ast);
  if (!perTree) modelsOfTree.set(sourceCode.ast, (perTree = new Map<string, PyServiceModel | undefined>()));
  if (perTree.has(key)) return perTree.get(key);
  let model: PyServiceModel | undefined;
  try {
    const projects = analysisHostFor(filename).python;
    const root = projects.rootOf(filename);
    // Tests and scripts create apps to exercise a service, not to run one; a module that declares no app and no
    // route has nothing these rules report.
    if (isPythonTestOrScript(path.relative(root, filename)) || !mayDeclareService(sourceCode.text)) {
      perTree.set(key, undefined);
      return undefined;
    }
    const linted: PythonModule = {
      file: filename,
      text: sourceCode.text,
      module: sourceCode.ast,
      imports: importsOf(sourceCode.ast),
    };
    model = new PythonServiceModelBuilder(projects, root, linted).build({
      routersOfLintedFile: routersAlone,
    });
  } catch (error) {
    if (process.env.OBSERVABILITY_LINT_DEBUG) throw error;
  }
  perTree.set(key, model);
  return model;
}

const PYTHON_TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;

/** A test, fixture or script of a Python project (`relative` to its root): its apps are not services. */
export function isPythonTestOrScript(relative: string): boolean {
  const normalised = relative.split(path.sep).join('/');
  return isTestOrScriptPath(normalised) || PYTHON_TEST_FILE.test(normalised);
}

/** Text that may create an app or declare a route: the only modules the service rules report in. */
const SERVICE_TEXT =
  /\b(FastAPI|Starlette)\s*\(|@[\w.]+\.(get|post|put|patch|delete|head|options|trace|api_route|route)\s*\(|\b(add_api_route|add_route)\s*\(|\bRoute\s*\(/;

function mayDeclareService(text: string): boolean {
  return SERVICE_TEXT.test(text);
}

/** The root apps (not mounted in another app) created in `file`, whose coverage the analysis can see. */
export function pythonAppsCreatedIn(model: PyServiceModel, file: string): PyApp[] {
  return model.apps.filter((app) => app.file === file && !app.mountedIn && !app.opaque);
}

/** The routes a request to `app` can reach. */
export function routesOfPythonApp(model: PyServiceModel, app: PyApp): PyRoute[] {
  return model.routes.filter((route) => route.apps[0] === app);
}

/** A middleware named in a rule's options: by its name as written, its last part, its qualified name or package. */
export function isDeclaredMiddleware(middleware: PyMiddleware, declared: ReadonlySet<string>): boolean {
  if (declared.size === 0) return false;
  const names = [middleware.name, middleware.name.split('.').pop() ?? '', middleware.qualified ?? ''];
  if (middleware.qualified)
    names.push(middleware.qualified.split('.')[0] ?? '', middleware.qualified.split('.').pop() ?? '');
  return names.some((name) => name !== '' && declared.has(name));
}

export interface PyCoverage {
  covered: boolean;
  by?: string;
  reason?: string;
}

/** Whether a request to `route` passes through something with `role`; `declared` names middleware that has it. */
export function pythonRouteCoverage(
  route: PyRoute,
  role: PyRole,
  declared: ReadonlySet<string> = new Set(),
): PyCoverage {
  if (role === 'request-logging' && route.handlerLogs) return { covered: true, by: 'its handler' };
  const middleware = [...route.apps.flatMap((app) => app.middleware), ...route.layers];
  const by = middleware.find((each) => each.roles.includes(role) || isDeclaredMiddleware(each, declared));
  if (by) return { covered: true, by: by.name };
  return { covered: false, reason: uncoveredReason(route, role) };
}

function uncoveredReason(route: PyRoute, role: PyRole): string {
  if (role === 'request-logging')
    return route.apps.length === 0
      ? 'its handler does not log, and no app that includes this router is visible'
      : "no middleware logs requests and its handler does not (uvicorn's access log does not count: it has no duration or request ID and can be turned off)";
  if (role === 'correlation-id')
    return "no request-ID middleware (asgi-correlation-id, or one that reads or sets X-Request-ID) covers them; uvicorn's access log carries no request ID";
  return `nothing with the role ${role} covers it`;
}

/** The routes of `app` a rule judges: probes and scrapes exempt, none when a declared middleware does the job. */
export function judgedPythonRoutes(
  model: PyServiceModel,
  app: PyApp,
  exempt: readonly string[],
  declared: ReadonlySet<string>,
): PyRoute[] {
  const routes = routesOfPythonApp(model, app).filter((route) => !matchesPathList(route.path, exempt));
  if (routes.length === 0) return [];
  const apps = new Set(routes.flatMap((route) => route.apps));
  const layers = routes.flatMap((route) => route.layers);
  const declaredHere = [...[...apps].flatMap((each) => each.middleware), ...layers].some((middleware) =>
    isDeclaredMiddleware(middleware, declared),
  );
  return declaredHere ? [] : routes;
}

/** `a, b, c, …` for messages. */
export function pythonExamples(routes: readonly PyRoute[], max = 3): string {
  const shown = routes.slice(0, max).map((route) => `${route.method} ${route.path || '/'}`);
  return shown.join(', ') + (routes.length > max ? ', …' : '');
}

/** Paths `app` serves: its routes' full paths and metrics endpoints outside the routes. */
export function servedPythonPaths(model: PyServiceModel, app: PyApp): Set<string> {
  const routes = routesOfPythonApp(model, app);
  const apps = new Set([app, ...routes.flatMap((route) => route.apps)]);
  return new Set([...routes.map((route) => route.path || '/'), ...[...apps].flatMap((each) => each.metricsPaths)]);
}

/** Some GET route (or a metrics endpoint) of the app serves `/metrics`. */
export function servesPythonMetrics(model: PyServiceModel, app: PyApp): boolean {
  return [...servedPythonPaths(model, app)].some((served) => endsWithPath(served, ['/metrics']));
}

/** The probe paths the app answers: GET and HEAD routes, and middleware that answers a path itself. */
export function answeredProbePaths(model: PyServiceModel, app: PyApp): string[] {
  const routes = routesOfPythonApp(model, app);
  const apps = new Set([app, ...routes.flatMap((route) => route.apps)]);
  return [
    ...routes.filter((route) => route.method === 'GET' || route.method === 'HEAD').map((route) => route.path),
    ...[...apps].flatMap((each) => each.middleware.flatMap((middleware) => middleware.answers)),
  ];
}

const STRUCTLOG_IMPORT = /^[ \t]*(import|from)[ \t]+structlog\b/m;
const LOGURU_IMPORT = /^[ \t]*(import|from)[ \t]+loguru\b/m;
/** prometheus_client, or a package built on it (which installs it). */
const PROMETHEUS_IMPORT =
  /^[ \t]*(import|from)[ \t]+(prometheus_client|prometheus_fastapi_instrumentator|starlette_exporter|starlette_prometheus)\b/m;
const GLOBAL_INSTRUMENTATION = /\bFastAPIInstrumentor\(\s*\)\s*\.instrument\(\s*\)/;
const OTEL_METRICS_IMPORT = /^[ \t]*(import|from)[ \t]+opentelemetry(\.sdk)?\.metrics\b/m;

export interface PythonProjectFacts {
  logger: 'structlog' | 'loguru' | 'logging';
  /** The metrics library the project uses or declares (prometheus_client, OpenTelemetry metrics). */
  metricsLibrary?: 'prometheus_client' | 'opentelemetry';
  prometheusClient: boolean;
  /** OpenTelemetry's FastAPI/ASGI instrumentation is a dependency: it records request durations by itself. */
  httpInstrumentation: boolean;
  /** `FastAPIInstrumentor().instrument()`: every FastAPI app of the process is instrumented (durations recorded). */
  everyAppInstrumented: boolean;
}

/** What the project uses, from the imports of its modules and its dependency manifests. */
export function pythonProjectFacts(model: PyServiceModel, lintedFile: string, lintedText: string): PythonProjectFacts {
  const projects = analysisHostFor(lintedFile).python;
  const texts = [lintedText, ...otherTexts(projects, model.root, lintedFile)];
  const imports = (pattern: RegExp): boolean => texts.some((text) => pattern.test(text));
  const declares = (name: string): boolean => projects.declares(model.root, name);
  const prometheusClient = imports(PROMETHEUS_IMPORT) || declares('prometheus-client');
  const otel =
    imports(OTEL_METRICS_IMPORT) || declares('opentelemetry-sdk') || declares('opentelemetry-exporter-prometheus');
  return {
    logger: imports(STRUCTLOG_IMPORT) ? 'structlog' : imports(LOGURU_IMPORT) ? 'loguru' : 'logging',
    ...(prometheusClient
      ? { metricsLibrary: 'prometheus_client' as const }
      : otel
        ? { metricsLibrary: 'opentelemetry' as const }
        : {}),
    prometheusClient,
    everyAppInstrumented: imports(GLOBAL_INSTRUMENTATION),
    httpInstrumentation: [
      'opentelemetry-instrumentation-fastapi',
      'opentelemetry-instrumentation-asgi',
      'opentelemetry-instrumentation-starlette',
    ].some(declares),
  };
}

function otherTexts(projects: PythonProjects, root: string, lintedFile: string): string[] {
  return projects.files(root).flatMap((file) => {
    if (file === lintedFile) return [];
    const text = projects.text(file);
    return text === undefined ? [] : [text];
  });
}

/**
 * The paths the Python halves exempt by default: the JavaScript rules' list, and the health checks Python services
 * spell as one word or with a separator (`/healthcheck`, FastAPI's full-stack template's `/utils/health-check/`).
 */
export const PYTHON_DEFAULT_EXEMPT_PATHS = [...DEFAULT_EXEMPT_PATHS, '/healthcheck', '/health-check', '/health_check'];
