import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable, isFunctionNode, propertyKeyName, truncate, unwrap } from '../analysis/ast';
import { isTestOrScriptFile } from '../analysis/test-files';
import { formatRedactPath, LoggerResolver, pinoRedactPaths, redactCovers, type SinkCall } from '../analysis/loggers';
import { type Finding, type ParameterReference, SensitiveFlow } from '../analysis/sensitive-flow';
import { type Category, CATEGORIES, CATEGORIES_ON_BY_DEFAULT, CATEGORY_LABELS, makeNameOptions } from '../analysis/sensitive-names';
import { ProjectImports } from '../analysis/project-imports';
import { importedWrapperOf, type ImportedWrapper } from '../analysis/imported-wrappers';
import { ModuleScope } from '../analysis/service-model/module-scope';
import { TypeInformation } from '../analysis/types';
import { importFixes, importTargetOf } from '../fixes/imports';
import { removeListItem } from '../fixes/list-items';
import { addPinoRedactPaths } from '../fixes/pino-redact';
import { createRule } from '../util/createRule';

export interface NoPiiInLogsOptions {
  extraSensitiveNames?: Array<string | { name: string; category?: Category }>;
  allowNames?: string[];
  loggers?: string[];
  sanitizers?: string[];
  categories?: Partial<Record<Category, boolean>>;
  redactor?: { name: string; import?: string };
  checkTestFiles?: boolean;
}

export type MessageIds =
  | 'sensitive'
  | 'sensitiveAlias'
  | 'sensitiveFields'
  | 'personRecord'
  | 'httpClientObject'
  | 'removeProperty'
  | 'removeArgument'
  | 'wrapInRedactor'
  | 'logPresence'
  | 'logId'
  | 'logRequestLine'
  | 'addRedactPath';

/** Secrets whose presence is the useful fact: logging `Boolean(token)` keeps the signal without the secret. */
const PRESENCE_CATEGORIES: ReadonlySet<Category> = new Set(['credential', 'session', 'financial', 'government-id']);

export default createRule<[NoPiiInLogsOptions], MessageIds>({
  name: 'no-pii-in-logs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow credentials, secrets, whole requests and personal data in log calls',
      recommended: 'error',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      sensitive: '`{{subject}}` ({{category}}) is written to the log{{through}}.',
      sensitiveAlias: '`{{subject}}` holds `{{origin}}` ({{category}}), which is written to the log{{through}}.',
      sensitiveFields: '`{{subject}}` carries {{fields}}, which {{verb}} written to the log{{through}}.',
      personRecord: '`{{subject}}` is a whole person record ({{category}}: names, e-mail addresses…), which is written to the log{{through}}.',
      httpClientObject: '`{{subject}}` is a whole {{what}}: its `config.headers` (Authorization, API keys) and the response data are written to the log{{through}}.',
      removeProperty: 'Remove `{{key}}` from the logged object.',
      removeArgument: 'Stop logging `{{subject}}`.',
      wrapInRedactor: 'Wrap `{{subject}}` in `{{redactor}}()`.',
      logPresence: 'Log whether `{{subject}}` is present instead of its value.',
      logId: 'Log `{{subject}}.id` instead of the whole object.',
      logRequestLine: 'Log only the request method and URL.',
      addRedactPath: 'Add {{paths}} to the `redact` option of the pino logger.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          extraSensitiveNames: {
            type: 'array',
            description: 'More names to treat as sensitive, judged by words like the built-in catalogue.',
            items: {
              oneOf: [
                { type: 'string', minLength: 1 },
                {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name'],
                  properties: { name: { type: 'string', minLength: 1 }, category: { type: 'string', enum: [...CATEGORIES] } },
                },
              ],
            },
          },
          allowNames: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Names that are never sensitive here.' },
          loggers: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'More logger receivers (`audit`, `this.audit`) or logging functions (`track`).' },
          sanitizers: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Functions whose result is safe to log.' },
          categories: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(CATEGORIES.map((category) => [category, { type: 'boolean' }])),
            description: 'Turn categories on or off; `network` (IP addresses) is off by default.',
          },
          checkTestFiles: {
            type: 'boolean',
            description: 'Also check tests, mocks, fixtures and scripts (`test/`, `__mocks__/`, `*.test.*`, `scripts/`…); off by default.',
          },
          redactor: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*$' }, import: { type: 'string', minLength: 1 } },
            description: 'The project\'s redaction helper, offered as a suggestion (the import is added when `import` is set).',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!options.checkTestFiles && isTestOrScriptFile(context.filename)) return {};
    const sourceCode = context.sourceCode;
    const enabledCategories = new Set(CATEGORIES.filter((category) => options.categories?.[category] ?? CATEGORIES_ON_BY_DEFAULT[category]));
    const projectImports = new ProjectImports(sourceCode.ast, path.isAbsolute(context.filename) ? context.filename : undefined, context.languageOptions);
    const flow = new SensitiveFlow(
      sourceCode,
      {
        names: makeNameOptions(options.extraSensitiveNames ?? [], options.allowNames ?? []),
        enabledCategories,
        sanitizers: new Set([...(options.sanitizers ?? []), options.redactor?.name ?? 'redact']),
      },
      new TypeInformation(sourceCode.parserServices),
      projectImports,
    );
    let resolver: LoggerResolver | undefined;
    const loggerResolver = (): LoggerResolver =>
      (resolver ??= new LoggerResolver(sourceCode.ast, sourceCode, { configuredLoggers: options.loggers ?? [], imports: projectImports }));
    /** Local functions that pass a parameter on to a log call, by parameter position. */
    const forwarding = new Map<ParameterReference['fn'], Map<number, boolean>>();
    const callsToLocalFunctions: TSESTree.CallExpression[] = [];
    const reported = new Set<string>();
    const sanitizers = new Set([...(options.sanitizers ?? []), options.redactor?.name ?? 'redact']);
    let moduleScope: ModuleScope | undefined | null;
    /** The linted file seen as a project module, to follow its imports (undefined without a file on disk). */
    const projectScope = (): ModuleScope | undefined => {
      if (moduleScope === undefined) {
        moduleScope = path.isAbsolute(context.filename) ? ModuleScope.of(sourceCode.ast, context.filename, sourceCode.text, context.languageOptions) : null;
      }
      return moduleScope ?? undefined;
    };

    function noteForwarding(references: readonly ParameterReference[]): boolean {
      let changed = false;
      for (const { fn, index, rest } of references) {
        const positions = forwarding.get(fn) ?? new Map<number, boolean>();
        if (!positions.has(index)) {
          positions.set(index, rest);
          changed = true;
        }
        forwarding.set(fn, positions);
      }
      return changed;
    }

    function checkLoggedArguments(call: TSESTree.CallExpression, sink: SinkCall | undefined, args: readonly TSESTree.Node[], through: string): boolean {
      let changed = false;
      const redactPatterns = sink?.logger.library === 'pino' ? pinoRedactPaths(sink.logger.pinoOptions) : [];
      args.forEach((argument, position) => {
        const result = flow.evaluate(argument);
        changed = noteForwarding(result.parameters) || changed;
        const mergingObject = sink?.firstArgumentIsMergingObject === true && position === 0 && argument === call.arguments[0];
        for (let finding of result.findings) {
          if (mergingObject && sink?.logger.requestWithoutHeaders === true && isWholeRequestUnderReq(finding)) continue;
          if (mergingObject && redactPatterns.length > 0) {
            const uncovered = uncoveredBy(finding, redactPatterns);
            if (!uncovered) continue;
            finding = uncovered;
          }
          report(call, sink, finding, mergingObject, through);
        }
      });
      return changed;
    }

    function report(call: TSESTree.CallExpression, sink: SinkCall | undefined, finding: Finding, mergingObject: boolean, through: string): void {
      const key = `${finding.node.range[0]}:${finding.node.range[1]}:${finding.subject}`;
      if (reported.has(key)) return;
      reported.add(key);
      const data = { subject: finding.subject, category: CATEGORY_LABELS[finding.category], through };
      const suggest = suggestionsFor(call, sink, finding, mergingObject);
      if (finding.fields) {
        const fields = finding.fields.map((field) => `\`${field.name}\` (${CATEGORY_LABELS[field.category]})`);
        const list = fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}` : fields[0]!;
        context.report({ node: finding.node, messageId: 'sensitiveFields', data: { ...data, fields: list, verb: fields.length > 1 ? 'are' : 'is' }, suggest });
      } else if (finding.kind === 'http-client') {
        context.report({ node: finding.node, messageId: 'httpClientObject', data: { ...data, what: finding.client === 'error' ? 'axios error' : 'axios response' }, suggest });
      } else if (finding.kind === 'record' && finding.origin === undefined) {
        context.report({ node: finding.node, messageId: 'personRecord', data, suggest });
      } else if (finding.origin !== undefined) {
        context.report({ node: finding.node, messageId: 'sensitiveAlias', data: { ...data, origin: finding.origin }, suggest });
      } else {
        context.report({ node: finding.node, messageId: 'sensitive', data, suggest });
      }
    }

    function suggestionsFor(call: TSESTree.CallExpression, sink: SinkCall | undefined, finding: Finding, mergingObject: boolean): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      // `await getToken()`, `user!`: edits apply to the whole expression as written.
      const node = outermostWrapper(finding.node);
      const text = sourceCode.getText(node);
      // Inside `_.omit(user, …)` or `user.slice()`, replacing `user` would change what the call receives.
      const replaceable = isDirectlyLogged(node, call);
      const subject = truncate(text, 40);
      const container = containerInCall(node, call);

      if (container?.type === AST_NODE_TYPES.Property) {
        const keyText = container.computed ? sourceCode.getText(container.key) : sourceCode.getText(container.key).replace(/^['"]|['"]$/g, '');
        suggestions.push({ messageId: 'removeProperty', data: { key: keyText }, fix: (fixer) => removeListItem(fixer, sourceCode, container) });
      } else if (container?.type === AST_NODE_TYPES.SpreadElement) {
        suggestions.push({ messageId: 'removeProperty', data: { key: `...${subject}` }, fix: (fixer) => removeListItem(fixer, sourceCode, container) });
      } else if (node.parent === call && call.arguments.length > 1) {
        suggestions.push({ messageId: 'removeArgument', data: { subject }, fix: (fixer) => removeListItem(fixer, sourceCode, node) });
      }

      if (!replaceable) return suggestions;
      if ((finding.kind === 'fields' || finding.kind === 'record') && finding.hasId && (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression)) {
        suggestions.push({ messageId: 'logId', data: { subject }, fix: (fixer) => replaceValue(fixer, node, `${text}.id`, `${idKeyFor(node, text)}`) });
      }
      if (finding.kind === 'request' && node.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(node.name)) {
        suggestions.push({ messageId: 'logRequestLine', fix: (fixer) => replaceValue(fixer, node, `{ method: ${text}.method, url: ${text}.url }`) });
      }
      if (finding.kind === 'value' && PRESENCE_CATEGORIES.has(finding.category) && !isSpreadArgument(node)) {
        suggestions.push({ messageId: 'logPresence', data: { subject }, fix: (fixer) => replaceValue(fixer, node, `Boolean(${text})`) });
      }
      const redactor = options.redactor;
      if (!isSpreadArgument(node) && (redactor?.import !== undefined || isInScope(node, redactor?.name ?? 'redact'))) {
        const name = redactor?.name ?? 'redact';
        suggestions.push({
          messageId: 'wrapInRedactor',
          data: { subject, redactor: name },
          fix: (fixer) => {
            const imports = redactor?.import !== undefined ? [{ module: redactor.import, named: [name] }] : [];
            return [replaceValue(fixer, node, `${name}(${text})`), ...importFixes(fixer, sourceCode, importTargetOf(sourceCode, context.filename), imports)];
          },
        });
      }
      const pinoCall = sink?.logger.library === 'pino' ? sink.logger.pinoCall : undefined;
      if (pinoCall && mergingObject && finding.keys && finding.keys.length + (finding.fields ? 1 : 0) > 0) {
        const keys = finding.keys;
        const paths = finding.fields ? finding.fields.map((field) => formatRedactPath([...keys, field.name])) : [formatRedactPath(keys)];
        const fixable = paths.length > 0;
        if (fixable) {
          const listed = paths.map((path) => `'${path}'`).join(', ');
          // Only offered when the edit is one we can make safely; `addPinoRedactPaths` returns undefined otherwise.
          const probe = addPinoRedactPaths(probeFixer, sourceCode, pinoCall, paths);
          if (probe) suggestions.push({ messageId: 'addRedactPath', data: { paths: listed }, fix: (fixer) => addPinoRedactPaths(fixer, sourceCode, pinoCall, paths) ?? [] });
        }
      }
      return suggestions;
    }

    function isInScope(node: TSESTree.Node, name: string): boolean {
      const variable = findVariable(sourceCode.getScope(node), name);
      return variable !== undefined && variable.defs.length > 0;
    }

    function replaceValue(fixer: TSESLint.RuleFixer, node: TSESTree.Node, replacement: string, shorthandKey?: string): TSESLint.RuleFix {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
        return fixer.replaceText(parent, `${shorthandKey ?? sourceCode.getText(parent.key)}: ${replacement}`);
      }
      return fixer.replaceText(node, replacement);
    }

    return {
      CallExpression(node) {
        const sink = loggerResolver().sinkOf(node);
        if (sink) checkLoggedArguments(node, sink, sink.loggedArguments, '');
        else {
          const wrapper = importedWrapper(node);
          if (wrapper) checkImportedWrapperCall(node, wrapper);
          else if (node.callee.type === AST_NODE_TYPES.Identifier) callsToLocalFunctions.push(node);
        }
      },
      'Program:exit'() {
        // Local wrappers (`function audit(data) { logger.info(data) }`) are sinks for the parameters they forward;
        // wrappers of wrappers are found by repeating until nothing new forwards.
        const checked = new Set<string>();
        for (let round = 0; round < 5 && forwarding.size > 0; round++) {
          let changed = false;
          for (const call of callsToLocalFunctions) {
            const fn = localFunctionOf(call);
            const positions = fn ? forwarding.get(fn) : undefined;
            if (!fn || !positions) continue;
            for (const [index, rest] of positions) {
              const id = `${call.range[0]}:${index}`;
              if (checked.has(id)) continue;
              checked.add(id);
              const args = rest ? call.arguments.slice(index) : call.arguments.slice(index, index + 1);
              changed = checkLoggedArguments(call, undefined, args, ` through \`${(call.callee as TSESTree.Identifier).name}()\``) || changed;
            }
          }
          if (!changed) break;
        }
      },
    };

    /** A logging function exported by another module of the project (`import { customLogger } from './helpers/logger'`). */
    function importedWrapper(call: TSESTree.CallExpression): ImportedWrapper | undefined {
      const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : call.callee;
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      // Only module-level imports and requires: a parameter or local of the same name is something else.
      const def = findVariable(sourceCode.getScope(call), callee.name)?.defs[0];
      const moduleLevel = def?.type === 'ImportBinding' || (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent?.parent?.type === AST_NODE_TYPES.Program);
      const scope = moduleLevel ? projectScope() : undefined;
      return scope ? importedWrapperOf(call, scope, sanitizers) : undefined;
    }

    /** The values given for the parameters the wrapper logs are judged here; of an object, only the keys it logs. */
    function checkImportedWrapperCall(call: TSESTree.CallExpression, wrapper: ImportedWrapper): void {
      const args: TSESTree.Node[] = [];
      for (const { index, rest, keys } of wrapper.forwarded) {
        for (const argument of rest ? call.arguments.slice(index) : call.arguments.slice(index, index + 1)) {
          if (!keys) {
            args.push(argument);
            continue;
          }
          const value = unwrap(argument);
          // Only some keys of an object reach the log: judged when the object is written here.
          if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const property of value.properties) {
            if (property.type === AST_NODE_TYPES.SpreadElement) args.push(property);
            else {
              const key = propertyKeyName(property);
              if (key !== undefined && keys.has(key)) args.push(property.value);
            }
          }
        }
      }
      checkLoggedArguments(call, undefined, args, ` through \`${wrapper.name}()\``);
    }

    function localFunctionOf(call: TSESTree.CallExpression): ParameterReference['fn'] | undefined {
      const callee = call.callee as TSESTree.Identifier;
      const def = findVariable(sourceCode.getScope(call), callee.name)?.defs[0];
      if (!def) return undefined;
      if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
      if (def.node.type === AST_NODE_TYPES.VariableDeclarator && isFunctionNode(def.node.init)) return def.node.init;
      return undefined;
    }
  },
});

/**
 * `{ req }`, `{ req: request }` at the top of a pino merging object: the logger's `req` serializer decides what
 * is written (Fastify's and a project's own keep no headers). `{ request }` or `{ req: req.body }` are not.
 */
function isWholeRequestUnderReq(finding: Finding): boolean {
  return finding.kind === 'request' && finding.keys?.length === 1 && finding.keys[0] === 'req' &&
    finding.node.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(finding.origin ?? finding.subject);
}

/** The property, spread or argument of the log call that directly holds `node`, when there is one. */
function containerInCall(node: TSESTree.Node, call: TSESTree.CallExpression): TSESTree.Property | TSESTree.SpreadElement | undefined {
  const parent = node.parent;
  if (!parent || parent.range[0] < call.range[0] || parent.range[1] > call.range[1]) return undefined;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return parent;
  if (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return parent;
  return undefined;
}

const WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.AwaitExpression, AST_NODE_TYPES.TSAsExpression, AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression, AST_NODE_TYPES.TSTypeAssertion, AST_NODE_TYPES.ChainExpression,
]);

function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** Calls that format their arguments into the message: replacing an argument keeps the call meaningful. */
const FORMATTING_CALLS = new Set(['format', 'formatWithOptions', 'stringify', 'String', 'inspect']);

/** True when `node` reaches the log call only through literals, templates, `+` and formatting calls. */
function isDirectlyLogged(node: TSESTree.Node, call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && current !== call) {
    const parent: TSESTree.Node = current.parent;
    if (parent === call) return true;
    switch (parent.type) {
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return false;
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return false;
        break;
      case AST_NODE_TYPES.CallExpression: {
        const callee = parent.callee.type === AST_NODE_TYPES.MemberExpression ? parent.callee.property : parent.callee;
        if (parent.callee === current || callee.type !== AST_NODE_TYPES.Identifier || !FORMATTING_CALLS.has(callee.name)) return false;
        break;
      }
      default:
        if (!WRAPPERS.has(parent.type)) return false;
    }
    current = parent;
  }
  return current === call;
}

function isSpreadArgument(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.SpreadElement;
}

function idKeyFor(node: TSESTree.Node, text: string): string {
  return node.type === AST_NODE_TYPES.Identifier ? `${node.name}Id` : `${text.split('.').pop()}Id`;
}

/** What of a finding is still exposed once the pino instance's `redact` paths are applied. */
function uncoveredBy(finding: Finding, patterns: readonly string[][]): Finding | undefined {
  if (!finding.keys) return finding;
  const keys = finding.keys;
  if (finding.fields) {
    const fields = finding.fields.filter((field) => !redactCovers(patterns, [...keys, field.name]));
    return fields.length === 0 ? undefined : { ...finding, fields, category: fields[0]!.category };
  }
  return keys.length > 0 && redactCovers(patterns, keys) ? undefined : finding;
}

/** A fixer whose results are thrown away: used to ask whether a fix can be built before offering it. */
const probeFixer: TSESLint.RuleFixer = {
  insertTextAfter: (_n, text) => ({ range: [0, 0], text }),
  insertTextAfterRange: (range, text) => ({ range, text }),
  insertTextBefore: (_n, text) => ({ range: [0, 0], text }),
  insertTextBeforeRange: (range, text) => ({ range, text }),
  remove: () => ({ range: [0, 0], text: '' }),
  removeRange: (range) => ({ range, text: '' }),
  replaceText: (_n, text) => ({ range: [0, 0], text }),
  replaceTextRange: (range, text) => ({ range, text }),
};
