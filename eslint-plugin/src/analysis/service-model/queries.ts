import * as path from 'node:path';
import { PureMemo } from '../../util/memo';
import type { RouteModel, ScopeModel, ServiceModel } from './types';

/** Questions about a built service model, shared by the rules, coverage and the route report. */

/** Probes and the metrics scrape: no request log, request ID or timing is required for them by default. */
export const DEFAULT_EXEMPT_PATHS = ['/health', '/healthz', '/livez', '/readyz', '/ready', '/metrics'];

/** A path of the model (relative to its root, `/` separators) for an absolute file. */
export function modelRelative(model: ServiceModel, file: string): string {
  return path.relative(model.root, file).split(path.sep).join('/');
}

/** The apps (not routers) created in `file`: where the service rules report and insert. */
export function appsCreatedIn(model: ServiceModel, file: string): ScopeModel[] {
  const relative = modelRelative(model, file);
  const apps = model.scopes.filter((scope) => scope.kind === 'app' && scope.location.file === relative);
  // One factory called by two services makes two apps at one place: report there once, for the one with most routes.
  const byPlace = new Map<string, ScopeModel>();
  for (const app of apps) {
    const place = `${app.location.line}:${app.location.column}`;
    const kept = byPlace.get(place);
    if (!kept || routesOfApp(model, app).length > routesOfApp(model, kept).length) byPlace.set(place, app);
  }
  return apps.filter((app) => byPlace.get(`${app.location.line}:${app.location.column}`) === app);
}

/** Every route a request to `app` can reach, mounted routers and controllers included. */
export function routesOfApp(model: ServiceModel, app: ScopeModel): RouteModel[] {
  return model.routes.filter((route) => (route.chain[0]?.scope ?? route.scope) === app.id);
}

/** The scopes a request to `app` can pass through: the app, its routers, plugins and controllers. */
export function scopesOfApp(model: ServiceModel, app: ScopeModel): ScopeModel[] {
  const ids = new Set<string>([app.id]);
  for (const route of routesOfApp(model, app)) for (const step of route.chain) ids.add(step.scope);
  return model.scopes.filter((scope) => ids.has(scope.id));
}

/** `/health` matches `/health`, `/health/ready`, and the same under a prefix (`/api/health`). */
export function matchesPathList(routePath: string, paths: readonly string[]): boolean {
  return paths.some((entry) => pathEntryPatterns.get(entry).test(routePath));
}

/** Compiled once per entry: every route of every linted file is checked against the exempt list. */
const pathEntryPatterns = new PureMemo<RegExp>((entry) => {
  const segment = entry.replace(/^\/+|\/+$/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|/)${segment}(/|$)`);
}, 1000);

/** The path is exactly one of `paths`, possibly under a prefix (`/api/health` for `/health`), trailing slash ignored. */
export function endsWithPath(routePath: string, paths: readonly string[]): boolean {
  const normalized = routePath.replace(/\/+$/, '') || '/';
  return paths.some((entry) => normalized === entry || normalized.endsWith(entry));
}

/**
 * The routes of `app` a service rule judges (probes and scrapes exempt), or none when the user declared one of
 * the app's middleware (by name, for packages the analysis does not know) as doing the job.
 */
export function judgedRoutes(
  model: ServiceModel,
  app: ScopeModel,
  exempt: readonly string[],
  declaredMiddleware: ReadonlySet<string>,
): RouteModel[] {
  const routes = routesOfApp(model, app).filter((route) => !matchesPathList(route.path, exempt));
  if (routes.length === 0) return [];
  const declared = scopesOfApp(model, app).some((scope) =>
    scope.middleware.some((middleware) => declaredMiddleware.has(middleware.name.replace(/\(.*$/s, ''))),
  );
  return declared ? [] : routes;
}

const routeIndex = new WeakMap<ServiceModel, Map<string, RouteModel[]>>();

/** The routes declared in `file` (model-relative), indexed once per model: every linted file asks. */
export function routesDeclaredIn(model: ServiceModel, file: string): RouteModel[] {
  let index = routeIndex.get(model);
  if (!index) {
    index = new Map();
    for (const route of model.routes) {
      const list = index.get(route.location.file) ?? [];
      list.push(route);
      index.set(route.location.file, list);
    }
    routeIndex.set(model, index);
  }
  return index.get(file) ?? [];
}
