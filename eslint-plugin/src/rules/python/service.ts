import type { PyApp, PyServiceModel } from '../../analysis/python/service-model';
import { pythonProjectFacts, servedPythonPaths, type PythonProjectFacts } from '../../analysis/python/service-lint';
import {
  pythonServiceFix,
  type PythonServiceConcern,
  type PythonServiceProfile,
} from '../../fixes/python/service-fixes';
import type { PythonFixFunction, PythonRuleContext } from '../../languages/python/rule';

/** What the Python halves of the service rules share: the app's profile and its one-click fix. */

/** The profile of `app` for the fixes: the project's logger and metrics library, the app's name, its served paths. */
export function pythonServiceProfile(
  context: PythonRuleContext,
  model: PyServiceModel,
  app: PyApp,
  facts: PythonProjectFacts = pythonProjectFacts(model, context.filename, context.sourceCode.text),
): PythonServiceProfile | undefined {
  if (!app.name) return undefined;
  return {
    logger: facts.logger,
    metrics: facts.prometheusClient ? 'prometheus_client' : 'none',
    appName: app.name,
    servedPaths: servedPythonPaths(model, app),
  };
}

/**
 * The fix for `concern` on an app created in the linted file, bound by a statement (`app = FastAPI()`), and the
 * profile it was written for (a suggestion's message says what the fix inserts for it); else none.
 */
export function pythonAppFix(
  concern: PythonServiceConcern,
  context: PythonRuleContext,
  model: PyServiceModel,
  app: PyApp,
  accept: (profile: PythonServiceProfile) => boolean = () => true,
  configured: Pick<PythonServiceProfile, 'probePaths'> = {},
): { fix: PythonFixFunction; profile: PythonServiceProfile } | undefined {
  if (app.file !== context.filename || !app.statement) return undefined;
  const found = pythonServiceProfile(context, model, app);
  const profile = found && { ...found, ...configured };
  if (!profile || !accept(profile)) return undefined;
  const fix = pythonServiceFix(concern, context.sourceCode, app.statement, profile);
  return fix ? { fix, profile } : undefined;
}
