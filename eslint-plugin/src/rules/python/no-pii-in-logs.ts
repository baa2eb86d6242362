import * as path from 'node:path';
import type { PyNode } from '../../languages/python/nodes';
import { importsOf } from '../../languages/python/imports';
import type { PythonListeners, PythonRuleHalf, PythonSuggestion } from '../../languages/python/rule';
import { field, stringValue } from '../../languages/python/query';
import { analysisHostFor } from '../../analysis/host';
import type { Destination, TelemetryFamily } from '../../analysis/telemetry-sinks';
import { PythonTelemetrySinks, type PyTelemetryValue } from '../../analysis/python/telemetry';
import { PythonLoggerResolver, type PySinkCall } from '../../analysis/python/loggers';
import { PythonModels } from '../../analysis/python/models';
import { PythonProjectModules } from '../../analysis/python/project-modules';
import {
  type PyFinding,
  type PyFlowResult,
  type PyParameterReference,
  PythonSensitiveFlow,
} from '../../analysis/python/sensitive-flow';
import { PythonBindings } from '../../analysis/python/bindings';
import { CATEGORIES, CATEGORIES_ON_BY_DEFAULT, CATEGORY_LABELS, makeNameOptions } from '../../analysis/sensitive-names';
import { isPythonTestOrScriptFile } from '../../analysis/python/test-files';
import { PythonPiiFixes, type PythonPiiFixId } from '../../fixes/python/pii';
import type { NoPiiInLogsOptions } from '../no-pii-in-logs';

type MessageId =
  | 'sensitive'
  | 'sensitiveAlias'
  | 'sensitiveFields'
  | 'personRecord'
  | 'telemetrySensitive'
  | 'telemetryAlias'
  | 'telemetryFields'
  | 'telemetryPersonRecord'
  | PythonPiiFixId;

/** How the JavaScript rule words telemetry destinations and targets: the Python half says the same. */
export interface TelemetryWording {
  destinations: Readonly<Record<Destination, string>>;
  targets: Readonly<Record<TelemetryFamily, string>>;
  familyOf: Readonly<Record<Destination, TelemetryFamily>>;
}

interface FindingMessages {
  sensitive: MessageId;
  alias: MessageId;
  fields: MessageId;
  personRecord: MessageId;
}
const LOG_MESSAGES: FindingMessages = {
  sensitive: 'sensitive',
  alias: 'sensitiveAlias',
  fields: 'sensitiveFields',
  personRecord: 'personRecord',
};
const TELEMETRY_MESSAGES: FindingMessages = {
  sensitive: 'telemetrySensitive',
  alias: 'telemetryAlias',
  fields: 'telemetryFields',
  personRecord: 'telemetryPersonRecord',
};

/**
 * The Python half of `no-pii-in-logs`: the same catalogue of sensitive names, the same options and messages, over
 * the standard `logging` module, structlog, loguru, `print`, local logging wrappers, OpenTelemetry and Sentry.
 * `wording` is the JavaScript rule's own text for telemetry destinations.
 */
export function noPiiInLogsPython(wording: TelemetryWording): PythonRuleHalf<NoPiiInLogsOptions, MessageId> {
  return {
    messages: {
      removeKeyword: 'Stop logging the keyword argument `{{key}}`.',
    } as Record<MessageId, string>,
    create(context, options): PythonListeners {
      const host = path.isAbsolute(context.filename) ? analysisHostFor(context.filename) : undefined;
      const exists = (file: string): boolean => host?.texts.exists(file) ?? false;
      if (!options.checkTestFiles && isPythonTestOrScriptFile(context.filename, exists)) return {};
      const sinksOn = (family: 'logs' | TelemetryFamily): boolean => options.sinks?.[family] ?? true;
      const logsOn = sinksOn('logs');
      const telemetryOn = {
        spans: sinksOn('spans'),
        baggage: sinksOn('baggage'),
        errorTracker: sinksOn('errorTracker'),
      };
      const anyTelemetry = telemetryOn.spans || telemetryOn.baggage || telemetryOn.errorTracker;
      if (!logsOn && !anyTelemetry) return {};
      const module = context.sourceCode.ast;
      const imports = importsOf(module);
      const filename = context.filename;
      const modules = new PythonProjectModules(host);
      const bindings = new PythonBindings();
      const resolver = new PythonLoggerResolver(imports, bindings, options.loggers ?? [], { filename, modules });
      const models = new PythonModels(module, imports, filename, modules);
      const flow = new PythonSensitiveFlow(
        imports,
        bindings,
        {
          names: makeNameOptions(options.extraSensitiveNames ?? [], options.allowNames ?? []),
          enabledCategories: new Set(
            CATEGORIES.filter((category) => options.categories?.[category] ?? CATEGORIES_ON_BY_DEFAULT[category]),
          ),
          sanitizers: new Set([...(options.sanitizers ?? []), options.redactor?.name ?? 'redact']),
        },
        (className) => models.modelOf(className),
      );
      const telemetry = new PythonTelemetrySinks(imports, bindings, telemetryOn);
      const fixes = new PythonPiiFixes(context.sourceCode.text, module, options.redactor);
      const reported = new Set<string>();

      function report(call: PyNode, sink: PySinkCall, finding: PyFinding, through = ''): void {
        if (!firstReport(finding)) return;
        reportFinding(finding, LOG_MESSAGES, { through }, fixes.suggestionsFor(call, sink, finding));
      }

      function reportTelemetry(call: PyNode, slot: PyTelemetryValue, finding: PyFinding): void {
        if (!firstReport(finding)) return;
        const target = wording.targets[wording.familyOf[slot.destination]];
        reportFinding(
          finding,
          TELEMETRY_MESSAGES,
          { through: '', destination: wording.destinations[slot.destination] },
          fixes.telemetrySuggestionsFor(call, finding, slot, target),
        );
      }

      function firstReport(finding: PyFinding): boolean {
        const key = `${finding.node.range[0]}:${finding.node.range[1]}:${finding.subject}`;
        if (reported.has(key)) return false;
        reported.add(key);
        return true;
      }

      function reportFinding(
        finding: PyFinding,
        messages: FindingMessages,
        where: Record<string, string>,
        suggest: PythonSuggestion<MessageId>[],
      ): void {
        const data = { subject: finding.subject, category: CATEGORY_LABELS[finding.category], ...where };
        if (finding.fields) {
          const fields = finding.fields.map((each) => `\`${each.name}\` (${CATEGORY_LABELS[each.category]})`);
          const list =
            fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}` : fields[0];
          context.report({
            node: finding.node,
            messageId: messages.fields,
            data: { ...data, fields: list, verb: fields.length > 1 ? 'are' : 'is' },
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

      /** What a call writes: its message, the values its placeholders take, its keywords and `**kwargs`. */
      function written(sink: PySinkCall): PyFlowResult[] {
        const results: PyFlowResult[] = [];
        if (sink.library === 'print' || sink.library === 'stdio') {
          // `print("password:", pw)`: the argument before labels the next one, as a template's text does.
          sink.positional.forEach((argument, index) => {
            const before = index > 0 ? stringValue(sink.positional[index - 1]) : undefined;
            results.push(flow.evaluateFormatted(before === undefined ? '%s' : `${before} %s`, 'percent', [argument]));
          });
          return results;
        }
        const afterMessage = sink.message ? sink.positional.slice(sink.positional.indexOf(sink.message) + 1) : [];
        if (sink.message) results.push(flow.evaluate(sink.message));
        results.push(flow.evaluateFormatted(stringValue(sink.message), sink.style, afterMessage));
        for (const argument of sink.positional) {
          if (argument !== sink.message && !afterMessage.includes(argument)) results.push(flow.evaluate(argument));
        }
        for (const { key, value } of sink.keywords) {
          results.push(
            key === 'extra' && sink.library === 'logging' ? flow.evaluate(value) : flow.evaluateKeyed(key, value),
          );
        }
        for (const splat of sink.splats) results.push(flow.evaluate(splat));
        return results;
      }

      /** Local functions that pass a parameter on to a log, by parameter position (as in JavaScript). */
      const forwarding = new Map<PyNode, Map<number, PyParameterReference>>();
      const callsToLocalFunctions: PyNode[] = [];

      function noteForwarding(parameters: readonly PyParameterReference[]): boolean {
        let changed = false;
        for (const parameter of parameters) {
          const positions = forwarding.get(parameter.fn) ?? new Map<number, PyParameterReference>();
          if (!positions.has(parameter.index)) {
            positions.set(parameter.index, parameter);
            changed = true;
          }
          forwarding.set(parameter.fn, positions);
        }
        return changed;
      }

      /** `audit(password)` where `def audit(data): log.info("%s", data)`: what the caller passes is logged. */
      function checkWrapperCall(call: PyNode, fn: PyNode, checked: Set<string>): boolean {
        const name = field(fn, 'name')?.text ?? '';
        const list = field(call, 'arguments');
        const children =
          list?.type === 'argument_list' ? list.children.filter((child) => child.type !== 'comment') : [];
        const positional = children.filter(
          (child) => child.type !== 'keyword_argument' && child.type !== 'dictionary_splat',
        );
        // After a `*args` at the call, positions are unknown.
        const splatAt = positional.findIndex((child) => child.type === 'list_splat');
        let changed = false;
        for (const [index, parameter] of forwarding.get(fn) ?? []) {
          const id = `${call.range[0]}:${index}`;
          if (checked.has(id)) continue;
          checked.add(id);
          const byPosition = parameter.rest ? positional.slice(index) : positional.slice(index, index + 1);
          const args =
            splatAt >= 0 && splatAt <= index
              ? []
              : [
                  ...byPosition,
                  ...children.flatMap((child) =>
                    child.type === 'keyword_argument' && field(child, 'name')?.text === parameter.name
                      ? [field(child, 'value') ?? child]
                      : [],
                  ),
                ];
          const sink: PySinkCall = {
            library: 'wrapper',
            message: undefined,
            style: 'none',
            positional,
            keywords: [],
            splats: [],
            binding: false,
          };
          for (const argument of args) {
            const result = flow.evaluate(argument);
            changed = noteForwarding(result.parameters) || changed;
            for (const finding of result.findings) report(call, sink, finding, ` through \`${name}()\``);
          }
        }
        return changed;
      }

      return {
        call(node: PyNode) {
          const sink = logsOn ? resolver.sinkOf(node) : undefined;
          const sent = sink || !anyTelemetry ? undefined : telemetry.valuesOf(node);
          if (sent) {
            for (const slot of sent) {
              const result = slot.objectSlot ? flow.evaluate(slot.value) : flow.evaluateKeyed(slot.key, slot.value);
              for (const finding of result.findings) reportTelemetry(node, slot, finding);
            }
            return;
          }
          if (!sink) {
            if (!logsOn) return;
            if (field(node, 'function')?.type === 'identifier') callsToLocalFunctions.push(node);
            return;
          }
          for (const result of written(sink)) {
            noteForwarding(result.parameters);
            for (const finding of result.findings) report(node, sink, finding);
          }
        },
        'module:exit'() {
          // Wrappers of wrappers are found by repeating until nothing new forwards.
          const checked = new Set<string>();
          for (let round = 0; round < 5 && forwarding.size > 0; round++) {
            let changed = false;
            // The cheap test first: a call by the name of a forwarding function.
            const names = new Set([...forwarding.keys()].map((fn) => field(fn, 'name')?.text));
            for (const call of callsToLocalFunctions) {
              if (!names.has(field(call, 'function')?.text)) continue;
              const fn = localFunctionOf(call, bindings);
              if (fn && forwarding.has(fn)) changed = checkWrapperCall(call, fn, checked) || changed;
            }
            if (!changed) break;
          }
        },
      };
    },
  };
}

/** The function a plain call calls, when it is defined in this file (`def audit(data): …`), and only that. */
function localFunctionOf(call: PyNode, bindings: PythonBindings): PyNode | undefined {
  const callee = field(call, 'function');
  const binding = callee ? bindings.bindingOf(callee) : undefined;
  if (binding?.kind !== 'writes' || binding.writes.length !== 1) return undefined;
  const statement = binding.writes[0].statement;
  return statement.type === 'function_definition' ? statement : undefined;
}
