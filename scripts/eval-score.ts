/**
 * Scoring of the real-service evaluation (eval/real): findings of the plugin against labels written by hand.
 * Pure functions, unit-tested; `eval-real.ts` fetches, lints and prints.
 */

export interface Label {
  rule: string;
  file: string;
  line: number;
  snippet?: string;
  why?: string;
}

export interface ServiceLabels {
  name: string;
  repo: string;
  commit: string;
  root?: string;
  frameworks?: string[];
  shapes?: string[];
  metrics?: string | null;
  rules: string[];
  labels: Label[];
  ambiguous?: Label[];
}

export interface Finding {
  rule: string;
  file: string;
  line: number;
  message?: string;
}

/** A finding matches a label of the same rule and file within this many lines. */
export const LINE_TOLERANCE = 2;

export interface RuleScore {
  rule: string;
  /** Findings that match a label. */
  truePositives: number;
  falsePositives: number;
  /** Findings on an ambiguous place: counted neither way. */
  ambiguous: number;
  labels: number;
  /** Labels some finding matches. */
  found: number;
  precision: number | undefined;
  recall: number | undefined;
}

export interface ServiceScore {
  service: string;
  falsePositives: Array<Finding & { service: string }>;
  misses: Array<Label & { service: string }>;
  byRule: Map<string, RuleScore>;
}

const near = (
  a: { rule: string; file: string; line: number },
  b: { rule: string; file: string; line: number },
): boolean =>
  a.rule === b.rule && normalise(a.file) === normalise(b.file) && Math.abs(a.line - b.line) <= LINE_TOLERANCE;

function normalise(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

function emptyScore(rule: string): RuleScore {
  return {
    rule,
    truePositives: 0,
    falsePositives: 0,
    ambiguous: 0,
    labels: 0,
    found: 0,
    precision: undefined,
    recall: undefined,
  };
}

/** Precision and recall of one service's findings; rules the service was not labelled for are ignored. */
export function scoreService(service: ServiceLabels, findings: readonly Finding[]): ServiceScore {
  const judged = new Set(service.rules);
  const byRule = new Map<string, RuleScore>([...judged].map((rule) => [rule, emptyScore(rule)]));
  const falsePositives: ServiceScore['falsePositives'] = [];
  const misses: ServiceScore['misses'] = [];
  for (const finding of findings) {
    const score = byRule.get(finding.rule);
    if (!score) continue;
    if (service.labels.some((label) => near(label, finding))) score.truePositives++;
    else if ((service.ambiguous ?? []).some((label) => near(label, finding))) score.ambiguous++;
    else {
      score.falsePositives++;
      falsePositives.push({ ...finding, service: service.name });
    }
  }
  for (const label of service.labels) {
    const score = byRule.get(label.rule);
    if (!score) continue;
    score.labels++;
    if (findings.some((finding) => near(label, finding))) score.found++;
    else misses.push({ ...label, service: service.name });
  }
  for (const score of byRule.values()) finishRatios(score);
  return { service: service.name, falsePositives, misses, byRule };
}

function finishRatios(score: RuleScore): void {
  const reported = score.truePositives + score.falsePositives;
  score.precision = reported === 0 ? undefined : score.truePositives / reported;
  score.recall = score.labels === 0 ? undefined : score.found / score.labels;
}

/** Per-rule totals over services (counts are summed, then the ratios computed: micro-averaged). */
export function totalScores(services: readonly ServiceScore[]): RuleScore[] {
  const totals = new Map<string, RuleScore>();
  for (const service of services) {
    for (const score of service.byRule.values()) {
      const total = totals.get(score.rule) ?? emptyScore(score.rule);
      total.truePositives += score.truePositives;
      total.falsePositives += score.falsePositives;
      total.ambiguous += score.ambiguous;
      total.labels += score.labels;
      total.found += score.found;
      totals.set(score.rule, total);
    }
  }
  const scores = [...totals.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  scores.forEach(finishRatios);
  return scores;
}

/** Problems in a labels file that would make its scores meaningless; empty when it is well-formed. */
export function validateLabels(service: unknown, fileName: string): string[] {
  const problems: string[] = [];
  const value = service as Partial<ServiceLabels>;
  if (typeof value !== 'object' || value === null) return [`${fileName}: not a JSON object`];
  if (typeof value.name !== 'string' || value.name === '') problems.push(`${fileName}: "name" is missing`);
  if (typeof value.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(value.repo))
    problems.push(`${fileName}: "repo" must be owner/name`);
  if (typeof value.commit !== 'string' || !/^[0-9a-f]{40}$/.test(value.commit))
    problems.push(`${fileName}: "commit" must be 40 hex digits`);
  if (!Array.isArray(value.rules) || value.rules.length === 0)
    problems.push(`${fileName}: "rules" must list the rules labelled`);
  const check = (labels: unknown, kind: string): void => {
    if (!Array.isArray(labels)) {
      problems.push(`${fileName}: "${kind}" must be an array`);
      return;
    }
    labels.forEach((label: Partial<Label>, index) => {
      const where = `${fileName}: ${kind}[${index}]`;
      if (typeof label.rule !== 'string' || !(value.rules ?? []).includes(label.rule))
        problems.push(`${where}: rule "${String(label.rule)}" is not in "rules"`);
      if (typeof label.file !== 'string' || label.file === '' || label.file.startsWith('/'))
        problems.push(`${where}: "file" must be a path relative to the root`);
      if (typeof label.line !== 'number' || !Number.isInteger(label.line) || label.line < 1)
        problems.push(`${where}: "line" must be a 1-based line number`);
      if (label.snippet !== undefined && (typeof label.snippet !== 'string' || label.snippet.length > 80))
        problems.push(`${where}: "snippet" must be at most 80 characters`);
    });
  };
  check(value.labels, 'labels');
  if (value.ambiguous !== undefined) check(value.ambiguous, 'ambiguous');
  return problems;
}

export function formatRatio(value: number | undefined): string {
  return value === undefined ? '  —  ' : value.toFixed(2);
}
