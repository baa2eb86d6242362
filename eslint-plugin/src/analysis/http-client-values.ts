import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, forEachChild, importBindings, isFunctionNode, memberName, requiredModule, unwrap } from './ast';
import { type ProjectImports } from './project-imports';

/**
 * Whole axios responses and errors. Both carry the request's `config` (its `headers`: Authorization, API keys)
 * and the response body, and `console.log(response)`, `logger.error(err)`, `JSON.stringify(error)` write all of
 * it. Only values that are provably axios's count: the awaited result of an axios call in the same function, a
 * `.then`/`.catch` callback's parameter on one, the error caught around an awaited axios call, or a value
 * narrowed by `axios.isAxiosError(x)` / `x instanceof AxiosError`. Parts (`err.message`, `response.status`,
 * `response.data.id`) are judged as usual.
 */
export type HttpClientValue = 'response' | 'error';

/** axios's request methods (`axios.get`, `api.post`, `axios.request`, the `…Form` helpers). */
const REQUEST_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'request',
  'postForm',
  'putForm',
  'patchForm',
]);

type ScopedSource = Pick<TSESLint.SourceCode, 'getScope' | 'ast'>;

export class HttpClientValues {
  private readonly clients = new Map<string, boolean>();

  constructor(
    private readonly sourceCode: ScopedSource,
    private readonly imports?: ProjectImports,
  ) {}

  /** What an identifier provably holds: a whole axios response or error; undefined when not known to be one. */
  valueOf(node: TSESTree.Identifier, def: TSESLint.Scope.Definition | undefined): HttpClientValue | undefined {
    if (this.narrowedToAxiosError(node)) return 'error';
    if (!def) return undefined;
    if (def.type === 'CatchClause') {
      const clause = def.node;
      return clause.param === def.name && this.awaitsAxiosRequest(clause.parent.block) ? 'error' : undefined;
    }
    if (def.type === 'Parameter' && isFunctionNode(def.node) && def.node.params[0] === def.name)
      return this.callbackValue(def.node);
    return undefined;
  }

  /** `await axios.get(…)` (the call, whose parent awaits it): the response. */
  isAwaitedRequest(call: TSESTree.CallExpression): boolean {
    let parent = call.parent;
    while (parent?.type === AST_NODE_TYPES.TSNonNullExpression || parent?.type === AST_NODE_TYPES.TSAsExpression)
      parent = parent.parent;
    return parent?.type === AST_NODE_TYPES.AwaitExpression && this.isRequest(call);
  }

  /** `axios.get(…)`, `axios({…})`, `api.post(…)` where `api = axios.create(…)` here or in a project module. */
  isRequest(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return this.isClient(callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberName(callee);
    return method !== undefined && REQUEST_METHODS.has(method) && this.isClient(unwrap(callee.object));
  }

  /** `(response) => …` given to `.then` on an axios request; `(err) => …` given to `.catch` on one (or on its `.then`). */
  private callbackValue(fn: TSESTree.FunctionLike): HttpClientValue | undefined {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression)
      return undefined;
    const method = memberName(call.callee);
    const receiver = unwrap(call.callee.object);
    if (receiver.type !== AST_NODE_TYPES.CallExpression) return undefined;
    if (method === 'then' && call.arguments[0] === fn) return this.isRequest(receiver) ? 'response' : undefined;
    if ((method === 'then' && call.arguments[1] === fn) || (method === 'catch' && call.arguments[0] === fn)) {
      let source: TSESTree.Node = receiver;
      // `.then(…).catch(err)`: the error may come from the request below the `then`.
      while (
        source.type === AST_NODE_TYPES.CallExpression &&
        source.callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(source.callee) === 'then'
      ) {
        source = unwrap(source.callee.object);
      }
      return source.type === AST_NODE_TYPES.CallExpression && this.isRequest(source) ? 'error' : undefined;
    }
    return undefined;
  }

  /**
   * Whether a try block awaits an axios request itself: not in a nested function, nor inside a nested `try` whose
   * `catch` takes the error first.
   */
  private awaitsAxiosRequest(block: TSESTree.BlockStatement): boolean {
    let found = false;
    const visit = (node: TSESTree.Node): void => {
      if (found || isFunctionNode(node)) return;
      if (node.type === AST_NODE_TYPES.TryStatement && node.handler) return;
      if (node.type === AST_NODE_TYPES.AwaitExpression) {
        const argument = unwrap(node.argument);
        if (argument.type === AST_NODE_TYPES.CallExpression && this.isRequest(argument)) {
          found = true;
          return;
        }
      }
      forEachChild(node, visit);
    };
    forEachChild(block, visit);
    return found;
  }

  /** Inside `if (axios.isAxiosError(err)) { … }`, `if (err instanceof AxiosError && …)`, or the `?` branch of one. */
  private narrowedToAxiosError(node: TSESTree.Identifier): boolean {
    let child: TSESTree.Node = node;
    for (let parent: TSESTree.Node | undefined = node.parent; parent; parent = parent.parent) {
      if (isFunctionNode(parent)) return false;
      if (
        (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
        parent.consequent === child
      ) {
        if (this.testNarrows(parent.test, node.name)) return true;
      }
      child = parent;
    }
    return false;
  }

  private testNarrows(test: TSESTree.Node, name: string): boolean {
    const node = unwrap(test);
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&')
      return this.testNarrows(node.left, name) || this.testNarrows(node.right, name);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const argument = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      if (argument?.type !== AST_NODE_TYPES.Identifier || argument.name !== name) return false;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier)
        return callee.name === 'isAxiosError' && this.isFromAxios(callee, 'isAxiosError');
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(callee) === 'isAxiosError' &&
        this.isAxiosModule(unwrap(callee.object))
      );
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'instanceof') {
      const left = unwrap(node.left);
      const right = unwrap(node.right);
      if (left.type !== AST_NODE_TYPES.Identifier || left.name !== name) return false;
      if (right.type === AST_NODE_TYPES.Identifier) return this.isFromAxios(right, 'AxiosError');
      return (
        right.type === AST_NODE_TYPES.MemberExpression &&
        memberName(right) === 'AxiosError' &&
        this.isAxiosModule(unwrap(right.object))
      );
    }
    return false;
  }

  /** `axios` itself or an instance of it. */
  private isClient(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    return this.isAxiosModule(node) || this.isInstance(node);
  }

  /** The module-level binding a name refers to, when nothing nearer declares it. */
  private moduleBinding(node: TSESTree.Identifier): { module: string; imported: string } | undefined {
    const def = findVariable(this.sourceCode.getScope(node), node.name)?.defs[0];
    if (!def) return undefined;
    const topLevel =
      def.type === 'ImportBinding' ||
      (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent?.parent?.type === AST_NODE_TYPES.Program);
    return topLevel ? importBindings(this.sourceCode.ast).get(node.name) : undefined;
  }

  private isAxiosModule(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const binding = this.moduleBinding(node);
    return binding?.module === 'axios' && ['default', 'require', '*', 'axios'].includes(binding.imported);
  }

  private isFromAxios(node: TSESTree.Identifier, exported: string): boolean {
    const binding = this.moduleBinding(node);
    return binding?.module === 'axios' && binding.imported === exported;
  }

  /** `const api = axios.create(…)` in this file, or imported from a project module that exports one. */
  private isInstance(node: TSESTree.Identifier): boolean {
    const known = this.clients.get(node.name);
    if (known !== undefined && this.moduleBinding(node) !== undefined) return known;
    const def = findVariable(this.sourceCode.getScope(node), node.name)?.defs[0];
    let result = false;
    const init =
      def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init
        ? unwrap(def.node.init)
        : undefined;
    if (init?.type === AST_NODE_TYPES.CallExpression && requiredModule(init) === undefined) {
      result = isCreateCall(init, (base) => this.isAxiosModule(base));
    } else if (def?.type === 'ImportBinding' || def?.node.type === AST_NODE_TYPES.VariableDeclarator) {
      const resolved = this.imports?.resolve(node.name);
      const exported = resolved ? unwrap(resolved.node) : undefined;
      if (resolved && exported?.type === AST_NODE_TYPES.CallExpression) {
        const bindings = importBindings(resolved.program);
        result = isCreateCall(exported, (base) => {
          if (base.type !== AST_NODE_TYPES.Identifier) return requiredModule(base) === 'axios';
          const binding = bindings.get(base.name);
          return binding?.module === 'axios' && ['default', 'require', '*', 'axios'].includes(binding.imported);
        });
      }
    }
    if (this.moduleBinding(node) !== undefined) this.clients.set(node.name, result);
    return result;
  }
}

/** `axios.create(…)` with `isAxios` deciding the receiver. */
function isCreateCall(call: TSESTree.CallExpression, isAxios: (base: TSESTree.Node) => boolean): boolean {
  const callee = unwrap(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'create' && isAxios(unwrap(callee.object))
  );
}
