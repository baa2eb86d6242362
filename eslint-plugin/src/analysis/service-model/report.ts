import * as path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { findProjectRoot, forgetLintedFile, moduleTextOf, parseModule } from '../modules';
import { parseErrorOf } from '../parsed-modules';
import { projectSourceFiles } from '../project-scan';
import { missingProbes, routeCoverage, routesWithoutRequestId, servesMetrics, untimedRoutes } from './coverage';
import { defaultLanguageOptions, serviceModelOfProject } from './index';
import { appsCreatedIn, DEFAULT_EXEMPT_PATHS, matchesPathList, routesOfApp } from './lint';
import type { Framework, RouteModel, ScopeModel, ServiceModel } from './types';

/**
 * The route report: per service, its probes and metrics endpoint, and per route whether it is logged, gets a request
 * ID and is timed. It is a view of the service model, judged by the very predicates of `coverage.ts` the four service
 * rules call, with the rules' default options — the report and the rules cannot disagree (a test lints every
 * fixture service and compares). `observability-lint report` prints it; the language server answers
 * `observability/serviceReport` with it.
 *
 * The JSON is stable: fields may be added, never renamed or given another meaning without a new `version`.
 */
export const ROUTE_REPORT_VERSION = 1;

export interface RouteReport {
  version: typeof ROUTE_REPORT_VERSION;
  /** Services (apps) by app file and line. */
  services: ServiceReport[];
  /** Source files that could not be read or parsed: their apps and routes may be missing from the report. */
  problems: ReportProblem[];
}

export interface ServiceReport {
  framework: Framework;
  /** How the code names the app (`app`, `fastify`, `AppModule`). */
  name: string;
  /** The file that creates the app, relative to the report's directory, `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** A liveness and a readiness endpoint answer (as `require-health-endpoints` judges; a probe library counts). */
  health: { liveness: boolean; readiness: boolean };
  /** Some GET route serves `/metrics`. */
  metricsEndpoint: boolean;
  routes: RouteReportEntry[];
}

export interface RouteReportEntry {
  method: string;
  /** The full path template from the app root (`/api/users/:id`). */
  path: string;
  file: string;
  line: number;
  /** Request logging covers it (`require-route-logging`). */
  logged: boolean;
  /** A request ID is set for it (`require-correlation-id`). */
  requestId: boolean;
  /** Its requests are timed, by a metric where the rule requires one (`require-request-timing`). */
  timed: boolean;
  /** A probe or the metrics scrape (`/health`, `/metrics`…): the rules require nothing of it by default. */
  exempt: boolean;
}

export interface ReportProblem {
  file: string;
  message: string;
}

export interface RouteReportOptions {
  /** Parser for the sources; by default typescript-eslint's when installed, else typescript-estree's. */
  languageOptions?: TSESLint.FlatConfig.LanguageOptions;
  /** Called after each project is analysed (the CLI shows progress on large repositories). */
  onProgress?: (done: number, total: number, project: string) => void;
}

/**
 * The report of every service under `dir`. Each source file belongs to the project `findProjectRoot` gives it (as
 * when a rule lints it); each project's model comes from the analysis host's cache, so the language server's report
 * reflects unsaved buffers and rebuilds only what changed.
 */
export function buildRouteReport(dir: string, options: RouteReportOptions = {}): RouteReport {
  const base = path.resolve(dir);
  const languageOptions = options.languageOptions ?? reportLanguageOptions();
  const relative = (file: string): string => path.relative(base, file).split(path.sep).join('/');
  const projects = new Map<string, string[]>();
  for (const file of projectSourceFiles(base)) {
    const root = findProjectRoot(file);
    const files = projects.get(root) ?? [];
    files.push(file);
    projects.set(root, files);
  }
  const services: ServiceReport[] = [];
  const problems: ReportProblem[] = [];
  let done = 0;
  for (const [root, files] of [...projects].sort(([a], [b]) => a.localeCompare(b))) {
    // Outside a lint every file is read from the editor's buffers or the disk (a lint leaves its file's text behind).
    forgetLintedFile(root);
    problems.push(
      ...unreadable(files, languageOptions).map(({ file, message }) => ({ file: relative(file), message })),
    );
    const model = serviceModelOfProject(root, languageOptions);
    const here = new Set(files.map((file) => path.relative(root, file).split(path.sep).join('/')));
    const appFiles = [
      ...new Set(
        model.scopes
          .filter((scope) => scope.kind === 'app' && here.has(scope.location.file))
          .map((scope) => scope.location.file),
      ),
    ];
    for (const appFile of appFiles) {
      for (const app of appsCreatedIn(model, path.join(root, appFile)))
        services.push(serviceReport(model, app, relative));
    }
    options.onProgress?.(++done, projects.size, root);
  }
  services.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { version: ROUTE_REPORT_VERSION, services, problems };
}

/**
 * One app judged as the service rules judge it with their default options. Exempt routes (probes, the scrape) are
 * judged too, by the same predicates with no exemptions, and marked `exempt`: for every other route the verdicts
 * are exactly the rules'.
 */
export function serviceReport(
  model: ServiceModel,
  app: ScopeModel,
  relative: (absolute: string) => string,
): ServiceReport {
  const withoutRequestId = new Set(routesWithoutRequestId(model, app, { exemptPaths: [] }).map(({ route }) => route));
  const untimed = new Set(untimedRoutes(model, app, { exemptPaths: [] })?.untimed ?? []);
  const missing = missingProbes(model, app, {});
  const fileOf = (location: { file: string }): string => relative(path.join(model.root, location.file));
  const entry = (route: RouteModel): RouteReportEntry => ({
    method: route.method,
    path: route.path || '/',
    file: fileOf(route.location),
    line: route.location.line,
    logged: routeCoverage(model, route, 'request-logging').covered,
    requestId: !withoutRequestId.has(route),
    timed: !untimed.has(route),
    exempt: matchesPathList(route.path, DEFAULT_EXEMPT_PATHS),
  });
  return {
    framework: app.framework,
    name: app.name,
    file: fileOf(app.location),
    line: app.location.line,
    health: { liveness: !missing?.liveness, readiness: !missing?.readiness },
    metricsEndpoint: servesMetrics(model, app),
    routes: routesOfApp(model, app).map(entry),
  };
}

/** Source files that cannot be read, or do not parse as the analysis parses them. */
function unreadable(files: readonly string[], languageOptions: TSESLint.FlatConfig.LanguageOptions): ReportProblem[] {
  const problems: ReportProblem[] = [];
  for (const file of files) {
    const text = moduleTextOf(file);
    if (text === undefined) problems.push({ file, message: 'could not be read' });
    else if (!parseModule(file, languageOptions))
      problems.push({
        file,
        message: `could not be parsed: ${parseErrorOf(file, text, languageOptions) ?? 'unknown error'}`,
      });
  }
  return problems;
}

export interface CoverageCounts {
  /** Routes the rules judge (exempt ones left out). */
  routes: number;
  logged: number;
  requestId: number;
  timed: number;
}

/** Judged routes and how many of them are covered, for one service or several. */
export function coverageCounts(services: readonly ServiceReport[]): CoverageCounts {
  const judged = services.flatMap((service) => service.routes.filter((route) => !route.exempt));
  return {
    routes: judged.length,
    logged: judged.filter((route) => route.logged).length,
    requestId: judged.filter((route) => route.requestId).length,
    timed: judged.filter((route) => route.timed).length,
  };
}

/** `covered` of `total` as a whole percentage (100 when there is nothing to cover). */
export function percent(covered: number, total: number): number {
  return total === 0 ? 100 : Math.floor((covered * 100) / total);
}

/**
 * typescript-eslint's parser when it can be loaded (what `analyzeService` uses), else typescript-estree (a
 * dependency of the plugin) behind a parser's `parse`: an install of the plugin alone still reads TypeScript.
 */
export function reportLanguageOptions(): TSESLint.FlatConfig.LanguageOptions {
  const options = defaultLanguageOptions();
  return options.parser
    ? options
    : { parser: TYPESCRIPT_ESTREE_PARSER, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
}

const TYPESCRIPT_ESTREE_PARSER = {
  meta: { name: 'typescript-estree' },
  parse(code: string, options: Record<string, unknown> = {}): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@typescript-eslint/typescript-estree') as {
      parse: (code: string, options: Record<string, unknown>) => unknown;
    };
    const jsx = (options.ecmaFeatures as { jsx?: boolean } | undefined)?.jsx ?? false;
    return parse(code, { ...options, jsx, loc: true, jsDocParsingMode: 'none' });
  },
};
