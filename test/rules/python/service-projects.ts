import * as fs from 'node:fs';
import type { PythonServiceConcern, PythonServiceProfile } from '../../../eslint-plugin/src/fixes/python/service-fixes';
import { pythonServiceFixOutput } from '../../fixes-run/python-service-fixes';
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

/** The profile a case expects the rule to hand the service fix, written out by the case. */
export interface ExpectedProfile {
  logger: PythonServiceProfile['logger'];
  metrics: PythonServiceProfile['metrics'];
  appName: string;
  servedPaths: readonly string[];
  /** require-health-endpoints' configured probe paths, when the case sets them. */
  probePaths?: PythonServiceProfile['probePaths'];
}

const SUGGESTION_MESSAGES: Record<PythonServiceConcern, string> = {
  requestLogging: 'addRequestLoggingMiddleware',
  correlationId: 'addCorrelationIdMiddleware',
  requestTiming: 'addRequestTimingPython',
  healthEndpoints: 'addHealthEndpointsPython',
};

/** A suggestion a case expects: resolved against the case's code by `withServiceSuggestions`. */
class ExpectedServiceSuggestion {
  constructor(
    readonly concern: PythonServiceConcern,
    readonly profile: ExpectedProfile,
    readonly desc: string | undefined,
  ) {}
}

/**
 * `suggestions` of an error whose one suggestion is the service fix for `concern` with `profile`: its output is
 * `pythonServiceFix` applied to the case's code for that profile (by `withServiceSuggestions`), so the case checks
 * that the rule hands the fix the right concern, app statement and profile. With `desc`, the suggestion's
 * message is checked by its text instead of its id.
 */
export function serviceSuggestion(concern: PythonServiceConcern, profile: ExpectedProfile, desc?: string): never {
  return [new ExpectedServiceSuggestion(concern, profile, desc)] as never;
}

interface CaseWithErrors {
  code: string;
  filename?: string;
  errors: number | ReadonlyArray<string | { suggestions?: unknown }>;
}

/** The cases with each `serviceSuggestion(...)` replaced by the suggestion it stands for. */
export function withServiceSuggestions<Case extends CaseWithErrors>(cases: Case[]): Case[] {
  return cases.map((testCase) => {
    if (typeof testCase.errors === 'number') return testCase;
    const errors = testCase.errors.map((error) => {
      if (typeof error === 'string' || !Array.isArray(error.suggestions)) return error;
      const [expected] = error.suggestions as unknown[];
      if (!(expected instanceof ExpectedServiceSuggestion)) return error;
      const { concern, profile, desc } = expected;
      const { code, filename = MAIN } = testCase;
      // Computed when RuleTester reads it: the Python grammar loads before the tests run, after the cases are built.
      const suggestion = {
        // RuleTester takes the message's text or its id, not both.
        ...(desc === undefined ? { messageId: SUGGESTION_MESSAGES[concern] } : { desc }),
        get output(): string {
          return pythonServiceFixOutput(code, filename, concern, {
            ...profile,
            servedPaths: new Set(profile.servedPaths),
          });
        },
      };
      return { ...error, suggestions: [suggestion] };
    });
    return { ...testCase, errors };
  });
}
