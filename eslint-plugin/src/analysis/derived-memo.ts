/**
 * Answers derived from the whole project (what callers pass to a function), kept per tree node until any file
 * changes, with a guard for questions that lead back to themselves while being answered.
 */
export class DerivedMemo<K extends object, V> {
  private answers = new WeakMap<K, V>();
  private readonly asking = new Set<K>();

  get(key: K): V | undefined {
    return this.answers.get(key);
  }

  set(key: K, value: V): void {
    this.answers.set(key, value);
  }

  /** Runs `compute` for `key` unless it is already being computed (then `whenCyclic`). */
  guard<T>(key: K, whenCyclic: T, compute: () => T): T {
    if (this.asking.has(key)) return whenCyclic;
    this.asking.add(key);
    try {
      return compute();
    } finally {
      this.asking.delete(key);
    }
  }

  clear(): void {
    this.answers = new WeakMap();
  }
}
