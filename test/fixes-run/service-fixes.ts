import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import { serviceProjectFix, type ProjectFix } from 'eslint-plugin-observability/project-fixes';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/** The four rules whose suggestions make a service observable. */
export const SERVICE_RULES = [
  'require-route-logging',
  'require-correlation-id',
  'require-request-timing',
  'require-health-endpoints',
].map((rule) => `observability/${rule}`);

const SOURCE = /\.(?:js|mjs|cjs|ts|mts|cts|tsx)$/;

/**
 * A fresh copy of a fixture service under `out/` (inside the repository, so it resolves the repository's
 * node_modules: express, fastify, prom-client…), without build output from an earlier run.
 */
export function copyService(name: string): string {
  const target = path.join(repoRoot(), 'out', 'test', 'fixes-run', 'services', name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(fixturePath('run-services', name), target, { recursive: true });
  return target;
}

export function sourceFilesOf(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== '.next')
      found.push(...sourceFilesOf(full));
    else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

export interface ServiceFinding {
  file: string;
  ruleId: string;
  message: string;
  suggestions: number;
}

/** Lints every source file of the service with the four service rules. */
export function lintService(
  dir: string,
): Array<ServiceFinding & { message: string; text: string; messageObject: Linter.LintMessage }> {
  defaultAnalysisHost().invalidate();
  const linter = new Linter({ cwd: repoRoot() });
  const config = observabilityConfig(Object.fromEntries(SERVICE_RULES.map((rule) => [rule, 'warn'])));
  const findings = [];
  for (const file of sourceFilesOf(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const message of linter.verify(text, config, { filename: file })) {
      if (message.fatal) throw new Error(`${file}: ${message.message}`);
      if (!message.ruleId || !SERVICE_RULES.includes(message.ruleId)) continue;
      findings.push({
        file,
        ruleId: message.ruleId,
        message: message.message,
        suggestions: message.suggestions?.length ?? 0,
        text,
        messageObject: message,
      });
    }
  }
  return findings;
}

export interface AppliedFix {
  file: string;
  ruleId: string;
  description: string;
}

/**
 * Applies the fix, or else the first suggestion, of the service rules' findings, one at a time (each edit changes
 * what the next lint sees), until none is left. Findings without a fix or suggestion are returned as `left`.
 * Bounded: a fix that does not make its finding go away would loop, and fails instead.
 */
export function applyServiceFixes(dir: string, maxRounds = 40): { applied: AppliedFix[]; left: ServiceFinding[] } {
  const applied: AppliedFix[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const findings = lintService(dir);
    const actionable = findings.find((finding) => finding.messageObject.fix ?? finding.messageObject.suggestions?.[0]);
    if (!actionable) {
      // What one file's fix cannot do (Next.js: new route files, every route wrapped): the plugin's project fix.
      const project = findings
        .map((finding) => ({ finding, fix: serviceProjectFix(finding.file, finding.ruleId) }))
        .find(({ fix }) => fix);
      if (project) {
        applyProjectFix(project.fix!);
        applied.push({
          file: path.relative(dir, project.finding.file),
          ruleId: project.finding.ruleId,
          description: project.fix!.description,
        });
        continue;
      }
      return {
        applied,
        left: findings.map(({ file, ruleId, message, suggestions }) => ({ file, ruleId, message, suggestions })),
      };
    }
    const edit = actionable.messageObject.fix ?? actionable.messageObject.suggestions![0].fix;
    const fixed = actionable.text.slice(0, edit.range[0]) + edit.text + actionable.text.slice(edit.range[1]);
    fs.writeFileSync(actionable.file, fixed);
    applied.push({
      file: path.relative(dir, actionable.file),
      ruleId: actionable.ruleId,
      description: actionable.messageObject.suggestions?.[0]?.desc ?? 'fix',
    });
  }
  throw new Error(`fixes did not converge after ${maxRounds} rounds in ${dir}: ${JSON.stringify(applied, null, 1)}`);
}

/** Writes a project fix to disk: new files created (never over an existing one), edits applied from the end. */
export function applyProjectFix(fix: ProjectFix): void {
  for (const edit of fix.files) {
    if (edit.create !== undefined) {
      if (fs.existsSync(edit.file)) throw new Error(`a project fix would overwrite ${edit.file}`);
      fs.mkdirSync(path.dirname(edit.file), { recursive: true });
      fs.writeFileSync(edit.file, edit.create);
      continue;
    }
    let text = fs.readFileSync(edit.file, 'utf8');
    for (const change of [...(edit.changes ?? [])].sort((a, b) => b.range[0] - a.range[0]))
      text = text.slice(0, change.range[0]) + change.text + text.slice(change.range[1]);
    fs.writeFileSync(edit.file, text);
  }
}
