import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Cache, createPathsMatcher, parseTsconfig } from 'get-tsconfig';
import type { ModuleFileChange, SourceTexts } from './source-texts';
import { WorkspacePackages } from './workspaces';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SOURCE_FILE = new RegExp(`(?:${EXTENSIONS.map((extension) => extension.replace('.', '\\.')).join('|')})$`);
const CONFIG_FILE = /(?:^|[\\/])(?:tsconfig[^\\/]*|jsconfig)\.json$/;
const WORKSPACE_MANIFEST = /(?:^|[\\/])(?:package\.json|pnpm-workspace\.yaml)$/;

/** Whether a path names a JavaScript or TypeScript source (by extension, the ones imports resolve to). */
export function isSourceFile(file: string): boolean {
  return SOURCE_FILE.test(file);
}

/** The nearest tsconfig/jsconfig's `paths` and `baseUrl`: the candidate files of a bare specifier, or none. */
type PathsMatcher = (specifier: string) => string[];

/**
 * Resolves imports of project modules to files: relative, through tsconfig `paths`, or a package of the
 * workspace; exact, with an extension, `.js` written for a `.ts` source, or `index.*`. Answers are kept until a
 * file appears or disappears, or a config changes.
 */
export class ModuleResolver {
  /** `dir\0specifier` → the file it resolves to (null: none), shared by every file of a run. */
  private readonly resolutions = new Map<string, string | null>();
  /** Matchers by directory (the nearest config up from a file), read once per run. */
  private readonly aliasesByDir = new Map<string, PathsMatcher | null>();
  /** get-tsconfig's own cache of parsed configs (an `extends` chain is read once). */
  private readonly tsconfigs: Cache<string> = new Map();
  private readonly workspaces = new WorkspacePackages();

  constructor(private readonly texts: SourceTexts) {}

  invalidate(changes: readonly ModuleFileChange[] | undefined): void {
    const everything = !changes;
    const configs = everything || changes.some(({ file }) => CONFIG_FILE.test(file));
    // A manifest may add a workspace package, rename one or change its entry.
    const manifests = everything || changes.some(({ file }) => WORKSPACE_MANIFEST.test(file));
    // A file that appeared or disappeared may be what an import now resolves to.
    if (configs || manifests || changes.some(({ kind }) => kind !== 'changed')) this.resolutions.clear();
    if (configs) {
      this.aliasesByDir.clear();
      this.tsconfigs.clear();
    }
    if (manifests) this.workspaces.clear();
  }

  /** Whether an import refers to a module of the project: relative, or mapped by tsconfig `paths` or a workspace. */
  isProjectSpecifier(fromFile: string | undefined, specifier: string): boolean {
    if (specifier.startsWith('.')) return true;
    if (!fromFile || (!this.matchesAlias(fromFile, specifier) && !this.workspaces.candidates(fromFile, specifier)))
      return false;
    // `"paths": { "*": ["./*"] }` matches every specifier, packages included: like TypeScript, a mapping that finds
    // no file falls back to node_modules, so only a specifier that resolves into the project (or into a package of
    // its workspace) is the project's.
    return this.resolve(fromFile, specifier) !== undefined;
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    const relative = specifier.startsWith('.');
    const aliased = !relative && this.matchesAlias(fromFile, specifier);
    const workspace = relative ? undefined : this.workspaces.candidates(fromFile, specifier);
    if (!relative && !aliased && !workspace) return undefined;
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    const known = this.resolutions.get(key);
    if (known !== undefined && (known === null || known !== fromFile)) return known ?? undefined;
    // tsconfig mappings first, as TypeScript resolves; then a package of the workspace (a `baseUrl` maps every bare
    // specifier, so a miss there is not the end).
    const resolved = relative
      ? this.firstExisting(fromFile, path.resolve(path.dirname(fromFile), specifier))
      : ((aliased ? this.resolveAlias(fromFile, specifier) : undefined) ??
        workspace
          ?.map((candidate) => this.firstExisting(fromFile, candidate))
          .find((file) => file !== undefined && isSourceFile(file)));
    this.resolutions.set(key, resolved ?? null);
    return resolved;
  }

  private matchesAlias(fromFile: string, specifier: string): boolean {
    return (this.aliasesFor(fromFile)?.(specifier).length ?? 0) > 0;
  }

  private resolveAlias(fromFile: string, specifier: string): string | undefined {
    for (const candidate of this.aliasesFor(fromFile)?.(specifier) ?? []) {
      const resolved = this.firstExisting(fromFile, path.resolve(candidate));
      if (resolved) return resolved;
    }
    return undefined;
  }

  private firstExisting(fromFile: string, base: string): string | undefined {
    const candidates = [base, ...EXTENSIONS.map((ext) => base + ext)];
    const jsToTs = /\.(m|c)?js$/.exec(base);
    if (jsToTs) {
      const stem = base.slice(0, -jsToTs[0].length);
      candidates.push(`${stem}.${jsToTs[1] ?? ''}ts`, `${stem}.tsx`);
    }
    candidates.push(...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)));
    return candidates.find((candidate) => candidate !== fromFile && this.texts.exists(candidate));
  }

  /**
   * get-tsconfig reads the config as TypeScript does: JSON with comments, `extends` chains (relative or from a
   * package such as `@tsconfig/node20`), `paths` relative to `baseUrl` or to the config, `baseUrl` on its own.
   */
  private aliasesFor(fromFile: string): PathsMatcher | undefined {
    const visited: string[] = [];
    let dir = path.dirname(fromFile);
    let found: PathsMatcher | null | undefined;
    // The nearest config up from the file, within its package: a package without one is not mapped by its parent's.
    for (;;) {
      found = this.aliasesByDir.get(dir);
      if (found !== undefined) break;
      visited.push(dir);
      const config = ['tsconfig.json', 'jsconfig.json']
        .map((name) => path.join(dir, name))
        .find((file) => this.texts.exists(file));
      if (config) {
        found = this.pathsMatcherOf(config);
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir || fs.existsSync(path.join(dir, 'package.json'))) {
        found = null;
        break;
      }
      dir = parent;
    }
    for (const seen of visited) this.aliasesByDir.set(seen, found);
    return found ?? undefined;
  }

  private pathsMatcherOf(configFile: string): PathsMatcher | null {
    try {
      return createPathsMatcher({ path: configFile, config: parseTsconfig(configFile, this.tsconfigs) });
    } catch {
      // A config that does not parse maps nothing, as in an editor that reports it and goes on.
      return null;
    }
  }
}
