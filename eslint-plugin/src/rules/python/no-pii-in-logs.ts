import * as path from 'node:path';
import type { PyNode } from '../../languages/python/nodes';
import { PythonImports } from '../../languages/python/imports';
import type { PythonListeners, PythonRuleHalf } from '../../languages/python/rule';
import { stringValue } from '../../languages/python/query';
import { analysisHostFor } from '../../analysis/host';
import { PythonLoggerResolver, type PySinkCall } from '../../analysis/python/loggers';
import { PythonModels } from '../../analysis/python/models';
import { PythonProjectModules } from '../../analysis/python/project-modules';
import { type PyFinding, type PyFlowResult, PythonSensitiveFlow } from '../../analysis/python/sensitive-flow';
import { CATEGORIES, CATEGORIES_ON_BY_DEFAULT, CATEGORY_LABELS, makeNameOptions } from '../../analysis/sensitive-names';
import { isPythonTestOrScriptFile } from '../../analysis/python/test-files';
import { PythonPiiFixes, type PythonPiiFixId } from '../../fixes/python/pii';
import type { NoPiiInLogsOptions } from '../no-pii-in-logs';

type MessageId = 'sensitive' | 'sensitiveAlias' | 'sensitiveFields' | 'personRecord' | PythonPiiFixId;

/**
 * The Python half of `no-pii-in-logs`: the same catalogue of sensitive names, the same options, over the
 * standard `logging` module, structlog, loguru and `print`.
 */
export const noPiiInLogsPython: PythonRuleHalf<NoPiiInLogsOptions, MessageId> = {
  messages: {
    removeKeyword: 'Stop logging the keyword argument `{{key}}`.',
  } as Record<MessageId, string>,
  create(context, options): PythonListeners {
    const host = path.isAbsolute(context.filename) ? analysisHostFor(context.filename) : undefined;
    const exists = (file: string): boolean => host?.texts.exists(file) ?? false;
    if (!options.checkTestFiles && isPythonTestOrScriptFile(context.filename, exists)) return {};
    if (!(options.sinks?.logs ?? true)) return {};
    const module = context.sourceCode.ast;
    const imports = new PythonImports(module);
    const filename = context.filename;
    const modules = new PythonProjectModules((file) => (host ? analysisHostFor(file).texts.text(file) : undefined));
    const resolver = new PythonLoggerResolver(imports, options.loggers ?? [], { filename, modules });
    const models = new PythonModels(module, imports, filename, modules);
    const flow = new PythonSensitiveFlow(
      imports,
      {
        names: makeNameOptions(options.extraSensitiveNames ?? [], options.allowNames ?? []),
        enabledCategories: new Set(
          CATEGORIES.filter((category) => options.categories?.[category] ?? CATEGORIES_ON_BY_DEFAULT[category]),
        ),
        sanitizers: new Set([...(options.sanitizers ?? []), options.redactor?.name ?? 'redact']),
      },
      (className) => models.modelOf(className),
    );
    const fixes = new PythonPiiFixes(context.sourceCode.text, module, options.redactor);
    const reported = new Set<string>();

    function report(call: PyNode, sink: PySinkCall, finding: PyFinding): void {
      const key = `${finding.node.range[0]}:${finding.node.range[1]}:${finding.subject}`;
      if (reported.has(key)) return;
      reported.add(key);
      const data = { subject: finding.subject, category: CATEGORY_LABELS[finding.category], through: '' };
      const suggest = fixes.suggestionsFor(call, sink, finding);
      if (finding.fields) {
        const fields = finding.fields.map((each) => `\`${each.name}\` (${CATEGORY_LABELS[each.category]})`);
        const list =
          fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}` : fields[0];
        context.report({
          node: finding.node,
          messageId: 'sensitiveFields',
          data: { ...data, fields: list, verb: fields.length > 1 ? 'are' : 'is' },
          suggest,
        });
      } else if (finding.kind === 'record' && finding.origin === undefined) {
        context.report({ node: finding.node, messageId: 'personRecord', data, suggest });
      } else if (finding.origin !== undefined) {
        context.report({
          node: finding.node,
          messageId: 'sensitiveAlias',
          data: { ...data, origin: finding.origin },
          suggest,
        });
      } else {
        context.report({ node: finding.node, messageId: 'sensitive', data, suggest });
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

    return {
      call(node: PyNode) {
        const sink = resolver.sinkOf(node);
        if (!sink) return;
        for (const result of written(sink)) {
          for (const finding of result.findings) report(node, sink, finding);
        }
      },
    };
  },
};
