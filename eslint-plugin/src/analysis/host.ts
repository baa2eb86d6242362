import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { DerivedMemo, ProjectFacts } from './derived-memo';
import { ModuleResolver } from './module-resolution';
import { DEFAULT_MODULE_CACHE_BYTES, ParsedModules } from './parsed-modules';
import { ProjectScans } from './project-scan';
import { PythonProjects } from './python/projects';
import { type BufferReader, type ModuleFileChange, SourceTexts } from './source-texts';
import { ServiceModelCache } from './service-model/model-cache';

export interface AnalysisHostOptions {
  /** Unsaved editor buffers (undefined for a file that is not open: the disk is read). */
  buffers?: BufferReader;
  /** The editor's open files: they can create apps before they exist on disk. */
  openFiles?: () => readonly string[];
  /**
   * Bytes of source whose ASTs stay parsed between lints. An editor keeps more (an edit then re-parses only the
   * edited file); a one-shot run keeps the modules looked into again after a model is built.
   */
  moduleCacheBytes?: number;
}

/**
 * Everything the analysis knows about the code it reads, in one object: where texts come from, import
 * resolution, parsed modules, project scans and service models. A one-shot ESLint run uses the default host; the
 * language server creates one per workspace folder. What a change makes stale is forgotten by `invalidate`.
 */
export class AnalysisHost {
  readonly texts: SourceTexts;
  readonly resolver: ModuleResolver;
  readonly parsed: ParsedModules;
  readonly projects: ProjectScans;
  readonly models = new ServiceModelCache();
  /** What the callers of a function pass it (held-values): derived from every file, so forgotten on any change. */
  readonly passedArguments = new DerivedMemo<TSESTree.Node, Map<number, unknown[]>>();
  /** Facts derived from a whole project (its logger module): forgotten on any change. */
  readonly projectFacts = new ProjectFacts();
  /** Python projects: roots, source files, manifests and parsed modules (the service model of FastAPI apps). */
  readonly python: PythonProjects;

  constructor(options: AnalysisHostOptions = {}) {
    this.texts = new SourceTexts(options.buffers, options.openFiles);
    this.resolver = new ModuleResolver(this.texts);
    this.parsed = new ParsedModules(options.moduleCacheBytes ?? DEFAULT_MODULE_CACHE_BYTES);
    this.projects = new ProjectScans(this.texts, this.resolver);
    this.python = new PythonProjects(this.texts);
  }

  /**
   * Forgets what `changes` can affect (files created, changed or deleted outside the linted buffer), or everything
   * when nothing is known about what changed. The modules of unchanged files stay parsed.
   */
  invalidate(changes?: readonly ModuleFileChange[]): void {
    if (changes?.length === 0) return;
    // Models are dropped by project root, which must be found before the scans forget the roots they know.
    this.models.invalidate(changes, (file) => this.projects.rootOf(file));
    this.texts.invalidate(changes);
    this.resolver.invalidate(changes);
    this.parsed.invalidate(changes);
    this.projects.invalidate(changes);
    this.python.invalidate(changes);
    this.passedArguments.clear();
    this.projectFacts.clear();
  }

  /** The text of `file`, parsed and cached by content (ESLint's own AST for the file being linted). */
  parse(file: string, languageOptions: Parameters<ParsedModules['parse']>[2]): TSESTree.Program | undefined {
    const text = this.texts.text(file);
    if (text === undefined) return undefined;
    return this.texts.lintedAst(file) ?? this.parsed.parse(file, text, languageOptions);
  }
}

/**
 * The hosts in use, by the folder they serve: the one module-level state of the analysis. Files outside every
 * registered folder (and every file of a one-shot run) belong to the default host.
 */
const registered: Array<{ root: string; host: AnalysisHost }> = [];
const defaultHost = new AnalysisHost();

/** The host analysing `file` (absolute): the one registered for the innermost folder holding it, else the default. */
export function analysisHostFor(file: string): AnalysisHost {
  let found: { root: string; host: AnalysisHost } | undefined;
  for (const entry of registered) {
    const inside =
      file === entry.root || file.startsWith(entry.root.endsWith(path.sep) ? entry.root : entry.root + path.sep);
    if (inside && (!found || entry.root.length > found.root.length)) found = entry;
  }
  return found?.host ?? defaultHost;
}

/** The host of files no registered folder holds: a one-shot lint run, the `analyzeService` API. */
export function defaultAnalysisHost(): AnalysisHost {
  return defaultHost;
}

/** Serves the files under `root` from `host` until the returned function is called (a workspace folder closing). */
export function registerAnalysisHost(root: string, host: AnalysisHost): () => void {
  const entry = { root: path.resolve(root), host };
  if (registered.some((other) => other.root === entry.root))
    throw new Error(`an analysis host is already registered for ${entry.root}`);
  registered.push(entry);
  return () => {
    const index = registered.indexOf(entry);
    if (index >= 0) registered.splice(index, 1);
  };
}

/** Every host in use (the default one included): a change on disk may concern any of them. */
export function analysisHosts(): AnalysisHost[] {
  return [defaultHost, ...registered.map((entry) => entry.host)];
}
