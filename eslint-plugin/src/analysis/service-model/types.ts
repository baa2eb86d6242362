/**
 * The service model: a framework-neutral description of a service's apps, routers, mounts, middleware and
 * routes, as plain JSON. `analyzeService()` returns it; the route rules, the route report and editor views
 * read it. Version it when a field changes meaning.
 */
export const SERVICE_MODEL_VERSION = 1;

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs';

/**
 * What a middleware, hook, interceptor or option does for observability. `timing` measures request durations
 * (logged or recorded); `metrics` records them in a metric (a histogram); `health` answers a liveness probe and
 * `readiness` a readiness probe.
 */
export type MiddlewareRole =
  'request-logging' | 'correlation-id' | 'timing' | 'metrics' | 'health' | 'readiness' | 'error-handling';

export interface SourceLocation {
  /** Path relative to the model's root, with `/` separators. */
  file: string;
  line: number;
  column: number;
}

export interface MiddlewareModel {
  /** How the code names it: `pinoHttp()`, `morgan('dev')`, `requestLogger`, `LoggingInterceptor`. */
  name: string;
  roles: MiddlewareRole[];
  /** The package it comes from, when it is a known package. */
  package?: string;
  /** Paths it answers itself, without a route (`if (ctx.path === '/health') ctx.body = …`). */
  answers?: string[];
  /** Only requests under this path prefix pass through it (`app.use('/admin', mw)`). */
  path?: string;
  /** Registration order within its app or router (source order; mounts and routes share the sequence). */
  order: number;
  /** Fastify: a hook or plugin that applies to the parent context (wrapped in `fastify-plugin`). */
  global?: boolean;
  location: SourceLocation;
}

export interface MountModel {
  /** Prefix the mounted router's routes get (`''` for none). */
  path: string;
  /** The router or plugin mounted. */
  target: string;
  order: number;
  location: SourceLocation;
}

export interface AppOptions {
  /** Fastify `logger`/`loggerInstance` is on (request logs for every route). */
  frameworkRequestLogging?: boolean;
  /** Fastify `disableRequestLogging: true`. */
  requestLoggingDisabled?: boolean;
  /** Fastify `genReqId` / `requestIdHeader`, pino-http `genReqId`. */
  requestId?: boolean;
}

export interface ScopeModel {
  /** Stable within one model: `<file>#<line>:<column>`. */
  id: string;
  kind: 'app' | 'router' | 'plugin' | 'controller' | 'module';
  framework: Framework;
  name: string;
  /** For routers created with a prefix (`new Router({ prefix })`, `basePath()`, `@Controller('users')`). */
  prefix?: string;
  /** Fastify plugins are encapsulated unless wrapped in `fastify-plugin`. */
  encapsulated?: boolean;
  options: AppOptions;
  middleware: MiddlewareModel[];
  mounts: MountModel[];
  location: SourceLocation;
}

export interface RouteModel {
  method: string;
  /** Full path template from the app root: mount prefixes joined (`/api/users/:id`). */
  path: string;
  /** The app, router, plugin or controller that declares it. */
  scope: string;
  order: number;
  /** The handler chain as written, for reports. */
  handlers: string[];
  /** The handler chain itself logs (a log call, same-file helpers two levels deep, or a logging wrapper). */
  handlerLogs: boolean;
  /** Fastify: the handler logs only through the framework's logger (`request.log`, `fastify.log`), silent while it is off. */
  handlerLogsThroughFramework?: true;
  /**
   * What a wrapper around the handler does for every request (`export const GET = timedRoute('/users', h)`):
   * Next.js route handlers have no middleware chain of their own.
   */
  handlerRoles?: MiddlewareRole[];
  /** Fastify route `logLevel` below `info` silences the framework's request log for it. */
  silenced?: boolean;
  location: SourceLocation;
  /**
   * The scopes a request passes through, from the app to the route's own scope: in each, what was
   * registered before `before` (a mount's or the route's order) runs first; `prefix` is the path there.
   */
  chain: Array<{ scope: string; before: number; prefix: string }>;
}

export interface ServiceModel {
  version: typeof SERVICE_MODEL_VERSION;
  /** Absolute path the locations are relative to. */
  root: string;
  scopes: ScopeModel[];
  routes: RouteModel[];
  /** Files read to build the model, relative to root. */
  files: string[];
}
