import { exportKeyword, InsertionRank, typed, type ServiceInsertion } from './service-insertion';
import type { ServiceProfile } from './service-profile';

/** Where the inserted probes answer (the first of the rule's configured paths). */
export interface ProbePaths {
  liveness: string;
  readiness: string;
}

export const DEFAULT_PROBE_PATHS: ProbePaths = { liveness: '/health', readiness: '/health/ready' };

export type { MissingProbes } from '../analysis/service-model/coverage';
import type { MissingProbes } from '../analysis/service-model/coverage';

/**
 * Health probes. `GET /health` answers 200 `{ "status": "ok" }` and checks nothing (a liveness probe that checks a
 * database restarts healthy pods when the database is down). `GET /health/ready` runs the checks registered with
 * `registerReadinessCheck(name, check)`, each with a timeout, and answers 200 `{ "status": "ready", "checks" }` or
 * 503 `{ "status": "not_ready", "checks" }`. Both are registered before routes and auth, kept out of request logs
 * (Fastify `logLevel: 'silent'`) and of the request histogram.
 */
export function healthInsertion(
  profile: ServiceProfile,
  missing: MissingProbes,
  paths: ProbePaths = DEFAULT_PROBE_PATHS,
): ServiceInsertion | undefined {
  if (profile.framework === 'nestjs' && !profile.typescript) return undefined;
  const code = registrationsFor(profile, missing, quoted(paths.liveness), quoted(paths.readiness));
  if (!code) return undefined;
  return {
    rank: InsertionRank.Health,
    imports:
      profile.framework === 'nestjs'
        ? [{ module: 'node:http', named: ['IncomingMessage', 'ServerResponse'], typeOnly: true }]
        : [],
    declarations: missing.readiness ? [readinessDeclarations(profile)] : [],
    registrations: code.map((text) => text.replace(/\$app\b/g, profile.app)),
    declares: missing.readiness
      ? ['READINESS_TIMEOUT_MS', 'readinessChecks', 'registerReadinessCheck', 'checkReadiness']
      : [],
    exported: missing.readiness ? ['registerReadinessCheck'] : [],
  };
}

function readinessDeclarations(profile: ServiceProfile): string {
  return [
    'const READINESS_TIMEOUT_MS = 2000;',
    `const readinessChecks = new Map${typed(profile, '<string, () => unknown>')}();`,
    '',
    readinessFunctions(
      { typescript: profile.typescript, exportRegister: exportKeyword(profile), exportCheck: '' },
      'readinessChecks',
    ),
  ].join('\n');
}

/** How the readiness functions are declared: TypeScript or not, and the `export ` keyword each gets (or ''). */
export interface ReadinessTarget {
  typescript: boolean;
  exportRegister: string;
  exportCheck: string;
}

/**
 * `registerReadinessCheck(name, check)` and `checkReadiness()` over the checks held in `checks` (a Map expression),
 * each check run with READINESS_TIMEOUT_MS. Shared by the app templates and the Next.js helper module.
 */
export function readinessFunctions(target: ReadinessTarget, checks: string): string {
  const t = (ts: string): string => (target.typescript ? ts : '');
  return [
    '/** Registers a dependency check for `GET /health/ready` (a database ping, a broker connection): it fails by throwing or rejecting. */',
    `${target.exportRegister}function registerReadinessCheck(name${t(': string')}, check${t(': () => unknown')})${t(': void')} {`,
    `  ${checks}.set(name, check);`,
    '}',
    '',
    '/** Runs every readiness check with a timeout; ready only when all pass. Failures are reported by name, without details. */',
    `${target.exportCheck}async function checkReadiness()${t(': Promise<{ ready: boolean; checks: Record<string, string> }>')} {`,
    '  const results = await Promise.all(',
    `    [...${checks}].map(async ([name, check])${t(': Promise<[string, string]>')} => {`,
    `      let timer${t(': ReturnType<typeof setTimeout> | undefined')};`,
    `      const timeout = new Promise${t('<string>')}((resolve) => {`,
    "        timer = setTimeout(() => resolve('timeout'), READINESS_TIMEOUT_MS);",
    '      });',
    '      try {',
    "        return [name, await Promise.race([Promise.resolve().then(check).then(() => 'ok'), timeout])];",
    '      } catch {',
    "        return [name, 'failed'];",
    '      } finally {',
    '        clearTimeout(timer);',
    '      }',
    '    }),',
    '  );',
    "  return { ready: results.every(([, status]) => status === 'ok'), checks: Object.fromEntries(results) };",
    '}',
  ].join('\n');
}

const READY_BODY = "{ status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks }";

/** A path as a single-quoted string literal. */
function quoted(path: string): string {
  return `'${path.replace(/['\\]/g, '\\$&')}'`;
}

function registrationsFor(
  profile: ServiceProfile,
  missing: MissingProbes,
  live: string,
  ready: string,
): string[] | undefined {
  const pick = (liveness: string, readiness: string): string[] => [
    ...(missing.liveness ? [liveness] : []),
    ...(missing.readiness ? [readiness] : []),
  ];
  switch (profile.framework) {
    case 'express':
      return pick(
        [`$app.get(${live}, (_req, res) => {`, "  res.json({ status: 'ok' });", '});'].join('\n'),
        [
          `$app.get(${ready}, (_req, res, next) => {`,
          '  checkReadiness().then((readiness) => {',
          `    res.status(readiness.ready ? 200 : 503).json(${READY_BODY});`,
          '  }, next);',
          '});',
        ].join('\n'),
      );
    case 'fastify':
      return pick(
        `$app.get(${live}, { logLevel: 'silent' }, async () => ({ status: 'ok' }));`,
        [
          `$app.get(${ready}, { logLevel: 'silent' }, async (_request, reply) => {`,
          '  const readiness = await checkReadiness();',
          `  return reply.code(readiness.ready ? 200 : 503).send(${READY_BODY});`,
          '});',
        ].join('\n'),
      );
    case 'koa':
      // Middleware, so that no router is needed; it answers before the routers and the request log.
      return [
        [
          '$app.use(async (ctx, next) => {',
          ...(missing.liveness
            ? [
                `  if (ctx.method === 'GET' && ctx.path === ${live}) {`,
                "    ctx.body = { status: 'ok' };",
                '    return;',
                '  }',
              ]
            : []),
          ...(missing.readiness
            ? [
                `  if (ctx.method === 'GET' && ctx.path === ${ready}) {`,
                '    const readiness = await checkReadiness();',
                '    ctx.status = readiness.ready ? 200 : 503;',
                `    ctx.body = ${READY_BODY};`,
                '    return;',
                '  }',
              ]
            : []),
          '  await next();',
          '});',
        ].join('\n'),
      ];
    case 'hono':
      return pick(
        `$app.get(${live}, (c) => c.json({ status: 'ok' }));`,
        [
          `$app.get(${ready}, async (c) => {`,
          '  const readiness = await checkReadiness();',
          `  return c.json(${READY_BODY}, readiness.ready ? 200 : 503);`,
          '});',
        ].join('\n'),
      );
    case 'nestjs':
      // On the HTTP adapter: answered before guards, interceptors and the global prefix, like a probe should be.
      return pick(
        [
          `$app.getHttpAdapter().get(${live}, (_req: IncomingMessage, res: ServerResponse) => {`,
          "  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));",
          '});',
        ].join('\n'),
        [
          `$app.getHttpAdapter().get(${ready}, (_req: IncomingMessage, res: ServerResponse) => {`,
          '  void checkReadiness().then((readiness) => {',
          `    res.writeHead(readiness.ready ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify(${READY_BODY}));`,
          '  });',
          '});',
        ].join('\n'),
      );
    default:
      return undefined;
  }
}
