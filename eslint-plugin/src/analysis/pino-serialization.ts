import { AST_NODE_TYPES } from './node-types';
import { redactCovers } from './loggers';
import type { Finding } from './sensitive-flow';

/**
 * `{ req }`, `{ req: request }` at the top of a pino merging object: the logger's `req` serializer decides what
 * is written (Fastify's and a project's own keep no headers). `{ request }` or `{ req: req.body }` are not.
 */
export function isWholeRequestUnderReq(finding: Finding): boolean {
  return (
    finding.kind === 'request' &&
    finding.keys?.length === 1 &&
    finding.keys[0] === 'req' &&
    finding.node.type === AST_NODE_TYPES.Identifier &&
    /^(req|request)$/.test(finding.origin ?? finding.subject)
  );
}

/** What of a finding is still exposed once the pino instance's `redact` paths are applied. */
export function uncoveredBy(finding: Finding, patterns: readonly string[][]): Finding | undefined {
  if (!finding.keys) return finding;
  const keys = finding.keys;
  if (finding.fields) {
    const fields = finding.fields.filter((field) => !redactCovers(patterns, [...keys, field.name]));
    return fields.length === 0 ? undefined : { ...finding, fields, category: fields[0].category };
  }
  return keys.length > 0 && redactCovers(patterns, keys) ? undefined : finding;
}
