import { pythonLanguage } from '../../languages/python/language';
import type { PyNode } from '../../languages/python/nodes';
import { statements } from '../../languages/python/query';
import type { PythonFix } from '../../languages/python/rule';
import { pythonServiceFix, type PythonServiceConcern, type PythonServiceProfile } from './service-fixes';

const FIXER = {
  insertTextBeforeRange: (range: [number, number], text: string): PythonFix => ({ range: [range[0], range[0]], text }),
  insertTextAfterRange: (range: [number, number], text: string): PythonFix => ({ range: [range[1], range[1]], text }),
  replaceTextRange: (range: [number, number], text: string): PythonFix => ({ range, text }),
  removeRange: (range: [number, number]): PythonFix => ({ range, text: '' }),
};

function applyFixes(text: string, fixes: PythonFix[]): string {
  let result = text;
  for (const fix of [...fixes].sort((a, b) => b.range[0] - a.range[0]))
    result = result.slice(0, fix.range[0]) + fix.text + result.slice(fix.range[1]);
  return result;
}

/**
 * A FastAPI module with the code the service fixes insert for `concerns`, applied one after the other to
 * `from fastapi import FastAPI` / `<app> = FastAPI()`: what the snippets offer, from the same code as the fixes.
 * The grammar must be loaded (`pythonLanguage.load()`).
 */
export function pythonServiceTemplate(
  concerns: readonly PythonServiceConcern[],
  profile: Omit<PythonServiceProfile, 'servedPaths'>,
): string {
  let text = `from fastapi import FastAPI\n\n${profile.appName} = FastAPI()\n`;
  for (const concern of concerns) {
    const parsed = pythonLanguage.parse({ path: 'main.py', body: text });
    if (!parsed.ok) throw new Error(`pythonServiceTemplate: the ${concern} code does not parse`);
    const sourceCode = pythonLanguage.createSourceCode({ path: 'main.py', body: text }, parsed);
    const appStatement = statements(parsed.ast).find((statement: PyNode) =>
      statement.text.startsWith(`${profile.appName} = FastAPI(`),
    );
    if (!appStatement) throw new Error('pythonServiceTemplate: the app statement is gone');
    const fix = pythonServiceFix(concern, sourceCode, appStatement, { ...profile, servedPaths: new Set() });
    const produced = fix?.(FIXER);
    if (!produced) continue;
    text = applyFixes(text, Array.isArray(produced) ? produced : [produced]);
  }
  return text;
}
