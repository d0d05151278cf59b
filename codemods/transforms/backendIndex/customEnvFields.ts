/**
 * Reads `makeCreateEnv(config)` for the fields its plugin environment adds beyond the standard ones
 * (`catalogClient`, `eventBroker`, ...). A field built once from an import and services the new backend
 * offers (config, discovery, url reader, permissions) can move into a service ref's default factory;
 * anything else is kept under a TODO, because guessing how to rebuild it could change behaviour.
 */
import type { JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import { LEGACY_ENV_FIELD_NAMES } from '../shared/legacyEnv';
import { freeIdentifiers, GLOBAL_NAMES } from './identifiers';
import { commentsOf, keptCodeOf, type KeptCode } from './todo';
import { textOf } from '../shared/nodeText';

type Node = namedTypes.ASTNode;

/** Service refs (by `coreServices` key) that legacy locals built from these calls stand for. */
const SERVICE_LOCALS: Array<[RegExp, string]> = [
  [/^(Host|SingleHost)Discovery\.fromConfig\(/, 'discovery'],
  [/^UrlReaders\.(default|create)\(/, 'urlReader'],
  [/^ServerPermissionClient\.fromConfig\(/, 'permissions'],
];

/** Legacy managers and clients the new backend replaces with its own services; they are dropped. */
const REPLACED_LOCALS =
  /^(getRootLogger|(Host|SingleHost)Discovery\.|UrlReaders\.|ServerPermissionClient\.|DatabaseManager\.|CacheManager\.|ServerTokenManager\.|TaskScheduler\.|DefaultIdentityClient\.|IdentityClient\.|DefaultSchedulerService\.|[a-zA-Z]+Manager\.forPlugin\(|taskScheduler\.forPlugin\(|root\.child\()/;

const STATIC_CONSTRUCTORS = /^(create|fromConfig|forConfig)$/;

export interface MovableField {
  field: string;
  /** The expression that built it, as written, with the indentation of the line it started on. */
  init: KeptCode;
  /** `new X(...)` -> `X`; `X.create(...)` -> `Awaited<ReturnType<typeof X.create>>`. */
  typeText: string;
  /** Factory dependencies: local name as used in `init` -> `coreServices` key. */
  deps: Array<{ name: string; service: string }>;
  /** Root when it depends on config alone (one instance per backend, as before), else plugin. */
  scope: 'root' | 'plugin';
  isAsync: boolean;
  /** Comments written above the declaration; they move with it. */
  comments: string[];
}

export interface StuckField {
  field: string;
  reason: string;
  kept: KeptCode[];
  /** The field whose TODO already shows the code this one is built by (`events: eventsService`). */
  keptWith?: string;
}

export interface CustomEnvFields {
  movable: MovableField[];
  stuck: StuckField[];
  /** Statements of makeCreateEnv that are neither standard wiring nor part of a custom field. */
  unknown: KeptCode[];
}

interface Local {
  name: string;
  init: Node;
  statement: Node;
}

/** The custom fields of the env built by `fn` (the makeCreateEnv function), given the file's imported names. */
export function readCustomEnvFields(j: JSCodeshift, source: string, fn: Node, imported: ReadonlySet<string>): CustomEnvFields {
  const result: CustomEnvFields = { movable: [], stuck: [], unknown: [] };
  const body = functionBody(fn);
  if (!body) return result;
  const params = (fn as namedTypes.FunctionDeclaration).params ?? [];
  const configName = params[0]?.type === 'Identifier' ? params[0].name : undefined;

  const locals = new Map<string, Local>();
  const serviceLocals = new Map<string, string>();
  if (configName) serviceLocals.set(configName, 'rootConfig');
  let closure: Node | undefined;

  const readStatements = (statements: Node[], perPlugin: boolean) => {
    for (const s of statements) {
      if (
        s.type === 'VariableDeclaration' &&
        s.declarations.length === 1 &&
        s.declarations[0].type === 'VariableDeclarator' &&
        s.declarations[0].id.type === 'Identifier' &&
        s.declarations[0].init
      ) {
        const name = s.declarations[0].id.name;
        const init = s.declarations[0].init as Node;
        const text = textOf(source, init).replace(/^await\s+/, '');
        const service = SERVICE_LOCALS.find(([re]) => re.test(text))?.[1];
        if (service && !perPlugin) serviceLocals.set(name, service);
        if (!REPLACED_LOCALS.test(text) && !(perPlugin && LEGACY_ENV_FIELD_NAMES.has(name))) {
          locals.set(name, { name, init, statement: s });
        }
        continue;
      }
      if (s.type === 'ReturnStatement' && s.argument && !perPlugin) {
        closure = s.argument as Node;
        continue;
      }
      if (s.type === 'ReturnStatement' && perPlugin) continue;
      if (isLogCall(s)) continue;
      const kept = keptCodeOf(source, s as never);
      result.unknown.push(kept);
    }
  };
  readStatements(body, false);
  const closureBody = closure ? functionBody(closure) : undefined;
  if (closureBody) readStatements(closureBody, true);
  const returned = closure ? returnedObject(closure) : undefined;
  if (!returned) return result;

  // Statement -> the field whose TODO already shows it, so no code is shown twice and none is lost.
  const claimed = new Map<string, string>();
  for (const prop of returned.properties) {
    if ((prop.type !== 'ObjectProperty' && prop.type !== 'Property') || prop.key.type !== 'Identifier') continue;
    const field = prop.key.name;
    if (LEGACY_ENV_FIELD_NAMES.has(field)) continue;
    const value = prop.value as Node;
    const local = value.type === 'Identifier' ? locals.get(value.name) : undefined;
    const init = local ? local.init : value.type === 'Identifier' ? undefined : value;
    const keptOf = (): KeptCode[] => {
      const own = local ? [local.statement] : [prop];
      const extra = [...dependsOnLocals(j, init, locals)].filter((l) => l !== local).map((l) => l.statement);
      return [...extra, ...own]
        .filter((n) => !claimed.has(keyOf(n)))
        .map((n) => {
          claimed.set(keyOf(n), field);
          return keptCodeOf(source, n as never);
        });
    };
    if (!init) {
      result.stuck.push({ field, reason: `its value \`${textOf(source, value)}\` is not built in makeCreateEnv`, kept: keptOf() });
      continue;
    }
    const verdict = judge(j, source, init, { imported, serviceLocals });
    if ('reason' in verdict) {
      const keptWith = local ? claimed.get(keyOf(local.statement)) : undefined;
      result.stuck.push({ field, reason: verdict.reason, kept: keptOf(), keptWith });
    } else {
      if (local) claimed.set(keyOf(local.statement), field);
      const comments = local
        ? commentsOf(local.statement)
            .filter((c) => c.leading)
            .map((c) => source.slice(c.start, c.end))
        : [];
      result.movable.push({ field, init: keptCodeOf(source, init as never), comments, ...verdict });
    }
  }
  // Locals only custom fields needed are now claimed; any other local is wiring the new backend does not have.
  for (const local of locals.values()) {
    if (claimed.has(keyOf(local.statement))) continue;
    result.unknown.push(keptCodeOf(source, local.statement as never));
  }
  return result;
}

function judge(
  j: JSCodeshift,
  source: string,
  init: Node,
  scope: { imported: ReadonlySet<string>; serviceLocals: Map<string, string> },
): { reason: string } | Pick<MovableField, 'typeText' | 'deps' | 'scope' | 'isAsync'> {
  let expr = init;
  const isAsync = expr.type === 'AwaitExpression';
  if (expr.type === 'AwaitExpression' && expr.argument) expr = expr.argument as Node;
  let typeText: string | undefined;
  if (expr.type === 'NewExpression' && (expr.callee.type === 'Identifier' || expr.callee.type === 'MemberExpression')) {
    const typeArgs = (expr as { typeParameters?: Node }).typeParameters ?? (expr as { typeArguments?: Node }).typeArguments;
    typeText = textOf(source, expr.callee as Node) + (typeArgs ? textOf(source, typeArgs) : '');
  } else if (expr.type === 'CallExpression' && expr.callee.type === 'MemberExpression' && expr.callee.object.type === 'Identifier') {
    const owner = expr.callee.object.name;
    const method = expr.callee.property.type === 'Identifier' ? expr.callee.property.name : '';
    // `Foo.fromConfig(config)` makes a Foo by convention; anything else is typed by what it returns.
    typeText =
      /^[A-Z]/.test(owner) && STATIC_CONSTRUCTORS.test(method)
        ? owner
        : `Awaited<ReturnType<typeof ${textOf(source, expr.callee as Node)}>>`;
  }
  if (!typeText) return { reason: `\`${shortText(source, init)}\` is not a constructor or factory call forklift can move` };
  const root = rootIdentifier(expr);
  if (!root || !scope.imported.has(root)) {
    return { reason: `\`${root ?? shortText(source, expr)}\` is not imported in this file` };
  }
  const deps: MovableField['deps'] = [];
  const blockers: string[] = [];
  for (const name of new Set(freeIdentifiers(j, init))) {
    if (scope.imported.has(name) || GLOBAL_NAMES.has(name)) continue;
    const service = scope.serviceLocals.get(name);
    if (service) deps.push({ name, service });
    else blockers.push(name);
  }
  if (blockers.length > 0) {
    const list = blockers.map((b) => `\`${b}\``).join(', ');
    return { reason: `it depends on ${list}, which ${blockers.length > 1 ? 'are not services' : 'is not a service'} of the new backend` };
  }
  const rootOnly = deps.every((d) => d.service === 'rootConfig');
  return { typeText, deps, scope: rootOnly ? 'root' : 'plugin', isAsync };
}

function functionBody(fn: Node): Node[] | undefined {
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression') {
    return fn.body.type === 'BlockStatement' ? (fn.body.body as Node[]) : [{ type: 'ReturnStatement', argument: fn.body } as Node];
  }
  if (fn.type === 'VariableDeclarator' && fn.init) return functionBody(fn.init as Node);
  return undefined;
}

function returnedObject(closure: Node): namedTypes.ObjectExpression | undefined {
  const body = functionBody(closure);
  const ret = body?.find((s) => s.type === 'ReturnStatement') as namedTypes.ReturnStatement | undefined;
  let arg = ret?.argument as Node | null | undefined;
  while (arg && (arg.type === 'TSAsExpression' || arg.type === 'TSSatisfiesExpression')) arg = arg.expression as Node;
  return arg?.type === 'ObjectExpression' ? arg : undefined;
}

function isLogCall(s: Node): boolean {
  if (s.type !== 'ExpressionStatement' || s.expression.type !== 'CallExpression') return false;
  const callee = s.expression.callee;
  return (
    callee.type === 'MemberExpression' &&
    callee.property.type === 'Identifier' &&
    ['info', 'debug', 'warn', 'verbose'].includes(callee.property.name) &&
    callee.object.type === 'Identifier' &&
    /^(root|logger|rootLogger)$/.test(callee.object.name)
  );
}

function rootIdentifier(expr: Node): string | undefined {
  let callee: Node | undefined = expr.type === 'NewExpression' || expr.type === 'CallExpression' ? (expr.callee as Node) : undefined;
  while (callee && callee.type === 'MemberExpression') callee = callee.object as Node;
  return callee?.type === 'Identifier' ? callee.name : undefined;
}

function dependsOnLocals(j: JSCodeshift, init: Node | undefined, locals: Map<string, Local>): Set<Local> {
  const found = new Set<Local>();
  const visit = (node: Node) => {
    for (const name of freeIdentifiers(j, node)) {
      const local = locals.get(name);
      if (local && !found.has(local)) {
        found.add(local);
        visit(local.init);
      }
    }
  };
  if (init) visit(init);
  return found;
}

function keyOf(node: Node): string {
  const n = node as { start?: number; end?: number };
  return `${n.start}:${n.end}`;
}

function shortText(source: string, node: Node): string {
  const text = textOf(source, node).replace(/\s+/g, ' ');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}
