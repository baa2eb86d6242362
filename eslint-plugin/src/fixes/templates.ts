import type { Framework } from '../analysis/service-model/types';
import { correlationIdInsertion } from './correlation-id';
import { DEFAULT_PROBE_PATHS, healthInsertion } from './health-endpoints';
import type { ModuleStyle } from './imports';
import { requestTimingInsertion } from './request-timing';
import { insertionText, type ServiceInsertion } from './service-insertion';
import type { ServiceProfile } from './service-profile';

/** A project shape to render the service templates for, without a file to insert them into (snippets, docs). */
export interface TemplateTarget {
  framework: Framework;
  typescript: boolean;
  style: ModuleStyle;
  /** The project depends on prom-client (timing records a histogram and serves /metrics). */
  promClient: boolean;
  /** The app's local name (a snippet passes a placeholder). */
  app: string;
}

export interface TemplateTexts {
  correlationId?: string;
  health?: string;
  timing?: string;
  /** `timed(operation, fn)` on its own. */
  timed?: string;
}

/** The code the service rules' suggestions insert, for a project of this shape: the one source of the snippets too. */
export function serviceTemplateTexts(target: TemplateTarget): TemplateTexts {
  const profile: ServiceProfile = {
    framework: target.framework,
    app: target.app,
    typescript: target.typescript,
    style: target.style,
    dependencies: {
      has: (name) => target.promClient && name === 'prom-client',
      name: undefined,
      entryStems: new Set(),
    },
    logger: undefined,
    promClient: target.promClient ? { local: 'promClient', imported: false } : undefined,
  };
  const render = (insertion: ServiceInsertion | undefined): string | undefined => {
    if (!insertion) return undefined;
    // Fastify takes the request id through its factory options: the snippet creates the app with them.
    const factory = insertion.factoryOptions?.length ? 'Fastify' : undefined;
    const imports = factory ? [{ module: 'fastify', defaultName: 'Fastify' }, ...insertion.imports] : insertion.imports;
    return insertionText({ ...insertion, imports }, profile, factory);
  };
  const timing = requestTimingInsertion(profile, false);
  const timedOnly: ServiceInsertion | undefined = timing && {
    ...timing,
    imports: timing.imports.filter((request) => request.module === 'prom-client'),
    declarations: timing.declarations.slice(-1),
    registrations: [],
    exported: ['timed'],
  };
  return {
    correlationId: render(correlationIdInsertion(profile)),
    health: render(healthInsertion(profile, { liveness: true, readiness: true }, DEFAULT_PROBE_PATHS)),
    timing: render(timing),
    timed: render(timedOnly),
  };
}

export { nextTemplateFiles } from './next-project';
export { registeredMetric, type RegisteredMetric } from './request-timing';
