import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PythonServiceConcern, PythonServiceProfile } from '../../eslint-plugin/src/fixes/python/service-fixes';
import { CONCERNS, fixPythonText, pyCompileErrors, requirePythonModules } from '../fixes-run/python-service-fixes';
import { fixturePath } from '../helpers';

/**
 * The FastAPI service fixes as text: for each module, every order of the four fixes gives the same module, a second
 * pass changes nothing, and Python compiles the result. The services themselves run in
 * test/fixes-run/python-service-fixes.test.ts.
 */
const FILE = '/project/app/main.py';

function profile(overrides: Partial<PythonServiceProfile> = {}): PythonServiceProfile {
  return { logger: 'logging', metrics: 'none', appName: 'app', servedPaths: new Set(), ...overrides };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Python compiles each text (written to a temporary directory); '' when all compile. */
function compileErrors(texts: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'observability-py-compile-'));
  try {
    const files = Object.entries(texts).map(([name, text]) => {
      const file = path.join(dir, `${name.replace(/\W+/g, '_')}.py`);
      fs.writeFileSync(file, text);
      return file;
    });
    return pyCompileErrors(files);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Case {
  name: string;
  text: string;
  profile: PythonServiceProfile;
  /** The concerns whose fix inserts something (in CONCERNS order). */
  applied: PythonServiceConcern[];
  check?: (fixed: string) => void;
}

function count(text: string, pattern: RegExp): number {
  return [
    ...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)),
  ].length;
}

const ALL = [...CONCERNS];

const CASES: Case[] = [
  {
    name: 'docstring, from __future__, an aliased prometheus_client and Request from starlette',
    text: [
      '"""Orders API."""',
      'from __future__ import annotations',
      '',
      'import logging',
      '',
      'import prometheus_client as prom',
      'from fastapi import FastAPI',
      'from starlette.requests import Request',
      '',
      'log = logging.getLogger(__name__)',
      'app = FastAPI()',
      '',
      '',
      '@app.get("/orders/{order_id}")',
      'async def order(order_id: int, request: Request) -> dict:',
      '    return {"id": order_id}',
      '',
    ].join('\n'),
    profile: profile({ metrics: 'prometheus_client' }),
    applied: ALL,
    check: (fixed) => {
      assert.ok(fixed.startsWith('"""Orders API."""\nfrom __future__ import annotations\n'), fixed);
      assert.match(fixed, /^HTTP_REQUEST_DURATION = prom\.Histogram\(/m);
      assert.match(fixed, /return Response\(prom\.generate_latest\(\), media_type=prom\.CONTENT_TYPE_LATEST\)/);
      assert.doesNotMatch(fixed, /from prometheus_client import/);
      // Request is the one starlette's import binds; Response joins the fastapi import.
      assert.match(fixed, /^from fastapi import FastAPI, Response$/m);
      assert.equal(count(fixed, /^import logging$/m), 1);
      assert.match(
        fixed,
        /^import asyncio\nimport contextvars\nimport inspect\nimport logging\nimport re\nimport time\nimport uuid$/m,
      );
      // The module's logger writes the request log.
      assert.match(fixed, /^ {12}log\.info\(/m);
      assert.doesNotMatch(fixed, /request_logger/);
    },
  },
  {
    name: 'the app built in a method, loguru',
    text: [
      'from fastapi import FastAPI',
      'from loguru import logger',
      '',
      '',
      'class Service:',
      '    def build(self) -> FastAPI:',
      '        application = FastAPI()',
      '        application.state.service = self',
      '        return application',
      '',
    ].join('\n'),
    profile: profile({ logger: 'loguru', appName: 'application' }),
    applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    check: (fixed) => {
      assert.match(fixed, /^ {8}@application\.middleware\("http"\)\n {8}async def correlation_id_middleware/m);
      assert.match(fixed, /^ {8}@application\.get\("\/health", include_in_schema=False\)/m);
      assert.match(fixed, /with logger\.contextualize\(request_id=request_id\):/);
      assert.match(fixed, /logger\.bind\(method=request\.method/);
      assert.equal(count(fixed, /^from loguru import logger$/m), 1);
      // Declarations at module level, before the class; registrations right after the app, before its other uses.
      assert.ok(fixed.indexOf('\ndef get_request_id()') < fixed.indexOf('\nclass Service:'));
      assert.ok(fixed.indexOf('async def correlation_id_middleware') < fixed.indexOf('application.state.service'));
    },
  },
  {
    name: 'a shebang and coding line, fastapi imported whole, a bound structlog logger, a comment after the app',
    text: [
      '#!/usr/bin/env python3',
      '# -*- coding: utf-8 -*-',
      'import fastapi',
      'import structlog',
      '',
      'log = structlog.get_logger().bind(component="api")',
      'app = fastapi.FastAPI()  # the public API',
      '',
    ].join('\n'),
    profile: profile({ logger: 'structlog', metrics: 'prometheus_client' }),
    applied: ALL,
    check: (fixed) => {
      assert.ok(fixed.startsWith('#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n'), fixed);
      assert.match(fixed, /^app = fastapi\.FastAPI\(\) {2}# the public API$/m);
      assert.match(
        fixed,
        /async def request_timing_middleware\(request: fastapi\.Request, call_next\) -> fastapi\.Response:/,
      );
      assert.match(fixed, /^ {12}log\.info\($/m);
      assert.match(fixed, /structlog\.contextvars\.bind_contextvars\(request_id=request_id\)/);
      assert.equal(count(fixed, /^import structlog$/m), 1);
    },
  },
  {
    name: 'a service that serves /healthz and /metrics already',
    text: ['from fastapi import FastAPI', '', 'app = FastAPI()', ''].join('\n'),
    profile: profile({ metrics: 'prometheus_client', servedPaths: new Set(['/healthz', '/metrics']) }),
    applied: ALL,
    check: (fixed) => {
      assert.doesNotMatch(fixed, /health_liveness|@app\.get\("\/health",/);
      assert.match(fixed, /@app\.get\("\/health\/ready", include_in_schema=False\)/);
      assert.doesNotMatch(fixed, /metrics_endpoint|generate_latest/);
      assert.match(fixed, /HTTP_REQUEST_DURATION = Histogram\(/);
    },
  },
  {
    name: 'a service that serves both probes (/livez, /readyz)',
    text: ['from fastapi import FastAPI', '', 'app = FastAPI()', ''].join('\n'),
    profile: profile({ servedPaths: new Set(['/livez', '/readyz']) }),
    applied: ['correlationId', 'requestTiming'],
    check: (fixed) => assert.doesNotMatch(fixed, /readiness/),
  },
  {
    name: 'module-level names that shadow the modules the fixes import',
    text: [
      'from fastapi import FastAPI',
      '',
      'uuid = "service-7f3a"  # this instance',
      'time = None',
      '',
      'app = FastAPI()',
      '',
    ].join('\n'),
    profile: profile(),
    applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    check: (fixed) => {
      assert.match(fixed, /^import uuid as _uuid$/m);
      assert.match(fixed, /^import time as _time$/m);
      assert.match(fixed, /str\(_uuid\.uuid4\(\)\)/);
      assert.match(fixed, /started = _time\.perf_counter\(\)/);
      assert.match(fixed, /^uuid = "service-7f3a" {2}# this instance$/m);
      assert.match(fixed, /^request_logger = logging\.getLogger\(__name__\)$/m);
    },
  },
  {
    name: 'a parenthesised import with a trailing comma, the app right below the imports',
    text: [
      'from fastapi import (',
      '    Depends,',
      '    FastAPI,',
      ')',
      'app = FastAPI()',
      '@app.get("/")',
      'def root(db=Depends(dict)):',
      '    return {}',
      '',
    ].join('\n'),
    profile: profile({ logger: 'structlog' }),
    applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    check: (fixed) => {
      assert.match(fixed, /^ {4}Depends,\n {4}FastAPI,\n {4}Request,\n {4}Response,\n\)$/m);
      assert.match(fixed, /^request_logger = structlog\.get_logger\(__name__\)$/m);
      assert.equal(count(fixed, /^import structlog$/m), 1);
      // The project's route keeps its place after the inserted registrations.
      assert.ok(fixed.indexOf('async def correlation_id_middleware') < fixed.indexOf('@app.get("/")'));
    },
  },
  {
    name: 'a parenthesised import across lines without a trailing comma, aliased FastAPI',
    text: ['from fastapi import (FastAPI as API,', '    Depends)', '', 'app = API()', ''].join('\n'),
    profile: profile(),
    applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    check: (fixed) => {
      assert.match(fixed, /^from fastapi import \(FastAPI as API,\n {4}Depends,\n {4}Request,\n {4}Response\)$/m);
      assert.match(fixed, /^app = API\(\)\n\n\n@app\.get\("\/health"/m);
    },
  },
  {
    name: 'a module that imports a register_readiness_check of its own: liveness only',
    text: [
      'from fastapi import FastAPI',
      '',
      'from .probes import register_readiness_check',
      '',
      'app = FastAPI()',
      '',
    ].join('\n'),
    profile: profile(),
    applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    check: (fixed) => {
      assert.match(fixed, /@app\.get\("\/health", include_in_schema=False\)/);
      assert.doesNotMatch(fixed, /health_readiness|check_readiness|def register_readiness_check/);
    },
  },
  {
    name: 'CRLF line breaks, a module that ends without one',
    text: [
      'import logging',
      'from fastapi import FastAPI',
      '',
      'app = FastAPI()',
      '@app.get("/")',
      'def root():',
      '    return {}',
    ].join('\r\n'),
    profile: profile({ metrics: 'prometheus_client' }),
    applied: ALL,
    check: (fixed) => {
      assert.doesNotMatch(fixed, /[^\r]\n/, 'every inserted line break is CRLF');
      assert.match(fixed, /^app = FastAPI\(\)\r\n\r\n\r\n@app\.get\("\/health"/m);
      assert.ok(fixed.endsWith('def root():\r\n    return {}'));
    },
  },
  {
    name: 'an import continued with a backslash',
    text: ['from fastapi import FastAPI, \\', '    Depends', '', 'app = FastAPI()', ''].join('\n'),
    profile: profile(),
    applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    check: (fixed) => assert.match(fixed, /^from fastapi import FastAPI, \\\n {4}Depends, Request, Response$/m),
  },
  {
    name: 'a project with its own get_request_id (correlation IDs are there)',
    text: [
      'from fastapi import FastAPI',
      '',
      'from .context import current_request_id',
      '',
      '',
      'def get_request_id():',
      '    return current_request_id()',
      '',
      '',
      'app = FastAPI()',
      '',
    ].join('\n'),
    profile: profile(),
    applied: ['requestTiming', 'healthEndpoints'],
    check: (fixed) => {
      assert.doesNotMatch(fixed, /correlation_id_middleware|setLogRecordFactory/);
      assert.equal(count(fixed, /^def get_request_id/m), 1);
    },
  },
  {
    name: 'a Starlette app (no @app.get, no matched route in the scope): no fix',
    text: ['from starlette.applications import Starlette', '', 'app = Starlette()', ''].join('\n'),
    profile: profile(),
    applied: [],
  },
];

describe('Python service fixes as text: one result whatever the order, nothing on a second pass, valid Python', function () {
  this.timeout(120_000);

  before(function () {
    requirePythonModules(this, []);
  });

  const fixtures: Case[] = [
    {
      name: 'fixture structlog-prom/main.py',
      text: fs.readFileSync(fixturePath('python-services', 'structlog-prom', 'main.py'), 'utf8'),
      profile: profile({ logger: 'structlog', metrics: 'prometheus_client' }),
      applied: ALL,
    },
    {
      name: 'fixture logging-plain/main.py',
      text: fs.readFileSync(fixturePath('python-services', 'logging-plain', 'main.py'), 'utf8'),
      profile: profile(),
      applied: ['correlationId', 'requestTiming', 'healthEndpoints'],
    },
  ];

  for (const testCase of [...CASES, ...fixtures]) {
    it(testCase.name, () => {
      const { text: fixed, applied } = fixPythonText(testCase.text, FILE, testCase.profile);
      assert.deepEqual(applied, testCase.applied);
      for (const order of permutations(CONCERNS)) {
        assert.equal(
          fixPythonText(testCase.text, FILE, testCase.profile, order).text,
          fixed,
          `order ${order.join(', ')}`,
        );
      }
      const again = fixPythonText(fixed, FILE, testCase.profile);
      assert.deepEqual(again.applied, []);
      // Each concern alone is valid Python too.
      const alone = Object.fromEntries(
        CONCERNS.map((concern) => [concern, fixPythonText(testCase.text, FILE, testCase.profile, [concern]).text]),
      );
      assert.equal(compileErrors({ all: fixed, ...alone }), '');
      const imports = fixed.split('\n').filter((line) => /^(import|from) /.test(line));
      assert.equal(new Set(imports).size, imports.length, `no import twice:\n${imports.join('\n')}`);
      testCase.check?.(fixed);
    });
  }
});
