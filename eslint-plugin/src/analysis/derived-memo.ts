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

/** Names one table of project facts (declared once, as a module constant, by the analysis that owns the fact). */
export class ProjectFact<T> {
  constructor(readonly name: string) {}
  /** Only for the type: a fact's values are `T`. */
  declare readonly valueType?: T;
}

/**
 * Facts derived from a whole project (which module exports its logger, …), per project root, kept until any file
 * changes (a file anywhere may become the answer).
 */
export class ProjectFacts {
  private readonly tables = new Map<ProjectFact<unknown>, Map<string, unknown>>();

  get<T>(fact: ProjectFact<T>, root: string, compute: () => T): T {
    let table = this.tables.get(fact);
    if (!table) this.tables.set(fact, (table = new Map<string, unknown>()));
    if (!table.has(root)) table.set(root, compute());
    return table.get(root) as T;
  }

  clear(): void {
    this.tables.clear();
  }
}
