import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { memberName, propertyKeyName, unwrap } from './ast';
import { heldValues } from './held-values';
import type { ModuleScope } from './service-model/module-scope';
import { NEST_PROMETHEUS } from './text-probes';

/** `@willsoto/nestjs-prometheus`: metrics declared by providers and injected into classes with `@InjectMetric`. */

/**
 * The metric name `@InjectMetric('name')` binds to the class member `key`: on a constructor parameter property
 * (`constructor(@InjectMetric('x') private counter: Counter)`), on a plain parameter the constructor stores
 * (`this.counter = counter`), or on a class property. The decorator must be the package's; the name a string
 * literal or a constant holding one.
 */
export function injectedMetricName(
  owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  key: string,
  scope: ModuleScope,
): string | undefined {
  for (const member of owner.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && propertyKeyName(member) === key) {
      const name = injectMetricArgument(member.decorators, scope);
      if (name !== undefined) return name;
    }
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    const stored = new Map<string, string>();
    for (const statement of member.value.body?.body ?? []) {
      const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
      if (
        expression?.type !== AST_NODE_TYPES.AssignmentExpression ||
        expression.operator !== '=' ||
        expression.left.type !== AST_NODE_TYPES.MemberExpression
      )
        continue;
      const target = memberName(expression.left);
      if (
        expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
        target !== undefined &&
        expression.right.type === AST_NODE_TYPES.Identifier
      )
        stored.set(expression.right.name, target);
    }
    for (const param of member.value.params) {
      const bound = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const local = bound.type === AST_NODE_TYPES.Identifier ? bound.name : undefined;
      const isMember =
        local !== undefined &&
        (param.type === AST_NODE_TYPES.TSParameterProperty ? local === key : stored.get(local) === key);
      if (!isMember) continue;
      const name = injectMetricArgument(param.decorators, scope);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

function injectMetricArgument(
  decorators: readonly TSESTree.Decorator[] | undefined,
  scope: ModuleScope,
): string | undefined {
  for (const decorator of decorators ?? []) {
    const call = unwrap(decorator.expression);
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments[0]) continue;
    const source = scope.packageOf(call.callee);
    if (source?.module !== NEST_PROMETHEUS || (source.member ?? source.imported) !== 'InjectMetric') continue;
    for (const held of heldValues(call.arguments[0], scope)) {
      const value = unwrap(held.node);
      if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
      if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0)
        return value.quasis[0]?.value.cooked ?? undefined;
    }
  }
  return undefined;
}
