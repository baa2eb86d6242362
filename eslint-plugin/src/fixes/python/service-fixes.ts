import type { PyNode } from '../../languages/python/nodes';
import type { PythonFixFunction } from '../../languages/python/rule';
import type { PythonSourceCode } from '../../languages/python/source-code';
import { correlationIdInsertion } from './correlation-id';
import { healthInsertion } from './health-endpoints';
import { requestLoggingInsertion } from './request-logging';
import { requestTimingInsertion } from './request-timing';
import { insertionEdits, PythonServiceModule, type PythonInsertion } from './service-code';

/** What the project already uses, so that inserted code fits it. Built by analysis/python from the project's imports. */
export interface PythonServiceProfile {
  /** structlog when the project uses it, loguru when it uses that, else the standard `logging` module. */
  logger: 'structlog' | 'loguru' | 'logging';
  /** prometheus_client when the project imports it or declares it as a dependency; otherwise none. */
  metrics: 'prometheus_client' | 'none';
  /** The name the FastAPI (or Starlette) app is bound to in the module that creates it: `app`. */
  appName: string;
  /** Paths the service already serves (full paths, prefixes applied): a probe or `/metrics` is never added twice. */
  servedPaths: ReadonlySet<string>;
  /**
   * The probe paths require-health-endpoints is configured with (its `livenessPaths` and `readinessPaths`): a probe
   * counts as served at any of them, and the fix adds the first of each. The defaults are `/health` and
   * `/health/ready` among the paths the JavaScript side knows.
   */
  probePaths?: { liveness: readonly string[]; readiness: readonly string[] };
}

export type PythonServiceConcern = 'correlationId' | 'requestTiming' | 'healthEndpoints' | 'requestLogging';

/** Apps the fixes do not write for: Starlette has no `@app.get` and sets no matched route in the scope. */
const NOT_FASTAPI = new Set(['starlette.applications.Starlette', 'starlette.Starlette']);

/**
 * The one-click fix for a service-level concern on a FastAPI app: imports at the top of the module (never twice),
 * the concern's code right after the statement that creates the app. Undefined when there is nothing to insert.
 *
 * `appStatement` is the statement that binds the app (`app = FastAPI(...)`), at module level or in a factory
 * function (the code is then indented to its block; module-level declarations go before the factory).
 *
 * Each concern works alone or with the others, in any order: the code of each goes to the same place whatever was
 * applied before (middleware added later runs outermost, so the correlation-ID middleware comes last and the request
 * log runs inside it), and a concern whose code is in the module already gives undefined.
 */
export function pythonServiceFix(
  concern: PythonServiceConcern,
  sourceCode: PythonSourceCode,
  appStatement: PyNode,
  profile: PythonServiceProfile,
): PythonFixFunction | undefined {
  const service = new PythonServiceModule(sourceCode, appStatement);
  const factory = service.appFactoryName();
  if (factory && NOT_FASTAPI.has(factory)) return undefined;
  const insertion = INSERTIONS[concern](service, profile);
  if (!insertion) return undefined;
  const edits = insertionEdits(service, insertion);
  return (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text));
}

const INSERTIONS: Record<
  PythonServiceConcern,
  (service: PythonServiceModule, profile: PythonServiceProfile) => PythonInsertion | undefined
> = {
  correlationId: correlationIdInsertion,
  requestTiming: requestTimingInsertion,
  healthEndpoints: healthInsertion,
  requestLogging: requestLoggingInsertion,
};
