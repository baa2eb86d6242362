import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { wrapInTiming, type SourceEdit } from 'eslint-plugin-observability/refactors';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';

function applyEdits(text: string, edits: readonly SourceEdit[]): string {
  return [...edits]
    .sort((a, b) => b.range[0] - a.range[0])
    .reduce((result, edit) => result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]), text);
}

/** Runs the refactoring at the first occurrence of `marker` in `text` (a file that does not need to exist). */
function wrapAt(file: string, text: string, marker: string): ReturnType<typeof wrapInTiming> {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker}`);
  return wrapInTiming(file, text, [at, at]);
}

describe('refactor: Wrap in timing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-wrap-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('wraps the call with the name of its member chain (`this` dropped) when timed() is in the file', () => {
    const text =
      'async function timed(op, fn) { return fn(); }\nclass Repo {\n  async load(id) {\n    return await this.db.users.findOne(id);\n  }\n}\n';
    const result = wrapAt(path.join(dir, 'a.js'), text, 'findOne');
    assert.ok(result?.available);
    assert.equal(
      applyEdits(text, result.edits),
      text.replace(
        'await this.db.users.findOne(id)',
        "await timed('db.users.findOne', () => this.db.users.findOne(id))",
      ),
    );
  });

  it('keeps TypeScript wrappers outside the timed call and reuses an imported timed()', () => {
    const text =
      "import { timed } from './metrics';\nexport async function f(): Promise<number> {\n  return (await (fetchCount() as Promise<number>));\n}\ndeclare function fetchCount(): Promise<unknown>;\n";
    const result = wrapAt(path.join(dir, 'b.ts'), text, 'fetchCount()');
    assert.ok(result?.available);
    assert.equal(
      applyEdits(text, result.edits),
      text.replace('fetchCount() as Promise<number>', "timed('fetchCount', () => fetchCount()) as Promise<number>"),
    );
  });

  it('offers nothing off an awaited call, on an already timed call, or on a line without await', () => {
    const text =
      "import { timed } from './m';\nasync function f() {\n  const a = await timed('q', () => q());\n  const b = await promise;\n  const c = q();\n}\n";
    assert.equal(wrapAt(path.join(dir, 'c.ts'), text, 'q())'), undefined);
    assert.equal(wrapAt(path.join(dir, 'c.ts'), text, 'promise'), undefined);
    assert.equal(wrapAt(path.join(dir, 'c.ts'), text, 'c = q()'), undefined);
  });

  it("imports timed() from the app that exports it, written like the file's other imports (.js under NodeNext)", () => {
    const root = path.join(dir, 'svc');
    fs.mkdirSync(path.join(root, 'src', 'routes'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'package.json'),
      '{"name":"svc","type":"module","dependencies":{"express":"^5.0.0"}}',
    );
    fs.writeFileSync(
      path.join(root, 'src', 'app.ts'),
      "import express from 'express';\nimport { users } from './routes/users.js';\nexport async function timed<T>(operation: string, fn: () => Promise<T>): Promise<T> { return fn(); }\nconst app = express();\napp.use('/users', users);\n",
    );
    const routes = path.join(root, 'src', 'routes', 'users.ts');
    const text =
      "import { Router } from 'express';\nimport { db } from '../db.js';\nexport const users = Router();\nusers.get('/', async (_req, res) => {\n  res.json(await db.list());\n});\n";
    fs.writeFileSync(routes, text);
    defaultAnalysisHost().invalidate();
    const result = wrapAt(routes, text, 'list');
    assert.ok(result?.available, JSON.stringify(result));
    assert.equal(
      applyEdits(text, result.edits),
      text
        .replace("from '../db.js';", "from '../db.js';\nimport { timed } from '../app.js';")
        .replace('await db.list()', "await timed('db.list', () => db.list())"),
    );
  });

  it('in a CommonJS module whose app exports timed(), explains why it does not require the app', () => {
    const root = path.join(dir, 'cjs');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"cjs","dependencies":{"express":"^5.0.0"}}');
    fs.writeFileSync(
      path.join(root, 'app.js'),
      "const express = require('express');\nconst users = require('./users');\nasync function timed(operation, fn) { return fn(); }\nconst app = express();\napp.use('/users', users);\nmodule.exports.timed = timed;\n",
    );
    const routes = path.join(root, 'users.js');
    const text =
      "const { Router } = require('express');\nconst users = Router();\nusers.get('/', async (req, res) => res.json(await load()));\nmodule.exports = users;\n";
    fs.writeFileSync(routes, text);
    defaultAnalysisHost().invalidate();
    const result = wrapAt(routes, text, 'load()');
    assert.ok(result && !result.available);
    assert.match(
      result.reason,
      /timed\(\) is exported by app\.js; requiring the app from a CommonJS module it loads would be circular/,
    );
  });
});
