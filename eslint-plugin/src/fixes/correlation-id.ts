import { exportKeyword, InsertionRank, typed, type ServiceInsertion } from './service-insertion';
import type { ServiceProfile } from './service-profile';

/**
 * A request ID for every request: an incoming `X-Request-ID` is kept only when it is a safe token (at most 128 of
 * `A-Z a-z 0-9 . _ -`; anything else could inject into headers and log lines), otherwise `randomUUID()`. The id is
 * echoed in the `X-Request-ID` response header, the rest of the request runs inside an `AsyncLocalStorage`
 * context (`getRequestId()` anywhere below it), and request loggers pick it up (pino-http reuses `req.id`,
 * Fastify's logger `genReqId`).
 */
export function correlationIdInsertion(profile: ServiceProfile): ServiceInsertion | undefined {
  const { app } = profile;
  const registrations = registrationsFor(profile);
  if (!registrations) return undefined;
  return {
    rank: InsertionRank.CorrelationId,
    imports: [
      { module: 'node:crypto', named: ['randomUUID'] },
      { module: 'node:async_hooks', named: ['AsyncLocalStorage'] },
      ...(profile.framework === 'nestjs'
        ? [{ module: 'node:http', named: ['IncomingMessage', 'ServerResponse'], typeOnly: true }]
        : []),
    ],
    declarations: [
      [
        `const requestContext = new AsyncLocalStorage${typed(profile, '<{ requestId: string }>')}();`,
        'const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;',
        '',
        '/** The id of the request being handled (`undefined` outside a request): for log lines and outgoing calls. */',
        `${exportKeyword(profile)}function getRequestId()${typed(profile, ': string | undefined')} {`,
        '  return requestContext.getStore()?.requestId;',
        '}',
        '',
        '/** An incoming request id when it is a safe token, otherwise a new one (never echo what could inject). */',
        `function requestIdFrom(incoming${typed(profile, ': unknown')})${typed(profile, ': string')} {`,
        "  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();",
        '}',
      ].join('\n'),
    ],
    registrations: registrations.map((lines) => lines.replace(/\$app\b/g, app)),
    declares: ['requestContext', 'REQUEST_ID_PATTERN', 'getRequestId', 'requestIdFrom'],
    exported: ['getRequestId'],
    // Application log lines (`logger.info(…)` inside a request) carry the id too, when this file creates a pino logger.
    ...(profile.logger?.pinoCall
      ? { loggerOptions: [{ key: 'mixin', value: '() => ({ requestId: getRequestId() })' }] }
      : {}),
    ...(profile.framework === 'fastify'
      ? {
          factoryOptions: [
            { key: 'genReqId', value: "(req) => requestIdFrom(req.headers['x-request-id'])" },
            { key: 'requestIdHeader', value: 'false' },
          ],
        }
      : {}),
  };
}

function registrationsFor(profile: ServiceProfile): string[] | undefined {
  const rememberId = (target: string): string =>
    profile.typescript ? `(${target} as unknown as { id: string }).id = requestId;` : `${target}.id = requestId;`;
  switch (profile.framework) {
    case 'express':
      return [
        [
          '$app.use((req, res, next) => {',
          "  const requestId = requestIdFrom(req.headers['x-request-id']);",
          `  ${rememberId('req')} // pino-http logs it as req.id`,
          "  res.setHeader('X-Request-ID', requestId);",
          '  requestContext.run({ requestId }, next);',
          '});',
        ].join('\n'),
      ];
    case 'fastify':
      // The id itself comes from the factory's `genReqId` (Fastify's request logs carry it as `reqId`).
      return [
        [
          "$app.addHook('onRequest', (request, reply, done) => {",
          "  reply.header('X-Request-ID', request.id);",
          '  requestContext.run({ requestId: request.id }, done);',
          '});',
        ].join('\n'),
      ];
    case 'koa':
      return [
        [
          '$app.use(async (ctx, next) => {',
          "  const requestId = requestIdFrom(ctx.get('x-request-id') || undefined);",
          `  ${profile.typescript ? '(ctx.state as { requestId?: string })' : 'ctx.state'}.requestId = requestId;`,
          `  ${rememberId('ctx.req')} // koa-pino-logger logs it as req.id`,
          "  ctx.set('X-Request-ID', requestId);",
          '  await requestContext.run({ requestId }, next);',
          '});',
        ].join('\n'),
      ];
    case 'hono':
      return [
        [
          '$app.use(async (c, next) => {',
          "  const requestId = requestIdFrom(c.req.header('x-request-id'));",
          "  c.header('X-Request-ID', requestId);",
          '  await requestContext.run({ requestId }, next);',
          "  c.header('X-Request-ID', requestId);",
          '});',
        ].join('\n'),
      ];
    case 'nestjs':
      if (!profile.typescript) return undefined;
      // Plain Node request/response: runs before Nest's router on the Express platform.
      return [
        [
          '$app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {',
          "  const requestId = requestIdFrom(req.headers['x-request-id']);",
          '  (req as IncomingMessage & { id?: string }).id = requestId;',
          "  res.setHeader('X-Request-ID', requestId);",
          '  requestContext.run({ requestId }, next);',
          '});',
        ].join('\n'),
      ];
    default:
      return undefined;
  }
}
