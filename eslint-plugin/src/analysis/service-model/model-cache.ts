import * as path from 'node:path';
import { isSourceFile } from '../module-resolution';
import type { ModuleFileChange } from '../source-texts';
import type { ServiceModel } from './types';

export interface ProjectModel {
  next?: boolean;
  /** The model and the texts of the files it was built from: it stays valid while every one reads the same. */
  model?: { model: ServiceModel; texts: Map<string, string | undefined>; key: string };
}

/** The service models of one analysis host, by project root. */
export class ServiceModelCache {
  private readonly projects = new Map<string, ProjectModel>();

  /** The cache entry of a project, created empty on first use. */
  project(root: string): ProjectModel {
    let project = this.projects.get(root);
    if (!project) this.projects.set(root, (project = {}));
    return project;
  }

  has(root: string): boolean {
    return this.projects.get(root)?.model !== undefined;
  }

  invalidate(changes: readonly ModuleFileChange[] | undefined, rootOf: (file: string) => string): void {
    if (!changes) {
      this.projects.clear();
      return;
    }
    for (const { file, kind } of changes) {
      const manifest = path.basename(file) === 'package.json';
      // A changed file's model is revalidated by content on the next lint; a file that appeared or disappeared
      // changes the project's app roots, and a manifest may add or remove Next.js.
      if (kind !== 'changed' || manifest || !isSourceFile(file)) this.projects.delete(rootOf(file));
    }
  }
}
