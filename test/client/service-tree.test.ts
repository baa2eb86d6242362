import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { buildRouteReport } from 'eslint-plugin-observability/report';
import {
  buildServiceTree,
  coverage,
  coverageText,
  type FolderReport,
  type ReportRoute,
  type ReportService,
  type TreeNode,
} from 'observability-lint-client/out/serviceTree';
import { fixturePath } from '../helpers';

const route = (method: string, path: string, line: number, verdicts: Partial<ReportRoute> = {}): ReportRoute => ({
  method,
  path,
  file: 'src/app.ts',
  line,
  logged: true,
  requestId: true,
  timed: true,
  exempt: false,
  ...verdicts,
});

const service = (routes: ReportRoute[], more: Partial<ReportService> = {}): ReportService => ({
  framework: 'express',
  name: 'app',
  file: 'src/app.ts',
  line: 4,
  health: { liveness: true, readiness: true },
  metricsEndpoint: true,
  routes,
  ...more,
});

const folder = (uri: string, services: ReportService[]): FolderReport => ({
  folder: uri,
  report: { version: 1, services, problems: [] },
});

/** Label, description and context of a node and its children, indented. */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.label} | ${node.description} | ${node.contextValue} | ${node.icon.id}`,
    ...outline(node.children, depth + 1),
  ]);
}

describe('Observability view: report JSON → tree', () => {
  it('one folder: services at the root, routes below with ✓/✗ per verdict, exempt routes marked', () => {
    const reports = [
      folder('file:///work/shop', [
        service(
          [
            route('GET', '/health', 6, { exempt: true, requestId: false, timed: false }),
            route('GET', '/users/:id', 7),
            route('POST', '/orders', 9, { requestId: false, timed: false }),
          ],
          { health: { liveness: true, readiness: false }, metricsEndpoint: false },
        ),
      ]),
    ];
    const tree = buildServiceTree(reports);
    assert.deepEqual(outline(tree), [
      'express app src/app.ts:4 | 1/2 covered · probes ✗ (readiness) · metrics ✗ | service service-missing-request-id service-missing-health service-missing-timing | server',
      '  GET /health | exempt | route-exempt | circle-outline',
      '  GET /users/:id | ✓ logged  ✓ request ID  ✓ timed | route-covered | pass',
      '  POST /orders | ✓ logged  ✗ request ID  ✗ timed | route-uncovered | warning',
    ]);
    assert.deepEqual(tree[0].location, { folder: 'file:///work/shop', file: 'src/app.ts', line: 4 });
    assert.deepEqual(tree[0].children[2].location, { folder: 'file:///work/shop', file: 'src/app.ts', line: 9 });
    assert.match(tree[0].children[2].tooltip, /✗ request ID: none set for it \(require-correlation-id\)/);
    assert.deepEqual(coverage(reports), { covered: 1, total: 2 });
    assert.equal(coverageText(coverage(reports)), '1/2 routes covered');
  });

  it('an app named by its call is not named twice', () => {
    assert.equal(
      buildServiceTree([folder('file:///w', [service([], { name: 'express()' })])])[0].label,
      'express() src/app.ts:4',
    );
  });

  it('a fully covered service offers no insert command; an exempt-only miss does not count', () => {
    const tree = buildServiceTree([
      folder('file:///w', [
        service([route('GET', '/a', 1), route('GET', '/metrics', 2, { exempt: true, timed: false })]),
      ]),
    ]);
    assert.equal(tree[0].contextValue, 'service');
    assert.equal(tree[0].description, '1/1 covered · probes ✓ · metrics ✓');
  });

  it('several folders: a node per folder with services, its coverage as description; ids stay unique', () => {
    const reports = [
      folder('file:///work/api%20gateway', [service([route('GET', '/a', 1, { logged: false })])]),
      folder('file:///work/empty', []),
      folder('file:///work/billing', [service([route('GET', '/a', 1)])]),
    ];
    const tree = buildServiceTree(reports);
    assert.deepEqual(
      tree.map((node) => [node.kind, node.label, node.description]),
      [
        ['folder', 'api gateway', '0/1 routes covered'],
        ['folder', 'billing', '1/1 routes covered'],
      ],
    );
    const ids = outline(tree).length;
    const unique = new Set(
      tree.flatMap((node) => [
        node.id,
        ...node.children.flatMap((child) => [child.id, ...child.children.map((leaf) => leaf.id)]),
      ]),
    );
    assert.equal(unique.size, ids);
    assert.deepEqual(coverage(reports), { covered: 1, total: 2 });
  });

  it('builds from the report the server answers (a real fixture service)', () => {
    const dir = fixturePath('services', 'express-ts');
    const report = JSON.parse(JSON.stringify(buildRouteReport(dir))) as FolderReport['report'];
    const tree = buildServiceTree([{ folder: pathToFileURL(dir).toString(), report }]);
    assert.equal(tree.length, report.services.length);
    assert.ok(tree.length > 0, 'the fixture has a service');
    assert.deepEqual(
      tree.flatMap((node) => node.children.map((child) => child.label)),
      report.services.flatMap((app) => app.routes.map((entry) => `${entry.method} ${entry.path}`)),
    );
  });
});
