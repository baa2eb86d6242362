/**
 * promlint's checks (the ones `promtool check metrics` runs), applied to a metric's declared name and labels.
 * Pure functions over strings so the rule stays thin and the checks are testable alone.
 */

export interface NameProblem {
  id:
    | 'camelCase'
    | 'colon'
    | 'counterTotal'
    | 'nonCounterTotal'
    | 'nonBaseUnit'
    | 'unitAbbreviation'
    | 'typeInName'
    | 'reservedSuffix'
    | 'otelUnitInName'
    | 'otelTotal';
  /** The suggested name, when one can be derived. */
  replacement?: string;
  /** Extra words for the message: the unit found, what to rescale by, the suffix… */
  detail: Record<string, string>;
}

/** Non-base units and the base unit with the factor to multiply recorded values by. */
const NON_BASE_UNITS: Record<string, { base: string; rescale: string }> = {
  milliseconds: { base: 'seconds', rescale: 'divided by 1000' },
  microseconds: { base: 'seconds', rescale: 'divided by 1e6' },
  nanoseconds: { base: 'seconds', rescale: 'divided by 1e9' },
  minutes: { base: 'seconds', rescale: 'multiplied by 60' },
  hours: { base: 'seconds', rescale: 'multiplied by 3600' },
  days: { base: 'seconds', rescale: 'multiplied by 86400' },
  weeks: { base: 'seconds', rescale: 'multiplied by 604800' },
  bits: { base: 'bytes', rescale: 'divided by 8' },
  kilobytes: { base: 'bytes', rescale: 'multiplied by 1000' },
  megabytes: { base: 'bytes', rescale: 'multiplied by 1e6' },
  gigabytes: { base: 'bytes', rescale: 'multiplied by 1e9' },
  kibibytes: { base: 'bytes', rescale: 'multiplied by 1024' },
  mebibytes: { base: 'bytes', rescale: 'multiplied by 1048576' },
  inches: { base: 'meters', rescale: 'multiplied by 0.0254' },
  miles: { base: 'meters', rescale: 'multiplied by 1609.344' },
  pounds: { base: 'grams', rescale: 'multiplied by 453.592' },
  fahrenheit: { base: 'celsius', rescale: 'converted' },
  kelvins: { base: 'kelvin', rescale: 'kept as they are' },
};
/** promlint's abbreviations (at a `_` boundary or the end), with the base unit they stand for. */
const ABBREVIATIONS: Record<string, { base: string; rescale: string }> = {
  ms: NON_BASE_UNITS.milliseconds,
  us: NON_BASE_UNITS.microseconds,
  ns: NON_BASE_UNITS.nanoseconds,
  s: { base: 'seconds', rescale: 'kept as they are' },
  sec: { base: 'seconds', rescale: 'kept as they are' },
  secs: { base: 'seconds', rescale: 'kept as they are' },
  b: { base: 'bytes', rescale: 'kept as they are' },
  kb: { base: 'bytes', rescale: 'multiplied by 1000' },
  mb: { base: 'bytes', rescale: 'multiplied by 1e6' },
  gb: { base: 'bytes', rescale: 'multiplied by 1e9' },
  tb: { base: 'bytes', rescale: 'multiplied by 1e12' },
  pb: { base: 'bytes', rescale: 'multiplied by 1e15' },
  m: { base: 'meters', rescale: 'checked: `m` may mean minutes' },
  h: NON_BASE_UNITS.hours,
  d: NON_BASE_UNITS.days,
};
const TYPE_WORDS: Record<string, string> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
};

export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** promlint on a prom-client metric name of the given type. */
export function promNameProblems(name: string, type: 'counter' | 'gauge' | 'histogram' | 'summary'): NameProblem[] {
  const problems: NameProblem[] = [];
  if (/[a-z][A-Z]/.test(name)) problems.push({ id: 'camelCase', replacement: toSnakeCase(name), detail: { name } });
  if (name.includes(':')) problems.push({ id: 'colon', replacement: name.replace(/:/g, '_'), detail: { name } });
  const snake = toSnakeCase(name).replace(/:/g, '_');
  const tokens = snake.split('_');
  if (type === 'counter' && !snake.endsWith('_total')) {
    const stem = snake.replace(/_(count|counter|sum)$/, '');
    problems.push({ id: 'counterTotal', replacement: `${stem}_total`, detail: { name } });
  }
  if (type !== 'counter' && snake.endsWith('_total'))
    problems.push({ id: 'nonCounterTotal', replacement: snake.slice(0, -'_total'.length), detail: { name, type } });
  for (const [index, token] of tokens.entries()) {
    const nonBase = own(NON_BASE_UNITS, token);
    if (nonBase) {
      problems.push({
        id: 'nonBaseUnit',
        replacement: replaceToken(tokens, index, nonBase.base),
        detail: { unit: token, base: nonBase.base, rescale: nonBase.rescale },
      });
      break;
    }
    const abbreviation = index > 0 ? own(ABBREVIATIONS, token) : undefined;
    if (abbreviation) {
      problems.push({
        id: 'unitAbbreviation',
        replacement: replaceToken(tokens, index, abbreviation.base),
        detail: { unit: token, base: abbreviation.base, rescale: abbreviation.rescale },
      });
      break;
    }
  }
  const typeWord = TYPE_WORDS[type];
  const typeIndex = tokens.indexOf(typeWord);
  if (typeWord && typeIndex > 0) {
    problems.push({
      id: 'typeInName',
      replacement: tokens.filter((_, index) => index !== typeIndex).join('_'),
      detail: { type: typeWord },
    });
  }
  const reserved = /_(bucket|count|sum)$/.exec(snake)?.[1];
  if (reserved && !(type === 'counter' && reserved !== 'bucket')) {
    problems.push({ id: 'reservedSuffix', detail: { suffix: `_${reserved}`, type } });
  }
  return problems;
}

const OTEL_UNIT_SUFFIXES: Record<string, string> = {
  ms: 'ms',
  milliseconds: 'ms',
  seconds: 's',
  s: 's',
  sec: 's',
  us: 'us',
  microseconds: 'us',
  ns: 'ns',
  nanoseconds: 'ns',
  bytes: 'By',
  kb: 'kBy',
  kilobytes: 'kBy',
  mb: 'MBy',
  megabytes: 'MBy',
  percent: '%',
};

/** OpenTelemetry names: units go in the `unit` option (the Prometheus exporter appends them), no `total`, no camelCase. */
export function otelNameProblems(name: string, kind: string): NameProblem[] {
  const problems: NameProblem[] = [];
  if (/[a-z][A-Z]/.test(name)) problems.push({ id: 'camelCase', replacement: toSnakeCase(name), detail: { name } });
  const match =
    /[._](ms|milliseconds|seconds|s|sec|us|microseconds|ns|nanoseconds|bytes|kb|kilobytes|mb|megabytes|percent)$/.exec(
      name,
    );
  if (match) {
    problems.push({
      id: 'otelUnitInName',
      replacement: name.slice(0, match.index),
      detail: { unit: OTEL_UNIT_SUFFIXES[match[1]], suffix: match[0] },
    });
  }
  if (/[._]total$/.test(name) && kind.includes('counter')) {
    problems.push({ id: 'otelTotal', replacement: name.replace(/[._]total$/, ''), detail: { name } });
  }
  return problems;
}

/** A table lookup that never finds Object.prototype members (`x_constructor` is a name, not a unit). */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function replaceToken(tokens: readonly string[], index: number, base: string): string {
  return tokens.map((token, i) => (i === index ? base : token)).join('_');
}

/** Label-name problems: camelCase, reserved `le` (histograms) and `quantile` (summaries), the `__` prefix. */
export function labelNameProblem(
  label: string,
  type: string,
): { id: 'labelCamelCase' | 'reservedLabel'; replacement?: string } | undefined {
  if (
    (label === 'le' && type === 'histogram') ||
    (label === 'quantile' && type === 'summary') ||
    label.startsWith('__')
  )
    return { id: 'reservedLabel' };
  if (/[a-z][A-Z]/.test(label)) return { id: 'labelCamelCase', replacement: toSnakeCase(label) };
  return undefined;
}
