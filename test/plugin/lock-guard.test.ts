import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import {
  checkLock,
  describe as describeMoving,
  movingDependencies,
  whyUnreproducible,
  type PackageLock,
} from '../../scripts/lock-guard';
import { repoRoot } from '../helpers';

const fixture = (name: string): string => path.join(repoRoot(), 'test', 'fixtures', 'lock-guard', name);

describe('lock guard: every dependency in the lock tree is reproducible by npm ci', () => {
  it('the repository lock has no moving dependency that an override does not pin', () => {
    const moving = checkLock(repoRoot());
    assert.deepEqual(moving, [], describeMoving(moving));
  });

  it('fails on a fixture lock whose package depends on "latest", naming the package and the spec', () => {
    const moving = checkLock(fixture('moving'));
    assert.equal(moving.length, 1);
    assert.deepEqual(
      { declaredBy: moving[0].declaredBy, dependency: moving[0].dependency, spec: moving[0].spec },
      { declaredBy: 'formatter@1.0.0', dependency: 'charset', spec: 'latest' },
    );
    const message = describeMoving(moving);
    assert.match(message, /formatter@1\.0\.0 \(node_modules\/formatter\) depends on charset@"latest"/);
    assert.match(message, /overrides/);
  });

  it('the command exits 1 with that message, and 0 once an override pins the dependency', () => {
    const script = path.join(repoRoot(), 'out', 'scripts', 'lock-guard.js');
    try {
      execFileSync(process.execPath, [script, fixture('moving')], { encoding: 'utf8', stdio: 'pipe' });
      assert.fail('the guard should exit 1 on a moving dependency');
    } catch (error) {
      const failure = error as { status?: number; stderr?: string };
      assert.equal(failure.status, 1);
      assert.match(failure.stderr ?? '', /charset@"latest"/);
    }
    const pinned = execFileSync(process.execPath, [script, fixture('pinned')], { encoding: 'utf8' });
    assert.match(pinned, /every dependency is reproducible/);
  });

  it('judges each kind of spec', () => {
    const moving = [
      'latest',
      'next',
      '*',
      'x',
      'X.x',
      '',
      '  ',
      'git+https://github.com/a/b.git',
      'github:a/b',
      'a/b#main',
      'https://example.com/b.tgz',
      'git://example.com/b.git',
      'npm:other@latest',
    ];
    const reproducible = [
      '1.2.3',
      '^4.17.14',
      '~1.0',
      '>=1 <2',
      '1.x',
      '1.2.x',
      'v1.2.3',
      '1 || 2',
      'npm:eslint@9.39.5',
      'file:../local',
      'workspace:*',
      '4.0.0-beta.1',
    ];
    for (const spec of moving) assert.ok(whyUnreproducible(spec), `"${spec}" should be flagged`);
    for (const spec of reproducible) assert.equal(whyUnreproducible(spec), undefined, `"${spec}" should pass`);
  });

  it('accepts wildcards declared by packages of the tree (npm ci keeps the locked version), not in our manifests', () => {
    for (const spec of ['*', 'x', '']) {
      assert.equal(whyUnreproducible(spec, false), undefined, `"${spec}" in a dependency`);
      assert.ok(whyUnreproducible(spec, true), `"${spec}" in our own manifest`);
    }
    assert.ok(whyUnreproducible('latest', false), 'a dist-tag is refused wherever it is declared');
    const lock: PackageLock = {
      packages: {
        '': { name: 'root', devDependencies: { '@types/express': '5.0.6' } },
        'node_modules/@types/express': { version: '5.0.6', dependencies: { '@types/node': '*' } },
      },
    };
    assert.deepEqual(movingDependencies(lock, {}), []);
  });

  it('honours overrides: global, nested under the declaring package or an ancestor, with a "." value', () => {
    const lock: PackageLock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'root' },
        'node_modules/outer': { version: '1.0.0', dependencies: { inner: '1.0.0' } },
        'node_modules/outer/node_modules/inner': { version: '1.0.0', dependencies: { moving: 'latest' } },
        'node_modules/other': { version: '2.0.0', dependencies: { moving: 'latest' } },
      },
    };
    assert.equal(movingDependencies(lock, {}).length, 2);
    assert.equal(movingDependencies(lock, { overrides: { moving: '1.0.0' } }).length, 0);
    const underAncestor = movingDependencies(lock, { overrides: { 'outer@^1': { moving: '1.0.0' } } });
    assert.deepEqual(
      underAncestor.map((item) => item.declaredBy),
      ['other@2.0.0'],
    );
    const dotValue = movingDependencies(lock, { overrides: { other: { moving: { '.': '1.0.0' } } } });
    assert.deepEqual(
      dotValue.map((item) => item.declaredBy),
      ['inner@1.0.0'],
    );
    // An override of a different package, or one that only overrides the dependency's own children, pins nothing.
    assert.equal(movingDependencies(lock, { overrides: { moving: { child: '1.0.0' } } }).length, 2);
  });

  it('judges the root manifest and workspaces, dev dependencies included', () => {
    const lock: PackageLock = {
      packages: {
        '': { name: 'root', devDependencies: { tool: 'latest' } },
        'packages/app': { name: 'app', version: '0.1.0', devDependencies: { helper: '*' } },
        'node_modules/lib': { version: '1.0.0', devDependencies: { ignored: 'latest' } },
      },
    };
    assert.deepEqual(
      movingDependencies(lock, {}).map((item) => `${item.declaredBy} ${item.dependency}`),
      ['(root) tool', 'app@0.1.0 helper'],
    );
  });

  it('refuses a lock without a packages map with a clear error', () => {
    assert.throws(() => movingDependencies({ lockfileVersion: 1 }, {}), /no "packages" map \(lockfileVersion 1\)/);
  });
});
