/** Where a memoised answer is kept: a Map, or a WeakMap keyed by trees and nodes. `null` records "looked, none". */
export interface MemoStore<K, V> {
  get(key: K): V | null | undefined;
  set(key: K, value: V | null): unknown;
}

/** The answer for `key`, computed once: absent answers are remembered too, so a miss is not looked up again. */
export function remembered<K, V>(store: MemoStore<K, V>, key: K, compute: () => V | undefined): V | undefined {
  const known = store.get(key);
  if (known !== undefined) return known ?? undefined;
  const value = compute();
  store.set(key, value ?? null);
  return value;
}

/**
 * Answers of a pure function of a string: no file, no project, no option behind them, so they are the same for
 * every analysis host and never stale. At most `limit` are kept (then all are dropped: names repeat in bursts).
 */
export class PureMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(
    private readonly compute: (key: string) => V,
    private readonly limit = 50_000,
  ) {}

  get(key: string): V {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as V;
    const value = this.compute(key);
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }
}
