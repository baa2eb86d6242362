/**
 * Fails when a package in the lock tree declares a dependency whose version the lock cannot pin for good.
 *
 * `npm ci` re-checks every declared range against the locked version. A range such as `latest` is resolved
 * against the registry at install time, so the lock that satisfied it yesterday is "out of sync" as soon as a
 * new version is published, and every clean install fails. Git and URL specs move the same way (a branch, a
 * tarball that can be replaced). The fix is an `overrides` entry in the root package.json that pins the
 * dependency, which this guard honours.
 *
 * Usage: node out/scripts/lock-guard.js [dir]   (dir holds package.json and package-lock.json; default: cwd)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LockedPackage {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface PackageLock {
  lockfileVersion?: number;
  packages?: Record<string, LockedPackage>;
}

export interface RootManifest {
  overrides?: Record<string, unknown>;
}

export interface MovingDependency {
  /** The lock entry that declares the dependency, e.g. `node_modules/@microsoft/eslint-formatter-sarif`. */
  location: string;
  /** The declaring package's name and version. */
  declaredBy: string;
  dependency: string;
  spec: string;
  why: string;
}

const WILDCARD = /^(?:\*|x|X)(?:\.(?:\*|x|X))*$/;
const GIT_OR_URL = /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|ssh:)/;
// `owner/repo` or `owner/repo#ref` is a GitHub shorthand; `npm:alias@range` and `workspace:` are not.
const GITHUB_SHORTHAND = /^[\w.-]+\/[\w.-]+(?:#.*)?$/;
// A valid npm dist-tag is anything that is not a semver range; the ones people publish are words.
const DIST_TAG = /^[A-Za-z][\w.-]*$/;

/**
 * Why a dependency spec cannot be reproduced from a lock, or undefined when it can.
 *
 * Wildcards (`*`, `x`, an empty range) are accepted by `npm ci` whatever version the lock holds, so a package
 * of the tree may declare them (DefinitelyTyped's packages all do: `"@types/node": "*"`). In this repository's
 * own manifests (`ownManifest`) they are refused: there they say "whatever the registry serves the day someone
 * runs npm install", which is the same drift with the lock as a witness instead of a guard.
 */
export function whyUnreproducible(spec: string, ownManifest = true): string | undefined {
  const trimmed = spec.trim();
  const wildcard = trimmed === '' ? 'an empty range' : WILDCARD.test(trimmed) ? `"${trimmed}"` : undefined;
  if (wildcard !== undefined) {
    return ownManifest ? `${wildcard} matches any version, so the registry decides on every npm install` : undefined;
  }
  if (GIT_OR_URL.test(trimmed) || GITHUB_SHORTHAND.test(trimmed)) {
    return 'a git or URL spec can point at different code tomorrow';
  }
  if (trimmed.startsWith('npm:')) {
    const aliased = trimmed.slice('npm:'.length);
    const at = aliased.lastIndexOf('@');
    return at > 0
      ? whyUnreproducible(aliased.slice(at + 1), ownManifest)
      : 'an alias without a range follows the registry';
  }
  if (DIST_TAG.test(trimmed) && !/^v?\d/.test(trimmed)) {
    return `the dist-tag "${trimmed}" moves with every release, and npm ci then rejects the lock`;
  }
  return undefined;
}

/** The package name a lock location installs, e.g. `node_modules/a/node_modules/@s/b` → `@s/b`. */
function packageNameAt(location: string, entry: LockedPackage): string {
  if (entry.name) return entry.name;
  const marker = 'node_modules/';
  const index = location.lastIndexOf(marker);
  return index === -1 ? location : location.slice(index + marker.length);
}

/** The names on the path from the root to a lock location, outermost first. */
function ancestorsOf(location: string): string[] {
  return location
    .split(/(?:^|\/)node_modules\//)
    .filter((part) => part !== '')
    .map((part) => part.replace(/\/$/, ''));
}

/** `name` or `name@range` keys of an overrides object, read as the package name. */
function overrideKeyName(key: string): string {
  const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
  return at === -1 ? key : key.slice(0, at);
}

/**
 * Whether the root `overrides` pin `dependency` where `location` declares it: globally, or under the declaring
 * package or one of its ancestors (npm applies nested overrides to the whole subtree).
 */
function isOverridden(overrides: Record<string, unknown> | undefined, location: string, dependency: string): boolean {
  if (!overrides) return false;
  const scopes = new Set(ancestorsOf(location));
  const search = (level: Record<string, unknown>): boolean => {
    for (const [key, value] of Object.entries(level)) {
      const name = overrideKeyName(key);
      if (name === dependency && (typeof value === 'string' || (isRecord(value) && typeof value['.'] === 'string'))) {
        return true;
      }
      if (isRecord(value) && scopes.has(name) && search(value)) return true;
    }
    return false;
  };
  return search(overrides);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every dependency in the lock tree that a clean install cannot reproduce and no override pins. */
export function movingDependencies(lock: PackageLock, manifest: RootManifest): MovingDependency[] {
  if (!lock.packages) {
    throw new Error(
      `package-lock.json has no "packages" map (lockfileVersion ${lock.lockfileVersion ?? 'unknown'}); run npm install with npm 7 or later`,
    );
  }
  const found: MovingDependency[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    // The root and the workspaces are this repository's own manifests: their dev dependencies are installed too.
    const ownManifest = !location.includes('node_modules/');
    const declared = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...(ownManifest ? entry.devDependencies : undefined),
    };
    for (const [dependency, spec] of Object.entries(declared)) {
      const why = whyUnreproducible(spec, ownManifest);
      if (why === undefined || isOverridden(manifest.overrides, location, dependency)) continue;
      const name = location === '' ? '(root)' : packageNameAt(location, entry);
      found.push({
        location: location || '.',
        declaredBy: entry.version ? `${name}@${entry.version}` : name,
        dependency,
        spec,
        why,
      });
    }
  }
  return found;
}

export function describe(moving: MovingDependency[]): string {
  const lines = moving.map(
    (item) => `  ${item.declaredBy} (${item.location}) depends on ${item.dependency}@"${item.spec}": ${item.why}`,
  );
  return [
    `${moving.length} dependenc${moving.length === 1 ? 'y' : 'ies'} in package-lock.json cannot be reproduced by npm ci:`,
    ...lines,
    'Pin each one in the root package.json "overrides" (for example { "<package>": { "<dependency>": "<exact version>" } })',
    'or replace the package that declares it.',
  ].join('\n');
}

export function checkLock(directory: string): MovingDependency[] {
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8'));
  return movingDependencies(read('package-lock.json') as PackageLock, read('package.json') as RootManifest);
}

if (require.main === module) {
  const directory = path.resolve(process.argv[2] ?? '.');
  const moving = checkLock(directory);
  if (moving.length > 0) {
    console.error(describe(moving));
    process.exit(1);
  }
  console.log(`package-lock.json: every dependency is reproducible (${directory})`);
}
