import * as path from 'node:path';
import { isTestOrScriptFile, isTestOrScriptPath } from '../test-files';

/** Files that mark the root of a Python project. */
const PYTHON_PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'requirements.txt'];
/** pytest's and unittest's own file names, besides the test folders the JavaScript side knows. */
const PYTHON_TEST_FILE = /(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.pyi?$/;

/**
 * Tests, fixtures and scripts of a Python project, judged by the path inside the project (the folder of the
 * nearest `pyproject.toml`, `setup.py`…; else the JavaScript side's root): `tests/`, `test_*.py`, `conftest.py`.
 */
export function isPythonTestOrScriptFile(filename: string, exists: (file: string) => boolean): boolean {
  const normalised = filename.replace(/\\/g, '/');
  if (PYTHON_TEST_FILE.test(normalised)) return true;
  if (!path.isAbsolute(filename)) return isTestOrScriptPath(normalised);
  for (let directory = path.dirname(filename); ;) {
    if (PYTHON_PROJECT_MARKERS.some((marker) => exists(path.join(directory, marker)))) {
      return isTestOrScriptPath(path.relative(directory, filename).replace(/\\/g, '/'));
    }
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return isTestOrScriptFile(filename);
}
