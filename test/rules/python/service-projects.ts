import * as fs from 'node:fs';
import { fixturePath } from '../../helpers';

/** A file of a Python fixture project under test/fixtures/python-projects. */
export function pyProject(project: string, ...segments: string[]): string {
  return fixturePath('python-projects', project, ...segments);
}

/** The text of a fixture project's file, for cases that lint it as it is on disk. */
export function pyProjectText(project: string, ...segments: string[]): string {
  return fs.readFileSync(pyProject(project, ...segments), 'utf8');
}

/** A file of no project on disk: single-module cases. */
export const MAIN = '/project/app/main.py';

export const FASTAPI = 'from fastapi import FastAPI\n';
