import type { PyNode } from './nodes';
import { dottedName, field, fieldAll, walk } from './query';

/**
 * What each imported name of a module stands for: `import logging` binds `logging` to `logging`;
 * `import prometheus_client as prom` binds `prom` to `prometheus_client`; `from fastapi import FastAPI as F` binds `F`
 * to `fastapi.FastAPI`; `from .routers import users` binds `users` to `.routers.users`. Imports anywhere in the module
 * count (inside `try`, `if TYPE_CHECKING`, functions), as Python binds them when they run.
 */
export class PythonImports {
  readonly bindings = new Map<string, string>();

  constructor(module: PyNode) {
    walk(module, (node) => {
      if (node.type === 'import_statement') {
        for (const name of fieldAll(node, 'name')) this.bindImport(name);
      } else if (node.type === 'import_from_statement') {
        const from = field(node, 'module_name')?.text ?? '';
        for (const name of fieldAll(node, 'name')) this.bindFrom(from, name);
        // `from x import *` binds names we cannot list; nothing is bound.
      } else if (node.type === 'future_import_statement') {
        return false;
      }
      return undefined;
    });
  }

  private bindImport(name: PyNode): void {
    const binding = importBinding(name);
    if (binding) this.bindings.set(binding.local, binding.origin);
  }

  private bindFrom(from: string, name: PyNode): void {
    if (name.type === 'aliased_import') {
      const target = field(name, 'name')?.text;
      const alias = field(name, 'alias')?.text;
      if (target && alias) this.bindings.set(alias, `${from}.${target}`);
    } else {
      this.bindings.set(name.text, from.endsWith('.') ? `${from}${name.text}` : `${from}.${name.text}`);
    }
  }

  /** The fully qualified name a dotted name refers to (`prom.Counter` → `prometheus_client.Counter`), if imported. */
  qualify(dotted: string | undefined): string | undefined {
    if (!dotted) return undefined;
    const [first, ...rest] = dotted.split('.');
    const origin = this.bindings.get(first);
    return origin === undefined ? undefined : [origin, ...rest].join('.');
  }

  /** The qualified name an expression refers to, when it is an imported name or an attribute of one. */
  qualifiedName(node: PyNode | undefined): string | undefined {
    return this.qualify(dottedName(node));
  }

  /** Whether the module imports `module` or anything from it (`fastapi`, `prometheus_client`). */
  importsFrom(module: string): boolean {
    for (const origin of this.bindings.values()) {
      if (origin === module || origin.startsWith(`${module}.`)) return true;
    }
    return false;
  }
}

/**
 * What one name of an `import` statement binds: `import prometheus_client as prom` binds `prom` to
 * `prometheus_client`; `import a.b.c` binds `a` (and `a.b.c` resolves through it).
 */
export function importBinding(name: PyNode): { local: string; origin: string } | undefined {
  if (name.type === 'aliased_import') {
    const target = field(name, 'name')?.text;
    const alias = field(name, 'alias')?.text;
    return target && alias ? { local: alias, origin: target } : undefined;
  }
  const first = name.text.split('.')[0];
  return { local: first, origin: first };
}

/** One reading of a tree's imports: the rules of one lint pass and the service model share it. */
const importsOfTree = new WeakMap<PyNode, PythonImports>();

/** The imports of a module's tree, read once per tree. */
export function importsOf(module: PyNode): PythonImports {
  let imports = importsOfTree.get(module);
  if (!imports) importsOfTree.set(module, (imports = new PythonImports(module)));
  return imports;
}
