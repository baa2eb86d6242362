import { LIVENESS_PATHS, READINESS_PATHS } from '../../analysis/service-model/middleware';
import { endsWithPath } from '../../analysis/service-model/queries';
import type { PythonServiceProfile } from './service-fixes';
import { PythonRank, type PythonInsertion, type PythonServiceModule } from './service-code';

/** Names of the readiness registry: the service registers its checks with `register_readiness_check`. */
export const READINESS_NAMES = [
  'READINESS_TIMEOUT_SECONDS',
  'readiness_checks',
  'register_readiness_check',
  'check_readiness',
  '_run_readiness_check',
];

/**
 * The probes the health fix adds for the profile, and at which paths: a liveness probe unless a liveness path is
 * served, a readiness probe unless a readiness path is (under any prefix, as require-health-endpoints judges them).
 */
export function probesNotServed(profile: PythonServiceProfile): {
  liveness: boolean;
  readiness: boolean;
  livenessPath: string;
  readinessPath: string;
} {
  const liveness = profile.probePaths?.liveness ?? LIVENESS_PATHS;
  const readiness = profile.probePaths?.readiness ?? READINESS_PATHS;
  const served = [...profile.servedPaths];
  return {
    liveness: !served.some((path) => endsWithPath(path, liveness) && !endsWithPath(path, readiness)),
    readiness: !served.some((path) => endsWithPath(path, readiness)),
    livenessPath: profile.probePaths?.liveness[0] ?? '/health',
    readinessPath: profile.probePaths?.readiness[0] ?? '/health/ready',
  };
}

/**
 * Health probes, as the JavaScript fix makes them. `GET /health` answers 200 `{"status": "ok"}` and checks nothing (a
 * liveness probe that checks a database restarts healthy pods when the database is down). `GET /health/ready` runs
 * the checks registered with `register_readiness_check(name, check)` concurrently, each within
 * READINESS_TIMEOUT_SECONDS (`asyncio.wait_for`), and answers 200 `{"status": "ready", "checks": {...}}` or 503
 * `{"status": "not_ready", "checks": {"database": "failed"}}` naming each check that failed or timed out. A probe the
 * service already serves (any of the liveness or readiness paths the JavaScript side knows) is not added.
 */
export function healthInsertion(
  service: PythonServiceModule,
  profile: PythonServiceProfile,
): PythonInsertion | undefined {
  const unserved = probesNotServed(profile);
  const liveness = unserved.liveness && !service.definesAny(['health_liveness']);
  // The registry is declared here, or was by an earlier fix (then all of it is there); a module that binds only some
  // of its names has others of its own, and gets no readiness probe that would call what is not there.
  const registry = READINESS_NAMES.filter((name) => service.definesAny([name]));
  const declareRegistry = registry.length === 0;
  const readiness =
    unserved.readiness &&
    !service.definesAny(['health_readiness']) &&
    (declareRegistry || registry.length === READINESS_NAMES.length);
  if (!liveness && !readiness) return undefined;
  const { imports } = service;
  const app = profile.appName;
  const declarations: string[] = [];
  const registrations: string[] = [];
  if (liveness) {
    registrations.push(
      [
        `@${app}.get(${JSON.stringify(unserved.livenessPath)}, include_in_schema=False)`,
        'async def health_liveness() -> dict:',
        '    """Liveness: answers while the process serves requests; checks no dependency (that is readiness)."""',
        '    return {"status": "ok"}',
      ].join('\n'),
    );
  }
  if (readiness) {
    const JSONResponse = imports.importName('fastapi.responses', 'JSONResponse', ['starlette.responses.JSONResponse']);
    if (declareRegistry) {
      const asyncio = imports.importModule('asyncio');
      const inspect = imports.importModule('inspect');
      const runInThreadpool = imports.importName('fastapi.concurrency', 'run_in_threadpool', [
        'starlette.concurrency.run_in_threadpool',
      ]);
      declarations.push(
        [
          'READINESS_TIMEOUT_SECONDS = 2.0',
          'readiness_checks = {}',
          '',
          '',
          'def register_readiness_check(name: str, check) -> None:',
          '    """Registers a dependency check for GET /health/ready (a database ping, a broker connection).',
          '',
          '    The check fails by raising or by taking longer than READINESS_TIMEOUT_SECONDS. A coroutine function is',
          '    awaited; a plain function runs in a worker thread.',
          '    """',
          '    readiness_checks[name] = check',
          '',
          '',
          'async def _run_readiness_check(check) -> None:',
          `    if ${inspect}.iscoroutinefunction(check):`,
          '        await check()',
          '        return',
          `    result = await ${runInThreadpool}(check)`,
          `    if ${inspect}.isawaitable(result):`,
          '        await result',
          '',
          '',
          'async def check_readiness() -> "tuple[bool, dict[str, str]]":',
          '    """Runs every readiness check with a timeout: ready when all pass. Failures are named, without details."""',
          '',
          '    async def outcome(check) -> str:',
          '        try:',
          `            await ${asyncio}.wait_for(_run_readiness_check(check), READINESS_TIMEOUT_SECONDS)`,
          `        except ${asyncio}.TimeoutError:`,
          '            return "timeout"',
          '        except Exception:',
          '            return "failed"',
          '        return "ok"',
          '',
          '    names = list(readiness_checks)',
          `    outcomes = await ${asyncio}.gather(*(outcome(readiness_checks[name]) for name in names))`,
          '    checks = dict(zip(names, outcomes))',
          '    return all(result == "ok" for result in outcomes), checks',
        ].join('\n'),
      );
    }
    registrations.push(
      [
        `@${app}.get(${JSON.stringify(unserved.readinessPath)}, include_in_schema=False)`,
        `async def health_readiness() -> ${JSONResponse}:`,
        '    """Readiness: 200 while every registered check passes, 503 naming the checks that failed or timed out."""',
        '    ready, checks = await check_readiness()',
        `    return ${JSONResponse}(`,
        '        {"status": "ready" if ready else "not_ready", "checks": checks},',
        '        status_code=200 if ready else 503,',
        '    )',
      ].join('\n'),
    );
  }
  return { rank: PythonRank.Health, declarations, registrations };
}
