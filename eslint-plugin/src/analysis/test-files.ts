import * as path from 'node:path';
import { findProjectRoot } from './modules';

/**
 * Tests, mocks, fixtures and one-off scripts: code that creates apps and logs data to exercise a service, not to
 * run it. Their findings are rarely acted on, so the service model does not take their apps as services and
 * `no-pii-in-logs` skips them unless asked (`checkTestFiles`).
 */
const TEST_DIRECTORY = /(?:^|\/)(?:test|tests|__tests__|__mocks__|__fixtures__|spec|e2e|fixtures|mocks|scripts)\//;
const TEST_FILE = /\.(?:test|spec|e2e-spec|e2e|mock|stories)\.[cm]?[jt]sx?$/;

/** `relative` is a path inside the project, with `/` separators. */
export function isTestOrScriptPath(relative: string): boolean {
  const normalised = relative.replace(/\\/g, '/');
  return TEST_DIRECTORY.test(normalised) || TEST_FILE.test(normalised);
}

/** An absolute file judged by its path inside its project (the folder of its nearest package.json). */
export function isTestOrScriptFile(filename: string): boolean {
  if (!path.isAbsolute(filename)) return isTestOrScriptPath(filename);
  return isTestOrScriptPath(path.relative(findProjectRoot(filename), filename));
}
