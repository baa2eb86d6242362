/** The JSON-like values the rule files hold. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/** Plain scalars that read back as themselves: names (no YAML keywords, indicators or `: `/` #`) and durations (`10m`). */
const PLAIN = /^(?:[A-Za-z_][A-Za-z0-9_.:/-]*|(?:\d+(?:ms|s|m|h|d|w|y))+)$/;
const KEYWORDS = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;
/** Single quotes keep PromQL readable (`{job="api"}` needs no escapes); they cannot hold line breaks or control characters. */
// eslint-disable-next-line no-control-regex -- control characters cannot be written single-quoted in YAML
const SINGLE_QUOTABLE = /^[^\x00-\x1f\x7f]*$/;

/** A string as YAML reads it back: plain when safe, else single-quoted (`'` doubled), else double-quoted as JSON. */
function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !KEYWORDS.test(value)) return value;
  return SINGLE_QUOTABLE.test(value) ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

function isScalar(value: YamlValue): value is string | number | boolean {
  return typeof value !== 'object';
}

/** Block-style YAML for the rule files (objects, arrays of objects, scalars), two spaces per level. */
export function toYaml(value: YamlValue, indent = 0): string {
  return lines(value, indent).join('\n') + '\n';
}

function lines(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (isScalar(value)) return [pad + scalar(value)];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${pad}- ${scalar(item)}`];
      const nested = lines(item, indent + 2);
      return [`${pad}- ${nested[0].slice(indent + 2)}`, ...nested.slice(1)];
    });
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [`${pad}{}`];
  return entries.flatMap(([key, item]) => {
    if (isScalar(item)) return [`${pad}${scalar(key)}: ${scalar(item)}`];
    if (Array.isArray(item) && item.length === 0) return [`${pad}${scalar(key)}: []`];
    return [`${pad}${scalar(key)}:`, ...lines(item, indent + 2)];
  });
}
