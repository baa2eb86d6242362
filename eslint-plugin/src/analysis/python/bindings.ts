import type { PyNode } from '../../languages/python/nodes';
import { ancestors, field, parametersOf as parametersOfDefinition, walk } from '../../languages/python/query';

/**
 * What a name means where it is read, by Python's scoping (function, then enclosing functions, then module; class
 * bodies do not enclose their methods): the parameter that binds it, or the values written to it in that scope.
 */
export type PyBinding =
  | { kind: 'parameter'; scope: PyNode; parameter: PyNode; annotation: PyNode | undefined }
  | { kind: 'writes'; scope: PyNode; writes: PyWrite[] };

export interface PyWrite {
  /** The assignment, `for`, `with`, import or definition that binds the name. */
  statement: PyNode;
  /** What is written: the right-hand side (undefined for an import, a definition or an unpacking). */
  value: PyNode | undefined;
  /** How the value reaches the name: whole, as the element of an iterable (`for x in value`), or otherwise. */
  how: 'value' | 'element' | 'import' | 'definition' | 'opaque';
  /** `x: Model = …` and `x: Model` */
  annotation?: PyNode;
}

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);
const NESTED_SCOPES = new Set([
  'function_definition',
  'lambda',
  'class_definition',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
]);
const LOOPS = new Set(['for_statement', 'while_statement']);

/** The scopes that can bind a name read at `node`, innermost first (class bodies only for their own statements). */
function scopesOf(node: PyNode): PyNode[] {
  const found: PyNode[] = [];
  let first = true;
  for (const each of ancestors(node)) {
    if (!SCOPES.has(each.type)) continue;
    // A method does not see its class's names; only code written directly in the class body does.
    if (each.type === 'class_definition' && !first) continue;
    found.push(each);
    first = false;
  }
  return found;
}

/** Parameters of a function or lambda as (name, parameter node, annotation), named by an identifier. */
function parametersOf(scope: PyNode): Array<{ name: string; node: PyNode; annotation: PyNode | undefined }> {
  return parametersOfDefinition(scope).filter(({ nameNode }) => nameNode.type === 'identifier');
}

/** Every name a scope binds, with the statements that bind it, not looking into nested scopes. */
function collectWrites(scope: PyNode): Map<string, PyWrite[]> {
  const writes = new Map<string, PyWrite[]>();
  const add = (name: string, write: PyWrite): void => {
    const list = writes.get(name);
    if (list) list.push(write);
    else writes.set(name, [write]);
  };
  const addPattern = (pattern: PyNode, write: PyWrite): void => {
    for (const name of namesInPattern(pattern)) add(name, write);
  };
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  if (!body) return writes;
  const visit = (node: PyNode): void => {
    switch (node.type) {
      case 'assignment': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left?.type === 'identifier') {
          add(left.text, { statement: node, value: right, how: 'value', annotation: field(node, 'type') });
        } else if (left) {
          addPattern(left, { statement: node, value: right, how: 'opaque' });
        }
        // `a = b = value`: the right side is itself an assignment.
        if (right?.type === 'assignment') visit(right);
        else if (right) visitChildren(right);
        return;
      }
      case 'augmented_assignment': {
        const left = field(node, 'left');
        if (left?.type === 'identifier') add(left.text, { statement: node, value: field(node, 'right'), how: 'value' });
        return;
      }
      case 'named_expression': {
        const name = field(node, 'name')?.text;
        if (name !== undefined) add(name, { statement: node, value: field(node, 'value'), how: 'value' });
        break;
      }
      case 'for_statement': {
        const left = field(node, 'left');
        if (left?.type === 'identifier')
          add(left.text, { statement: node, value: field(node, 'right'), how: 'element' });
        else if (left) addPattern(left, { statement: node, value: undefined, how: 'opaque' });
        break;
      }
      case 'as_pattern': {
        const alias = field(node, 'alias');
        if (alias) addPattern(alias, { statement: node, value: undefined, how: 'opaque' });
        break;
      }
      case 'import_statement':
      case 'import_from_statement': {
        for (const imported of node.children) {
          if (imported.field !== 'name') continue;
          const bound =
            imported.type === 'aliased_import' ? field(imported, 'alias')?.text : imported.text.split('.')[0].trim();
          if (bound !== undefined) add(bound, { statement: node, value: undefined, how: 'import' });
        }
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = field(node, 'name')?.text;
        if (name !== undefined) add(name, { statement: node, value: undefined, how: 'definition' });
        return;
      }
      case 'lambda':
      case 'list_comprehension':
      case 'dictionary_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
        return;
      default:
        break;
    }
    visitChildren(node);
  };
  const visitChildren = (node: PyNode): void => {
    for (const child of node.children) {
      if (!NESTED_SCOPES.has(child.type) || child.type === 'function_definition' || child.type === 'class_definition')
        visit(child);
    }
  };
  visitChildren(body);
  return writes;
}

/** The names a target binds: `a, (b, *c) = …` binds a, b and c; `a.b, x[i] = …` binds neither `a` nor `x`. */
function namesInPattern(pattern: PyNode): string[] {
  const names: string[] = [];
  walk(pattern, (node) => {
    if (node.type === 'attribute' || node.type === 'subscript') return false;
    if (node.type === 'identifier') names.push(node.text);
    return undefined;
  });
  return names;
}

/** Whether `node` runs inside a loop of the scope it belongs to: later writes then reach it on the next turn. */
function insideLoop(node: PyNode, scope: PyNode): boolean {
  for (let current = node.parent; current && current !== scope; current = current.parent) {
    if (LOOPS.has(current.type)) return true;
  }
  return false;
}

/**
 * Name resolution for the Python files of one lint: what each scope binds is collected once, on first use.
 */
export class PythonBindings {
  private readonly writesByScope = new Map<PyNode, Map<string, PyWrite[]>>();

  /**
   * The binding of the name read at `use`: a parameter, or the writes that can reach the read (in the innermost
   * scope that binds the name; writes after the read, outside loops, cannot reach it). Undefined for names bound
   * nowhere in the file (builtins, `from x import *`).
   */
  bindingOf(use: PyNode, name = use.text): PyBinding | undefined {
    const scopes = scopesOf(use);
    for (const scope of scopes) {
      const sameScope = scopes[0] === scope;
      const parameter =
        scope.type === 'function_definition' || scope.type === 'lambda'
          ? parametersOf(scope).find((each) => each.name === name)
          : undefined;
      const writes = this.writesIn(scope, name);
      if (writes.length === 0 && !parameter) continue;
      const looping = sameScope && insideLoop(use, scope);
      let reaching = writes.filter((write) => !sameScope || looping || write.statement.range[0] < use.range[0]);
      // `email = mask_email(email)` straight in the body replaces what was there before (the parameter too).
      const last = sameScope && !looping ? reaching.findLastIndex((write) => unconditional(write, scope)) : -1;
      if (last >= 0) reaching = reaching.slice(last);
      else if (parameter)
        return { kind: 'parameter', scope, parameter: parameter.node, annotation: parameter.annotation };
      // A module-level name read in a function sees every write, whenever it ran.
      return { kind: 'writes', scope, writes: reaching.length > 0 ? reaching : writes };
    }
    return undefined;
  }

  /** Whether the name read at `node` is bound by imports only (a module or an imported function). */
  isImported(node: PyNode): boolean {
    const binding = this.bindingOf(node);
    return binding?.kind === 'writes' && binding.writes.every((write) => write.how === 'import');
  }

  private writesIn(scope: PyNode, name: string): PyWrite[] {
    let writes = this.writesByScope.get(scope);
    if (!writes) this.writesByScope.set(scope, (writes = collectWrites(scope)));
    return writes.get(name) ?? [];
  }
}

/** A write that runs whenever its scope does: a statement of the scope's own body, not under `if`, `try` or a loop. */
function unconditional(write: PyWrite, scope: PyNode): boolean {
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  const statement = write.statement.parent?.type === 'expression_statement' ? write.statement.parent : write.statement;
  return write.how !== 'element' && statement.parent === body;
}

/** The class a method belongs to (`self.x` is read there), if any. */
export function enclosingClass(node: PyNode): PyNode | undefined {
  return ancestors(node).find((each) => each.type === 'class_definition');
}

/** What is written to `self.<attribute>` anywhere in a class's methods, and to `<attribute>` in its body. */
export function attributeWrites(classDefinition: PyNode, attribute: string): PyNode[] {
  const values: PyNode[] = [];
  const body = field(classDefinition, 'body');
  if (!body) return values;
  walk(body, (node) => {
    if (node.type === 'class_definition' && node !== classDefinition) return false;
    if (node.type !== 'assignment') return undefined;
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!right) return undefined;
    if (
      left?.type === 'attribute' &&
      field(left, 'attribute')?.text === attribute &&
      /^(self|cls)$/.test(field(left, 'object')?.text ?? '')
    )
      values.push(right);
    else if (left?.type === 'identifier' && left.text === attribute && node.parent?.parent === body) values.push(right);
    return undefined;
  });
  return values;
}
