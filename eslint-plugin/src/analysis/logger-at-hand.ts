import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findVariable,
  importBindings,
  isFunctionNode,
  propertyKeyName,
  requiredModule,
  staticChain,
  unwrap,
} from './ast';
import { type LoggerLibrary, type LoggerResolver } from './loggers';
import { type ProjectImports } from './project-imports';
import {
  fileOfProgram,
  findProjectRoot,
  projectDependencies,
  type ProjectDependencies,
  resolveImport,
} from './modules';
import { ProjectFact } from './derived-memo';
import { analysisHostFor } from './host';
import { projectLogger } from './service-profile';

/**
 * How a logger takes an error: pino and bunyan want it under `err` in the fields object first
 * (`logger.error({ err }, msg)`); winston after the message (`logger.error(msg, err)`, which keeps message and
 * stack with or without `format.errors`); NestJS's Logger a stack string (`this.logger.error(msg, err.stack)`);
 * console anything (it prints the stack).
 */
export type ErrorLogIdiom = 'pino' | 'winston' | 'nestjs' | 'console';

export interface LoggerAtHand {
  /** The code that reaches the logger: `logger`, `this.logger`, `log`. */
  receiver: string;
  idiom: ErrorLogIdiom;
  /** Set when the logger must be imported from a project module first: the specifier and the exported name. */
  importFrom?: { specifier: string; name: string; isDefault: boolean };
}

const STRUCTURED_LIBRARIES = ['pino', 'winston', 'bunyan', 'nestjs-pino', '@nestjs/common', 'log4js'];

export function idiomOfLibrary(library: LoggerLibrary | undefined, fallback: ErrorLogIdiom): ErrorLogIdiom {
  switch (library) {
    case 'pino':
    case 'bunyan':
      return 'pino';
    case 'winston':
    case 'log4js':
      return 'winston';
    case 'nestjs':
      return 'nestjs';
    case 'console':
      return 'console';
    default:
      return fallback;
  }
}

/** The project's dependencies, or none for text linted without a file. */
export function dependenciesOf(filename: string): ProjectDependencies {
  if (!path.isAbsolute(filename)) return { has: () => false, name: undefined, entryStems: new Set() };
  return projectDependencies(findProjectRoot(filename));
}

/** The idiom of the service's logging dependency, for loggers known only by name (`this.logger`, an imported `logger`). */
export function idiomOfDependencies(dependencies: ProjectDependencies): ErrorLogIdiom | undefined {
  if (dependencies.has('pino') || dependencies.has('bunyan') || dependencies.has('nestjs-pino')) return 'pino';
  return dependencies.has('winston') ? 'winston' : undefined;
}

/** Whether the service has a structured logging library (pino, winston, bunyan, NestJS, log4js) among its dependencies. */
export function hasStructuredLoggerDependency(dependencies: ProjectDependencies): boolean {
  return STRUCTURED_LIBRARIES.some((name) => dependencies.has(name));
}

/**
 * The logger code at `node` should write to: the class's own (`this.logger`), the module's (`logger`, `log`,
 * created here or imported from a project module), or one exported by the project's logger module
 * (`src/logger.ts`), to import. Undefined when the service has none.
 */
export function loggerAtHand(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  resolver: LoggerResolver,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): LoggerAtHand | undefined {
  const member = classLogger(node, resolver);
  if (member) return member;
  const dependencies = dependenciesOf(filename);
  const fallback: ErrorLogIdiom = dependencies.has('pino') || dependencies.has('bunyan') ? 'pino' : 'winston';
  const moduleLogger = projectLogger(sourceCode, filename, dependencies);
  if (moduleLogger) {
    const variable = findVariable(sourceCode.getScope(node), moduleLogger.name);
    const def = variable?.defs[0];
    const moduleLevel =
      def && (def.type === 'ImportBinding' || def.node.parent?.parent?.type === AST_NODE_TYPES.Program);
    if (moduleLevel) {
      const init = def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? def.node.init : undefined;
      const library = init ? resolver.loggerCreatedBy(init, 0)?.library : undefined;
      const style = moduleLogger.style === 'fields-first' ? 'pino' : fallback;
      return { receiver: moduleLogger.name, idiom: idiomOfLibrary(library, style) };
    }
  }
  // CommonJS files keep their top level in the module wrapper's scope, where projectLogger does not look.
  const topLevel = topLevelLogger(node, sourceCode, resolver, fallback);
  if (topLevel) return topLevel;
  if (!path.isAbsolute(filename)) return undefined;
  const exported = projectLoggerModule(filename, languageOptions);
  if (!exported || exported.file === filename) return undefined;
  const scope = sourceCode.getScope(node);
  if (findVariable(scope, exported.name)) return undefined;
  return {
    receiver: exported.name,
    idiom: exported.idiom,
    importFrom: {
      specifier: specifierFor(sourceCode, filename, exported.file),
      name: exported.name,
      isDefault: exported.isDefault,
    },
  };
}

/**
 * The library a log call's logger is positively known to be, for judgements that hold only for that library's
 * serialization (an Error under a key pino does not serialize, or under any key with winston, is written as `{}`):
 * 'pino' for pino, bunyan and the pino loggers frameworks attach (`req.log`), 'winston' for winston and log4js.
 * The logger must be created by the library in this file, in the class that uses it, or in the project module it is
 * imported from. Undefined for anything else: a project's own logger class or wrapper (which may serialize errors
 * itself: `{ name, message, stack }`), a logger known only by its name, or one guessed from the dependencies.
 */
export function identifiedIdiom(
  call: TSESTree.CallExpression,
  receiver: TSESTree.Node,
  library: LoggerLibrary,
  sourceCode: Readonly<TSESLint.SourceCode>,
  resolver: LoggerResolver,
  imports: ProjectImports | undefined,
): 'pino' | 'winston' | undefined {
  if (library === 'pino' || library === 'bunyan') return 'pino';
  if (library === 'winston' || library === 'log4js') return 'winston';
  if (library !== 'named' && library !== 'configured') return undefined;
  const known = (idiom: ErrorLogIdiom | undefined): 'pino' | 'winston' | undefined =>
    idiom === 'pino' || idiom === 'winston' ? idiom : undefined;
  const member = classLogger(call, resolver);
  if (member && member.receiver === sourceCode.getText(receiver)) return known(member.idiom);
  const node = unwrap(receiver);
  if (node.type !== AST_NODE_TYPES.Identifier || !imports) return undefined;
  const def = findVariable(sourceCode.getScope(call), node.name)?.defs[0];
  const imported =
    def?.type === 'ImportBinding' ||
    (def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.parent?.parent?.type === AST_NODE_TYPES.Program &&
      def.node.init !== null &&
      def.node.init !== undefined &&
      requiredModule(unwrap(def.node.init)) !== undefined);
  if (!imported) return undefined;
  const resolved = imports.resolve(node.name);
  return resolved ? known(creationIdiom(resolved.program, resolved.node)) : undefined;
}

/** A `logger`/`log` declared at the top level (also in a CommonJS wrapper scope) by a logging library's factory. */
function topLevelLogger(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  resolver: LoggerResolver,
  fallback: ErrorLogIdiom,
): LoggerAtHand | undefined {
  const scope = sourceCode.getScope(node);
  for (const name of ['logger', 'log']) {
    const def = findVariable(scope, name)?.defs[0];
    if (
      def?.node.type !== AST_NODE_TYPES.VariableDeclarator ||
      def.node.parent?.parent?.type !== AST_NODE_TYPES.Program ||
      !def.node.init
    )
      continue;
    const library = resolver.loggerCreatedBy(def.node.init, 0)?.library;
    if (library && library !== 'debug' && library !== 'console')
      return { receiver: name, idiom: idiomOfLibrary(library, fallback) };
  }
  return undefined;
}

/** `this.logger` in a method of a class that declares a logger field or constructor parameter property. */
function classLogger(node: TSESTree.Node, resolver: LoggerResolver): LoggerAtHand | undefined {
  let method: TSESTree.Node | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      method = current;
      break;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static) {
      method = current;
      break;
    }
  }
  const owner = method?.parent;
  const isMethod = owner?.type === AST_NODE_TYPES.MethodDefinition && !owner.static;
  const body = isMethod ? owner.parent : method?.type === AST_NODE_TYPES.PropertyDefinition ? method.parent : undefined;
  if (body?.type !== AST_NODE_TYPES.ClassBody) return undefined;
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && !element.computed) {
      const name = propertyKeyName(element);
      if ((name === 'logger' || name === 'log') && element.value && !isFunctionNode(element.value)) {
        const library =
          resolver.loggerCreatedBy(element.value, 0)?.library ?? resolver.resolveLogger(element.value, 0)?.library;
        if (library && library !== 'debug')
          return { receiver: `this.${name}`, idiom: idiomOfLibrary(library, 'console') };
      }
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty || param.parameter.type !== AST_NODE_TYPES.Identifier)
          continue;
        const name = param.parameter.name;
        const type = param.parameter.typeAnnotation?.typeAnnotation;
        const typeName = type?.type === AST_NODE_TYPES.TSTypeReference ? staticTypeName(type.typeName) : undefined;
        if (!/^(logger|log)$/.test(name) || typeName === undefined) continue;
        if (typeName === 'Logger' || typeName === 'LoggerService' || typeName === 'ConsoleLogger')
          return { receiver: `this.${name}`, idiom: 'nestjs' };
        if (typeName === 'PinoLogger') return { receiver: `this.${name}`, idiom: 'pino' };
      }
    }
  }
  return undefined;
}

function staticTypeName(name: TSESTree.EntityName): string | undefined {
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return undefined;
}

interface ExportedLogger {
  file: string;
  name: string;
  isDefault: boolean;
  idiom: ErrorLogIdiom;
}

/** Where services keep their logger instance, relative to the project root. */
const LOGGER_MODULES = [
  'src/logger',
  'src/lib/logger',
  'src/utils/logger',
  'src/util/logger',
  'src/common/logger',
  'src/config/logger',
  'src/logging',
  'lib/logger',
  'logger',
  'utils/logger',
];
const LOGGER_MODULE = new ProjectFact<ExportedLogger | undefined>('logger module');

/** The logger instance the project's logger module exports (`export const logger = pino()`), per project root. */
export function projectLoggerModule(
  filename: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): ExportedLogger | undefined {
  const root = findProjectRoot(filename);
  return analysisHostFor(root).projectFacts.get(LOGGER_MODULE, root, () => findLoggerModule(root, languageOptions));
}

function findLoggerModule(
  root: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): ExportedLogger | undefined {
  const from = path.join(root, 'package.json');
  for (const candidate of LOGGER_MODULES) {
    for (const [name, isDefault] of [
      ['logger', false],
      ['log', false],
      ['default', true],
    ] as const) {
      const resolved = resolveImport(from, `./${candidate}`, name, languageOptions);
      if (!resolved) continue;
      const idiom = creationIdiom(resolved.program, resolved.node);
      const fileName = fileOfProgram(resolved.program);
      if (idiom && fileName) return { file: fileName, name: isDefault ? 'logger' : name, isDefault, idiom };
    }
  }
  return undefined;
}

/** The idiom of the logger a module creates: `pino()`, `winston.createLogger()`, `bunyan.createLogger()`. */
function creationIdiom(program: TSESTree.Program, node: TSESTree.Node): ErrorLogIdiom | undefined {
  const created = unwrap(node);
  if (created.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(created.callee);
  const chain = staticChain(callee);
  const required = requiredModule(callee);
  const root = chain?.[0];
  const module = required ?? (root ? importBindings(program).get(root)?.module : undefined);
  if (module === 'pino' || module === 'bunyan') return 'pino';
  if (module === 'winston') return 'winston';
  if (chain?.[chain.length - 1] === 'child' && root) {
    const parentModule = importBindings(program).get(root)?.module;
    if (parentModule === 'pino') return 'pino';
  }
  return undefined;
}

/** A relative specifier from the linted file to `target`, written like the file's other relative imports. */
function specifierFor(sourceCode: Readonly<TSESLint.SourceCode>, filename: string, target: string): string {
  let relative = path.relative(path.dirname(filename), target).replace(/\\/g, '/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const withoutExtension = relative.replace(/\.(?:[cm]?[jt]s|tsx)$/, '');
  const relativeImports = sourceCode.ast.body.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value.startsWith('.')
      ? [statement.source.value]
      : [],
  );
  const esmJs =
    /\.m?js$/.test(filename) &&
    sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  if (relativeImports.some((specifier) => /\.js$/.test(specifier)) || esmJs) return `${withoutExtension}.js`;
  return withoutExtension;
}
