import * as path from 'node:path';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable, isFunctionNode, memberName, propertyKeyName, unwrap } from '../analysis/ast';
import { isTestOrScriptFile } from '../analysis/test-files';
import { type LoggerResolver, loggerResolverOf, pinoRedactPaths, type SinkCall } from '../analysis/loggers';
import { type Finding, type ParameterReference, SensitiveFlow } from '../analysis/sensitive-flow';
import {
  type Category,
  CATEGORIES,
  CATEGORIES_ON_BY_DEFAULT,
  CATEGORY_LABELS,
  makeNameOptions,
} from '../analysis/sensitive-names';
import { projectImportsOf } from '../analysis/project-imports';
import { importedWrapperOf, type ImportedWrapper } from '../analysis/imported-wrappers';
import { ModuleScope } from '../analysis/service-model/module-scope';
import { TypeInformation } from '../analysis/types';
import { isWholeRequestUnderReq, uncoveredBy } from '../analysis/pino-serialization';
import {
  type Destination,
  mayBeTelemetryMethod,
  type TelemetryFamily,
  TelemetrySinks,
  type TelemetryValue,
} from '../analysis/telemetry-sinks';
import { PiiFixes, type PiiFixId, type PiiSuggestion } from '../fixes/pii';
import { createRule } from '../util/createRule';
import { withPython } from '../languages/python/rule';
import { noPiiInLogsPython } from './python/no-pii-in-logs';

export interface NoPiiInLogsOptions {
  extraSensitiveNames?: Array<string | { name: string; category?: Category }>;
  allowNames?: string[];
  loggers?: string[];
  sanitizers?: string[];
  categories?: Partial<Record<Category, boolean>>;
  redactor?: { name: string; import?: string };
  checkTestFiles?: boolean;
  sinks?: Partial<Record<SinkFamily, boolean>>;
}

/** Where sensitive data can leave the process; each family can be turned off. */
export type SinkFamily = 'logs' | TelemetryFamily;

/** How each destination is said in a message ("`email` (personal contact data) is written to a span attribute"). */
const DESTINATIONS: Readonly<Record<Destination, string>> = {
  spanAttribute: 'written to a span attribute (exported to the trace backend)',
  spanEvent: 'written to a span event (exported to the trace backend)',
  baggage: 'put in OpenTelemetry baggage (sent in the `baggage` header to every service downstream)',
  sentryExtra: 'sent to Sentry as extra context',
  sentryContext: 'sent to Sentry as context',
  sentryTag: 'sent to Sentry as a tag (indexed for search)',
  sentryUser: "sent to Sentry as the event's user",
  sentryBreadcrumb: 'sent to Sentry in a breadcrumb',
  sentryMessage: 'sent to Sentry as the event message',
};
/** Whom the "stop sending" suggestion names. */
const TARGETS: Readonly<Record<TelemetryFamily, string>> = {
  spans: 'the span',
  baggage: 'baggage',
  errorTracker: 'Sentry',
};
const FAMILY_OF: Readonly<Record<Destination, TelemetryFamily>> = {
  spanAttribute: 'spans',
  spanEvent: 'spans',
  baggage: 'baggage',
  sentryExtra: 'errorTracker',
  sentryContext: 'errorTracker',
  sentryTag: 'errorTracker',
  sentryUser: 'errorTracker',
  sentryBreadcrumb: 'errorTracker',
  sentryMessage: 'errorTracker',
};

export type MessageIds =
  | 'sensitive'
  | 'sensitiveAlias'
  | 'sensitiveFields'
  | 'personRecord'
  | 'httpClientObject'
  | 'telemetrySensitive'
  | 'telemetryAlias'
  | 'telemetryFields'
  | 'telemetryPersonRecord'
  | 'telemetryHttpClient'
  | PiiFixId;

const javascriptRule = createRule<[NoPiiInLogsOptions], MessageIds>({
  name: 'no-pii-in-logs',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow credentials, secrets, whole requests and personal data in logs and telemetry (span attributes, baggage, Sentry)',
      recommended: 'error',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      sensitive: '`{{subject}}` ({{category}}) is written to the log{{through}}.',
      sensitiveAlias: '`{{subject}}` holds `{{origin}}` ({{category}}), which is written to the log{{through}}.',
      sensitiveFields: '`{{subject}}` carries {{fields}}, which {{verb}} written to the log{{through}}.',
      personRecord:
        '`{{subject}}` is a whole person record ({{category}}: names, e-mail addresses…), which is written to the log{{through}}.',
      httpClientObject:
        '`{{subject}}` is a whole {{what}}: its `config.headers` (Authorization, API keys) and the response data are written to the log{{through}}.',
      telemetrySensitive: '`{{subject}}` ({{category}}) is {{destination}}{{through}}.',
      telemetryAlias: '`{{subject}}` holds `{{origin}}` ({{category}}), which is {{destination}}{{through}}.',
      telemetryFields: '`{{subject}}` carries {{fields}}, which {{verb}} {{destination}}{{through}}.',
      telemetryPersonRecord:
        '`{{subject}}` is a whole person record ({{category}}: names, e-mail addresses…), which is {{destination}}{{through}}.',
      telemetryHttpClient:
        '`{{subject}}` is a whole {{what}}: its `config.headers` (Authorization, API keys) and the response data are {{destination}}{{through}}.',
      removeProperty: 'Remove `{{key}}` from the logged object.',
      removeArgument: 'Stop logging `{{subject}}`.',
      wrapInRedactor: 'Wrap `{{subject}}` in `{{redactor}}()`.',
      logPresence: 'Log whether `{{subject}}` is present instead of its value.',
      logId: 'Log `{{subject}}.id` instead of the whole object.',
      logRequestLine: 'Log only the request method and URL.',
      addRedactPath: 'Add {{paths}} to the `redact` option of the pino logger.',
      stopSending: 'Stop sending `{{subject}}` to {{target}}.',
      sendPresence: 'Send whether `{{subject}}` is present instead of its value.',
      sendId: 'Send `{{subject}}.id` instead of the whole object.',
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
                  properties: {
                    name: { type: 'string', minLength: 1 },
                    category: { type: 'string', enum: [...CATEGORIES] },
                  },
                },
              ],
            },
          },
          allowNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Names that are never sensitive here.',
          },
          loggers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'More logger receivers (`audit`, `this.audit`) or logging functions (`track`).',
          },
          sanitizers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Functions whose result is safe to log.',
          },
          categories: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(CATEGORIES.map((category) => [category, { type: 'boolean' }])),
            description: 'Turn categories on or off; `network` (IP addresses) is off by default.',
          },
          checkTestFiles: {
            type: 'boolean',
            description:
              'Also check tests, mocks, fixtures and scripts (`test/`, `__mocks__/`, `*.test.*`, `scripts/`…); off by default.',
          },
          sinks: {
            type: 'object',
            additionalProperties: false,
            properties: {
              logs: {
                type: 'boolean',
                description:
                  'Log calls (console, pino, winston, bunyan, NestJS…, the `loggers` option). Default: true.',
              },
              spans: {
                type: 'boolean',
                description:
                  'OpenTelemetry span attributes and events: `span.setAttribute(s)`, `span.addEvent`, `attributes` of `startSpan`/`startActiveSpan`. Default: true.',
              },
              baggage: {
                type: 'boolean',
                description:
                  'OpenTelemetry baggage entries: `propagation.createBaggage`, `baggage.setEntry`. Default: true.',
              },
              errorTracker: {
                type: 'boolean',
                description:
                  'Sentry context: `setExtra(s)`, `setContext`, `setTag(s)`, `setUser`, `addBreadcrumb`, scopes, the capture context of `captureException`/`captureMessage`. Default: true.',
              },
            },
            description: 'Turn each family of sinks on or off; all are on by default.',
          },
          redactor: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: {
                type: 'string',
                pattern: '^[A-Za-z_$][\\w$]*$',
                description: "The helper's name, as called: `redact(value)`.",
              },
              import: {
                type: 'string',
                minLength: 1,
                description: "The module the suggestion imports the helper from (`import { name } from 'import'`).",
              },
            },
            description:
              "The project's redaction helper, offered as a suggestion (the import is added when `import` is set).",
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!options.checkTestFiles && isTestOrScriptFile(context.filename)) return {};
    const logsOn = options.sinks?.logs ?? true;
    const sourceCode = context.sourceCode;
    const enabledCategories = new Set(
      CATEGORIES.filter((category) => options.categories?.[category] ?? CATEGORIES_ON_BY_DEFAULT[category]),
    );
    const projectImports = projectImportsOf(context);
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
    const sinksOn = (family: SinkFamily): boolean => options.sinks?.[family] ?? true;
    const telemetryOn = { spans: sinksOn('spans'), baggage: sinksOn('baggage'), errorTracker: sinksOn('errorTracker') };
    const anyTelemetry = telemetryOn.spans || telemetryOn.baggage || telemetryOn.errorTracker;
    let telemetrySinks: TelemetrySinks | undefined;
    const telemetry = (): TelemetrySinks =>
      (telemetrySinks ??= new TelemetrySinks(context, telemetryOn, projectImports));
    const loggerResolver = (): LoggerResolver => loggerResolverOf(context, options.loggers);
    /** Local functions that pass a parameter on to a sink, by parameter position: rest or not, and where it goes (a log when undefined). */
    const forwarding = new Map<ParameterReference['fn'], Map<number, Forwarded>>();
    const callsToLocalFunctions: TSESTree.CallExpression[] = [];
    const reported = new Set<string>();
    const fixes = new PiiFixes(sourceCode, context.filename, options.redactor);
    const sanitizers = new Set([...(options.sanitizers ?? []), options.redactor?.name ?? 'redact']);
    let moduleScope: ModuleScope | undefined | null;
    /** The linted file seen as a project module, to follow its imports (undefined without a file on disk). */
    const projectScope = (): ModuleScope | undefined => {
      if (moduleScope === undefined) {
        moduleScope = path.isAbsolute(context.filename)
          ? ModuleScope.of(sourceCode.ast, context.filename, sourceCode.text, context.languageOptions)
          : null;
      }
      return moduleScope ?? undefined;
    };

    function noteForwarding(references: readonly ParameterReference[], destination: Destination | undefined): boolean {
      let changed = false;
      for (const { fn, index, rest } of references) {
        const positions = forwarding.get(fn) ?? new Map<number, Forwarded>();
        if (!positions.has(index)) {
          positions.set(index, { rest, destination });
          changed = true;
        }
        forwarding.set(fn, positions);
      }
      return changed;
    }

    function checkLoggedArguments(
      call: TSESTree.CallExpression,
      sink: SinkCall | undefined,
      args: readonly TSESTree.Node[],
      through: string,
    ): boolean {
      let changed = false;
      const redactPatterns = sink?.logger.library === 'pino' ? pinoRedactPaths(sink.logger.pinoOptions) : [];
      args.forEach((argument, position) => {
        const result = flow.evaluate(argument);
        changed = noteForwarding(result.parameters, undefined) || changed;
        const mergingObject =
          sink?.firstArgumentIsMergingObject === true && position === 0 && argument === call.arguments[0];
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

    function report(
      call: TSESTree.CallExpression,
      sink: SinkCall | undefined,
      finding: Finding,
      mergingObject: boolean,
      through: string,
    ): void {
      if (!firstReport(finding)) return;
      reportFinding(finding, LOG_MESSAGES, { through }, fixes.suggestionsFor(call, sink, finding, mergingObject));
    }

    /** A finding in what a span, baggage or Sentry call sends; `slot` is the value it was found in (unknown through a wrapper). */
    function reportTelemetry(
      call: TSESTree.CallExpression,
      destination: Destination,
      slot: TelemetryValue | undefined,
      finding: Finding,
      through: string,
    ): void {
      if (!firstReport(finding)) return;
      const suggest = fixes.telemetrySuggestionsFor(call, finding, slot, TARGETS[FAMILY_OF[destination]]);
      reportFinding(finding, TELEMETRY_MESSAGES, { through, destination: DESTINATIONS[destination] }, suggest);
    }

    function firstReport(finding: Finding): boolean {
      const key = `${finding.node.range[0]}:${finding.node.range[1]}:${finding.subject}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    }

    function reportFinding(
      finding: Finding,
      messages: FindingMessages,
      where: Record<string, string>,
      suggest: PiiSuggestion[],
    ): void {
      const data = { subject: finding.subject, category: CATEGORY_LABELS[finding.category], ...where };
      if (finding.fields) {
        const fields = finding.fields.map((field) => `\`${field.name}\` (${CATEGORY_LABELS[field.category]})`);
        const list =
          fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}` : fields[0];
        context.report({
          node: finding.node,
          messageId: messages.fields,
          data: { ...data, fields: list, verb: fields.length > 1 ? 'are' : 'is' },
          suggest,
        });
      } else if (finding.kind === 'http-client') {
        context.report({
          node: finding.node,
          messageId: messages.httpClient,
          data: { ...data, what: finding.client === 'error' ? 'axios error' : 'axios response' },
          suggest,
        });
      } else if (finding.kind === 'record' && finding.origin === undefined) {
        context.report({ node: finding.node, messageId: messages.personRecord, data, suggest });
      } else if (finding.origin !== undefined) {
        context.report({
          node: finding.node,
          messageId: messages.alias,
          data: { ...data, origin: finding.origin },
          suggest,
        });
      } else {
        context.report({ node: finding.node, messageId: messages.sensitive, data, suggest });
      }
    }

    /** Judges the values a telemetry call sends, each under its key, like the properties of a logged object. */
    function checkTelemetryValues(call: TSESTree.CallExpression, values: readonly TelemetryValue[]): void {
      for (const slot of values) {
        const result = flow.evaluateKeyed(slot.key, slot.value);
        noteForwarding(result.parameters, slot.destination);
        for (const finding of result.findings) reportTelemetry(call, slot.destination, slot, finding, '');
      }
    }

    /** What a local wrapper's caller passes for a parameter the wrapper sends on (to a log, or as telemetry). */
    function checkForwardedArguments(
      call: TSESTree.CallExpression,
      args: readonly TSESTree.Node[],
      destination: Destination | undefined,
      through: string,
    ): boolean {
      if (destination === undefined) return checkLoggedArguments(call, undefined, args, through);
      let changed = false;
      for (const argument of args) {
        const result = flow.evaluate(argument);
        changed = noteForwarding(result.parameters, destination) || changed;
        for (const finding of result.findings) reportTelemetry(call, destination, undefined, finding, through);
      }
      return changed;
    }

    return {
      CallExpression(node) {
        const sink = logsOn ? loggerResolver().sinkOf(node) : undefined;
        if (sink) checkLoggedArguments(node, sink, sink.loggedArguments, '');
        else {
          const telemetrySink = anyTelemetry && mayBeTelemetry(node) ? telemetry().sinkOf(node) : undefined;
          if (telemetrySink) {
            checkTelemetryValues(node, telemetrySink.values);
            return;
          }
          if (!logsOn) {
            // Wrappers that send their parameters as telemetry are still followed.
            if (node.callee.type === AST_NODE_TYPES.Identifier) callsToLocalFunctions.push(node);
            return;
          }
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
            for (const [index, { rest, destination }] of positions) {
              const id = `${call.range[0]}:${index}`;
              if (checked.has(id)) continue;
              checked.add(id);
              const args = rest ? call.arguments.slice(index) : call.arguments.slice(index, index + 1);
              changed =
                checkForwardedArguments(
                  call,
                  args,
                  destination,
                  ` through \`${(call.callee as TSESTree.Identifier).name}()\``,
                ) || changed;
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
      const moduleLevel =
        def?.type === 'ImportBinding' ||
        (def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
          def.node.parent?.parent?.type === AST_NODE_TYPES.Program);
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

/** One rule for both languages: Python files go to `rules/python/no-pii-in-logs`. */
export default withPython(
  javascriptRule,
  noPiiInLogsPython({ destinations: DESTINATIONS, targets: TARGETS, familyOf: FAMILY_OF }),
);

interface Forwarded {
  rest: boolean;
  /** Where the parameter goes: a log when undefined. */
  destination: Destination | undefined;
}

interface FindingMessages {
  sensitive: MessageIds;
  alias: MessageIds;
  fields: MessageIds;
  personRecord: MessageIds;
  httpClient: MessageIds;
}
const LOG_MESSAGES: FindingMessages = {
  sensitive: 'sensitive',
  alias: 'sensitiveAlias',
  fields: 'sensitiveFields',
  personRecord: 'personRecord',
  httpClient: 'httpClientObject',
};
const TELEMETRY_MESSAGES: FindingMessages = {
  sensitive: 'telemetrySensitive',
  alias: 'telemetryAlias',
  fields: 'telemetryFields',
  personRecord: 'telemetryPersonRecord',
  httpClient: 'telemetryHttpClient',
};

/** The cheap test first: a telemetry method name, on a member or as a bare (imported) function. */
function mayBeTelemetry(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return mayBeTelemetryMethod(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  return name !== undefined && mayBeTelemetryMethod(name);
}
