import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveExports } from 'resolve-pkg-maps';

/**
 * Packages of the monorepo a file belongs to (npm/yarn `workspaces`, pnpm-workspace.yaml), by name: an import of
 * `@scope/common` from one service is the project's own code in `packages/common`, not a dependency to skip —
 * even before anything is built or installed (no `node_modules` link, no `dist/`).
 */

interface Manifest {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
  exports?: unknown;
  workspaces?: string[] | { packages?: string[] };
}

/** The conditions a TypeScript/Node service resolves with; `types` first so a `.d.ts` maps back to its source. */
const CONDITIONS = ['types', 'import', 'require', 'node', 'default'];

/** What one analysis host knows of the monorepos its files belong to, read once and kept until a manifest changes. */
export class WorkspacePackages {
  private readonly rootByDir = new Map<string, string | null>();
  private readonly packagesByRoot = new Map<string, ReadonlyMap<string, string>>();
  private readonly manifests = new Map<string, Manifest | null>();

  clear(): void {
    this.rootByDir.clear();
    this.packagesByRoot.clear();
    this.manifests.clear();
  }

  private manifestAt(dir: string): Manifest | null {
    let manifest = this.manifests.get(dir);
    if (manifest === undefined) {
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
      } catch {
        manifest = null;
      }
      this.manifests.set(dir, manifest);
    }
    return manifest;
  }

  /** The folder holding the workspace definition above `dir`, if any. */
  private workspaceRoot(dir: string): string | undefined {
    const visited: string[] = [];
    let current = dir;
    let found: string | null | undefined;
    for (;;) {
      found = this.rootByDir.get(current);
      if (found !== undefined) break;
      visited.push(current);
      if (this.workspacePatterns(current).length > 0) {
        found = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) {
        found = null;
        break;
      }
      current = parent;
    }
    for (const seen of visited) this.rootByDir.set(seen, found);
    return found ?? undefined;
  }

  private workspacePatterns(dir: string): string[] {
    const declared = this.manifestAt(dir)?.workspaces;
    const patterns = Array.isArray(declared) ? declared : Array.isArray(declared?.packages) ? declared.packages : [];
    if (patterns.length > 0) return patterns.filter((pattern): pattern is string => typeof pattern === 'string');
    try {
      // pnpm: `packages:` followed by `- 'apps/*'` lines.
      const yaml = fs.readFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'utf8');
      const block = /^packages:\s*\n((?:\s+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
      return [...block.matchAll(/-\s*['"]?([^'"\n#]+?)['"]?\s*(?:#.*)?$/gm)]
        .map((match) => match[1].trim())
        .filter((pattern) => !pattern.startsWith('!'));
    } catch {
      return [];
    }
  }

  /** Workspace package names to folders, from patterns such as `packages/*`, `apps/**` and literal folders. */
  private packagesOf(root: string): ReadonlyMap<string, string> {
    let packages = this.packagesByRoot.get(root);
    if (packages) return packages;
    const found = new Map<string, string>();
    const add = (dir: string): void => {
      const name = this.manifestAt(dir)?.name;
      if (name && !found.has(name)) found.set(name, dir);
    };
    const children = (dir: string): string[] => {
      try {
        return fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
          .map((entry) => path.join(dir, entry.name));
      } catch {
        return [];
      }
    };
    for (const pattern of this.workspacePatterns(root)) {
      const parts = pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/');
      let dirs = [root];
      for (const part of parts) {
        if (part === '**') dirs = dirs.flatMap((dir) => [dir, ...children(dir), ...children(dir).flatMap(children)]);
        else if (part.includes('*')) {
          const matcher = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
          dirs = dirs.flatMap((dir) => children(dir).filter((child) => matcher.test(path.basename(child))));
        } else dirs = dirs.map((dir) => path.join(dir, part));
      }
      for (const dir of dirs) add(dir);
    }
    packages = found;
    this.packagesByRoot.set(root, packages);
    return packages;
  }

  /**
   * The files an import of a workspace package may be, most likely first: the entry its manifest names (`exports`
   * with TypeScript's and Node's conditions, `source`, `module`, `main`, `types`), each also mapped back from build
   * output to source (`dist/index.d.ts` → `src/index.ts`), then `src/index`. Undefined when the specifier names no
   * package of the workspace.
   */
  candidates(fromFile: string, specifier: string): string[] | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const rest = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
    const root = this.workspaceRoot(path.dirname(fromFile));
    const dir = root ? this.packagesOf(root).get(name) : undefined;
    if (!dir) return undefined;
    const manifest = this.manifestAt(dir) ?? {};
    const subpath = rest ? `./${rest}` : '.';
    const entries: string[] = [];
    if (manifest.exports !== undefined && manifest.exports !== null) {
      try {
        entries.push(...resolveExports(manifest.exports as Parameters<typeof resolveExports>[0], subpath, CONDITIONS));
      } catch {
        // An export map that does not name this subpath: fall through to the folder layout.
      }
    }
    if (rest) entries.push(rest, `src/${rest}`);
    else
      entries.push(
        ...[manifest.source, manifest.module, manifest.main, manifest.types, manifest.typings].filter(
          (entry): entry is string => typeof entry === 'string',
        ),
        'src/index',
        'index',
      );
    const candidates: string[] = [];
    for (const entry of entries) {
      const file = path.resolve(dir, entry);
      candidates.push(...sourceOf(dir, file), file);
    }
    return [...new Set(candidates)];
  }
}

/** Build output back to its source: `dist/x.js`, `lib/x.d.ts`, `build/x.mjs` → `src/x` (extension left to the resolver). */
function sourceOf(dir: string, file: string): string[] {
  const relative = path.relative(dir, file).split(path.sep);
  if (!['dist', 'lib', 'build', 'out', 'esm', 'cjs'].includes(relative[0] ?? '')) return [];
  const stem = relative
    .slice(1)
    .join('/')
    .replace(/\.d\.[cm]?ts$|\.[cm]?js$/, '');
  return [path.join(dir, 'src', stem)];
}
