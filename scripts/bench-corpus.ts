import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when the generator changes, so an old corpus on disk is regenerated. */
export const CORPUS_VERSION = 3;
export const CORPUS_SEED = 20261121;
const SERVICES = ['orders', 'billing', 'catalog', 'accounts', 'shipping', 'notifications', 'search', 'inventory'];
const ENTITIES = [
  'order',
  'invoice',
  'product',
  'customer',
  'shipment',
  'payment',
  'review',
  'cart',
  'coupon',
  'warehouse',
  'refund',
  'subscription',
];
const FIELDS = [
  'status',
  'total',
  'currency',
  'createdAt',
  'updatedAt',
  'quantity',
  'sku',
  'region',
  'priority',
  'channel',
  'note',
  'version',
];
const SENSITIVE_FIELDS = [
  'email',
  'password',
  'phoneNumber',
  'cardNumber',
  'apiKey',
  'accessToken',
  'ssn',
  'shippingAddress',
];
const LOGGERS = ['pino', 'winston', 'console', 'nest'] as const;

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  private readonly lines: string[] = [];
  constructor(readonly rnd: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)];
  }
  line(text = ''): void {
    this.lines.push(text);
  }
  get length(): number {
    return this.lines.length;
  }
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const cap = (word: string): string => word[0].toUpperCase() + word.slice(1);

function loggerSetup(w: Writer, kind: (typeof LOGGERS)[number], ts: boolean): string {
  if (kind === 'pino') {
    w.line("import pino from 'pino';");
    w.line(`const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });`);
    return 'logger';
  }
  if (kind === 'winston') {
    w.line("import winston from 'winston';");
    w.line(
      "const logger = winston.createLogger({ level: 'info', format: winston.format.json(), transports: [new winston.transports.Console()] });",
    );
    return 'logger';
  }
  if (kind === 'nest' && ts) {
    w.line("import { Logger } from '@nestjs/common';");
    w.line("const logger = new Logger('Service');");
    return 'logger';
  }
  return 'console';
}

function logCall(w: Writer, log: string, entity: string, indent: string): void {
  const field = w.pick(FIELDS);
  const level = log === 'console' ? w.pick(['log', 'info', 'warn']) : w.pick(['info', 'debug', 'warn']);
  const roll = w.rnd();
  if (roll < 0.06) {
    const sensitive = w.pick(SENSITIVE_FIELDS);
    w.line(
      `${indent}${log}.${level}({ ${entity}Id: ${entity}.id, ${sensitive}: input.${sensitive} }, '${entity} ${field} changed');`,
    );
  } else if (roll < 0.5) {
    w.line(
      `${indent}${log}.${level}({ ${entity}Id: ${entity}.id, ${field}: ${entity}.${field}, durationMs: Date.now() - started }, '${entity} updated');`,
    );
  } else if (roll < 0.8) {
    w.line(`${indent}${log}.${level}(\`${entity} \${${entity}.id} moved to \${${entity}.status}\`);`);
  } else {
    w.line(`${indent}${log}.${level}('${entity} ${field} refreshed', { count: items.length });`);
  }
}

function serviceFile(w: Writer, entity: string, ts: boolean): void {
  const log = loggerSetup(w, w.pick(LOGGERS), ts);
  w.line("import { randomUUID } from 'node:crypto';");
  w.line(`import { db } from '../lib/db${ts ? '' : '.js'}';`);
  w.line();
  const Entity = cap(entity);
  if (ts) {
    w.line(`export interface ${Entity} {`);
    w.line('  id: string;');
    for (const field of FIELDS.slice(0, 6))
      w.line(
        `  ${field}: ${field.endsWith('At') ? 'Date' : field === 'total' || field === 'quantity' ? 'number' : 'string'};`,
      );
    w.line('}');
    w.line();
  }
  w.line(`export class ${Entity}Service {`);
  let method = 0;
  while (w.length < 180 + Math.floor(w.rnd() * 80)) {
    const verb = w.pick(['create', 'update', 'archive', 'restore', 'sync', 'reprice', 'assign', 'validate']);
    const name = `${verb}${Entity}${method++}`;
    w.line(
      `  async ${name}(id${ts ? ': string' : ''}, input${ts ? `: Partial<${Entity}> & Record<string, unknown>` : ''}) {`,
    );
    w.line('    const started = Date.now();');
    w.line(`    const ${entity} = await db.${entity}s.findById(id);`);
    w.line(`    if (!${entity}) {`);
    w.line(`      ${log === 'console' ? 'console.warn' : `${log}.warn`}('${entity} not found', { id });`);
    w.line(`      throw new Error('${Entity} not found');`);
    w.line('    }');
    w.line('    const items = await db.items.list({ parentId: id, limit: 50 });');
    w.line('    for (const item of items) {');
    w.line(`      if (item.${w.pick(FIELDS)} === input.${w.pick(FIELDS)}) continue;`);
    w.line('      item.version = (item.version ?? 0) + 1;');
    w.line('    }');
    logCall(w, log, entity, '    ');
    w.line(`    const result = { ...${entity}, ...input, id, updatedAt: new Date(), requestId: randomUUID() };`);
    w.line(`    await db.${entity}s.save(result);`);
    w.line('    return result;');
    w.line('  }');
    w.line();
  }
  w.line('}');
}

function routerFile(w: Writer, entity: string, ts: boolean): void {
  w.line("import { Router } from 'express';");
  const log = loggerSetup(w, w.pick(['pino', 'winston', 'console'] as const), ts);
  w.line(`import { ${cap(entity)}Service } from '../services/${entity}${ts ? '' : '.js'}';`);
  w.line(`import { requestDuration } from '../lib/metrics${ts ? '' : '.js'}';`);
  w.line();
  w.line(`export const ${entity}Router = Router();`);
  w.line(`const service = new ${cap(entity)}Service();`);
  w.line();
  let route = 0;
  while (w.length < 170 + Math.floor(w.rnd() * 90)) {
    const method = w.pick(['get', 'post', 'put', 'delete', 'patch']);
    const suffix = route++ === 0 ? '' : `/${w.pick(FIELDS)}${route}`;
    w.line(`${entity}Router.${method}('/:id${suffix}', async (req, res, next) => {`);
    w.line("  const end = requestDuration.startTimer({ method: req.method, route: req.route?.path ?? 'unmatched' });");
    w.line('  try {');
    w.line(`    const ${entity} = await service.update${cap(entity)}0(req.params.id, req.body);`);
    w.line('    const started = Date.now();');
    w.line('    const items = [];');
    if (w.rnd() < 0.04) w.line(`    ${log}.${log === 'console' ? 'log' : 'debug'}('incoming body', req.body);`);
    logCall(w, log, entity, '    ');
    w.line(`    res.status(${method === 'post' ? 201 : 200}).json(${entity});`);
    w.line('  } catch (error) {');
    w.line(`    ${log}.error({ err: error, path: req.path }, 'request failed');`);
    w.line('    next(error);');
    w.line('  } finally {');
    w.line('    end({ status_code: res.statusCode });');
    w.line('  }');
    w.line('});');
    w.line();
  }
}

function metricsFile(w: Writer, service: string): void {
  w.line("import client from 'prom-client';");
  w.line();
  w.line('export const registry = new client.Registry();');
  w.line('client.collectDefaultMetrics({ register: registry });');
  w.line('export const requestDuration = new client.Histogram({');
  w.line(`  name: '${service}_http_request_duration_seconds',`);
  w.line("  help: 'HTTP request duration',");
  w.line("  labelNames: ['method', 'route', 'status_code'],");
  w.line('  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],');
  w.line('  registers: [registry],');
  w.line('});');
  let n = 0;
  while (w.length < 120) {
    const entity = w.pick(ENTITIES);
    w.line(
      `export const ${entity}Ops${n} = new client.Counter({ name: '${service}_${entity}_operations_${n}_total', help: '${entity} operations', labelNames: ['operation', 'outcome'], registers: [registry] });`,
    );
    w.line(`export function record${cap(entity)}${n}(operation, outcome) {`);
    w.line(`  ${entity}Ops${n}.inc({ operation, outcome });`);
    w.line('}');
    n++;
  }
}

/** Writes the corpus into `dir` unless a corpus of this version and seed is already there. Returns its files. */
export function ensureCorpus(dir: string, files = 520): string[] {
  const manifest = path.join(dir, 'corpus.json');
  const expected = JSON.stringify({ version: CORPUS_VERSION, seed: CORPUS_SEED, files });
  if (fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8') === expected) {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'files.json'), 'utf8')) as string[]).map((file) =>
      path.join(dir, file),
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const rnd = random(CORPUS_SEED);
  const written: string[] = [];
  for (let index = 0; index < files; index++) {
    const service = SERVICES[index % SERVICES.length];
    const entity = ENTITIES[Math.floor(index / SERVICES.length) % ENTITIES.length];
    const ts = rnd() < 0.7;
    const ext = ts ? 'ts' : 'js';
    const w = new Writer(rnd);
    const kind = index % 5;
    let relative: string;
    if (kind === 4 && index % 10 === 4) {
      metricsFile(w, service);
      relative = `${service}/src/lib/metrics-${index}.${ext}`;
    } else if (kind % 2 === 0) {
      routerFile(w, entity, ts);
      relative = `${service}/src/routes/${entity}-${index}.${ext}`;
    } else {
      serviceFile(w, entity, ts);
      relative = `${service}/src/services/${entity}-${index}.${ext}`;
    }
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, w.toString());
    written.push(relative);
  }
  // One app per service mounts its routers (after pino-http for most, before it for a few), so the
  // route rules build a real cross-file service model.
  for (const service of SERVICES) {
    const routers = written.filter((file) => file.startsWith(`${service}/src/routes/`));
    const w = new Writer(rnd);
    w.line("import express from 'express';");
    w.line("import pinoHttp from 'pino-http';");
    routers.forEach((file, index) => {
      const entity = path.basename(file).replace(/-\d+\.(ts|js)$/, '');
      w.line(
        `import { ${entity}Router as router${index} } from './routes/${path.basename(file).replace(/\.ts$/, '.js')}';`,
      );
    });
    w.line();
    w.line('export const app = express();');
    w.line('app.use(express.json());');
    w.line("app.get('/health', (_req, res) => { res.json({ status: 'ok' }); });");
    routers.forEach((file, index) => {
      if (index === 2) w.line('app.use(pinoHttp());');
      w.line(`app.use('/${path.basename(file).replace(/\.(ts|js)$/, '')}', router${index});`);
    });
    const relative = `${service}/src/app.ts`;
    fs.mkdirSync(path.join(dir, service, 'src', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), w.toString());
    // The module every router imports `requestDuration` from: the metric rules follow that import across files.
    const metrics = new Writer(rnd);
    metricsFile(metrics, service);
    fs.writeFileSync(path.join(dir, service, 'src', 'lib', 'metrics.ts'), metrics.toString());
    written.push(`${service}/src/lib/metrics.ts`);
    fs.writeFileSync(
      path.join(dir, service, 'package.json'),
      `${JSON.stringify({ name: service, private: true, dependencies: { express: '^5.1.0', pino: '^9.0.0', 'pino-http': '^10.0.0', 'prom-client': '^15.1.3' } }, null, 2)}\n`,
    );
    written.push(relative);
  }
  fs.writeFileSync(path.join(dir, 'files.json'), JSON.stringify(written));
  fs.writeFileSync(manifest, expected);
  return written.map((file) => path.join(dir, file));
}
