import type { PyNode } from '../../languages/python/nodes';
import type { PythonFixFunction } from '../../languages/python/rule';
import type { PythonSourceCode } from '../../languages/python/source-code';

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
}

export type PythonServiceConcern = 'correlationId' | 'requestTiming' | 'healthEndpoints' | 'requestLogging';

/**
 * The one-click fix for a service-level concern on a FastAPI app: imports at the top of the module (never twice),
 * the concern's code right after the statement that creates the app. Undefined when there is nothing to insert.
 *
 * `appStatement` is the module-level statement that binds the app (`app = FastAPI(...)`).
 */
export function pythonServiceFix(
  concern: PythonServiceConcern,
  sourceCode: PythonSourceCode,
  appStatement: PyNode,
  profile: PythonServiceProfile,
): PythonFixFunction | undefined {
  // Filled in by the FastAPI fixes (correlation ID, timing, probes, request logging).
  void concern;
  void sourceCode;
  void appStatement;
  void profile;
  return undefined;
}
