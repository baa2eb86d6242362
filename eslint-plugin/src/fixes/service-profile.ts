import type { ServiceProfile } from '../analysis/service-profile';

export {
  metricPrefix,
  projectLogger,
  serviceProfile,
  type LoggerStyle,
  type ProjectLogger,
  type ServiceProfile,
} from '../analysis/service-profile';

/**
 * A log statement with `fields` (an object literal's inside, as code) in the project's logger's argument order:
 * pino/bunyan `(fields, msg)`, winston/log4js `(msg, fields)`, console one JSON line.
 */
export function logStatement(
  profile: Pick<ServiceProfile, 'logger'>,
  level: 'info' | 'warn',
  message: string,
  fields: string,
): string {
  const logger = profile.logger;
  if (!logger) return `console.${level}(JSON.stringify({ msg: '${message}', ${fields} }));`;
  return logger.style === 'fields-first'
    ? `${logger.name}.${level}({ ${fields} }, '${message}');`
    : `${logger.name}.${level}('${message}', { ${fields} });`;
}

/** Milliseconds since `const started = process.hrtime.bigint()`: the `duration_ms` every inserted log line writes. */
export const DURATION_MS_SINCE_STARTED = 'Number(process.hrtime.bigint() - started) / 1e6';
