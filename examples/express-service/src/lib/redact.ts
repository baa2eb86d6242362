/** Keeps the shape of a value for debugging without its content. */
export function redact(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  const text = String(value);
  return text.length <= 4 ? '****' : `****${text.slice(-2)}`;
}
