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
