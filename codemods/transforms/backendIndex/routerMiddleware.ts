/**
 * Middleware a legacy index installed on a router of its own for every plugin mounted after it: `apiRouter.use(mw)`
 * with no path, also under an `if` (error trackers' request and error handlers behind a config switch). The new
 * backend has no shared api router, so legacyPlugin mounts those plugins without it; the step says which plugins
 * it ran in front of (or behind), and where the new backend runs such middleware: the root HTTP router's
 * `configure` option, or a plugin's own `httpRouter.use`.
 */
import type { JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import type { ImportFamily } from '../shared/importFamily';
import type { BodyItem } from './bodyItems';
import { excerpt } from './todo';
import { textOf } from '../shared/nodeText';

type Node = namedTypes.ASTNode;

/** The `<router>.use(<handlers>)` calls of one statement, with the condition they ran under, if any. */
export interface RouterMiddleware {
  router: string;
  /** Each call as written (`apiRouter.use(Sentry.Handlers.requestHandler())`). */
  uses: string[];
  /** The test of the `if` the calls sit in (`config.has('sentry.dsn')`). */
  condition?: string;
}

/** The plugins mounted on an index router before and after the middleware, as the legacy backend served them. */
export interface MountsAround {
  before: string[];
  after: string[];
}

/**
 * The path-less `.use(...)` calls of `s` on a router the index built (`wiring`), when that is all `s` is about: an
 * expression statement, or an `if` whose blocks hold them. Undefined when `s` has none.
 */
export function readRouterMiddleware(j: JSCodeshift, s: Node, wiring: ReadonlySet<string>, source: string): RouterMiddleware | undefined {
  const uses: Array<{ router: string; text: string }> = [];
  j(s as never)
    .find(j.CallExpression)
    .forEach((p) => {
      const callee = p.node.callee;
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || callee.property.name !== 'use') return;
      if (callee.object.type !== 'Identifier' || !wiring.has(callee.object.name)) return;
      const first = p.node.arguments[0] as Node | undefined;
      if (!first || isPathArgument(first)) return;
      uses.push({ router: callee.object.name, text: textOf(source, p.node as Node).replace(/\s*\n\s*/g, ' ') });
    });
  if (uses.length === 0) return undefined;
  const condition = s.type === 'IfStatement' ? textOf(source, s.test as Node).replace(/\s*\n\s*/g, ' ') : undefined;
  return { router: uses[0].router, uses: uses.map((u) => u.text), ...(condition ? { condition } : {}) };
}

/**
 * Writes the message of every router-middleware item of `items` (in the index's order), now that the plugins mounted
 * around it are known: mounts on a router with `.use` (not the service builder's root `addRouter`), by plugin id.
 */
export function describeRouterMiddleware(items: BodyItem[], family: ImportFamily): void {
  const mountedAt = items.map((item) =>
    item.kind === 'mount' ? (item.plan.mount.via === 'use' ? [item.plan.mount.pluginId] : []) : item.kind === 'blocked' ? item.mounts : [],
  );
  items.forEach((item, i) => {
    if (item.kind !== 'todo' || !item.routerMiddleware) return;
    const around = { before: mountedAt.slice(0, i).flat(), after: mountedAt.slice(i + 1).flat() };
    item.message = routerMiddlewareStep(item.routerMiddleware, around, family);
  });
}

/** The step for middleware the new backend no longer runs, naming the plugins it ran in front of or behind. */
export function routerMiddlewareStep(middleware: RouterMiddleware, around: MountsAround, family: ImportFamily): string {
  const what = middleware.uses.map((u) => `\`${excerpt(u)}\``).join(', ');
  const when = middleware.condition ? ` when \`${excerpt(middleware.condition)}\`` : '';
  const where =
    around.after.length > 0
      ? `in front of every plugin mounted after it on ${middleware.router} (${around.after.join(', ')})`
      : around.before.length > 0
        ? `behind the plugins mounted before it on ${middleware.router} (${around.before.join(', ')}), for the requests and errors they passed on`
        : `on ${middleware.router}, with no plugin mounted after it`;
  const them = middleware.uses.length === 1 ? 'it' : 'them';
  return (
    `the legacy index ran ${what}${when} ${where}; the new backend has no shared api router and legacyPlugin mounts these plugins without it. ` +
    `To keep ${them}, ${rootRouterWay(family, around.after.length === 0 && around.before.length > 0)}` +
    `${middleware.condition ? ` (keep the condition and the rest of its block around ${them})` : ''}, ` +
    `or run ${them} in each plugin's own router (a module of the plugin that calls \`httpRouter.use(...)\`)`
  );
}

/** Where the new backend runs middleware for every plugin: the root HTTP router's `configure`, per family. */
function rootRouterWay(family: ImportFamily, behindRoutes: boolean): string {
  const mine = "app.use('/api', <middleware>)";
  if (family === 'forklift') {
    const order = behindRoutes
      ? `app.use(middleware.tracker), app.use(routes), ${mine}, then middleware.notFound and middleware.error`
      : `app.use(middleware.tracker), ${mine}, app.use(routes), then middleware.notFound and middleware.error`;
    return `add \`backend.add(createRootHttpRouterServiceFactory({ configure }))\` from forklift/framework, whose \`configure({ app, middleware, routes })\` mounts ${order} (and middleware.health, as applyDefaults does)`;
  }
  const order = behindRoutes
    ? `app.use(routes), ${mine}, app.use(middleware.notFound()), app.use(middleware.error())`
    : `${mine}, app.use(routes), app.use(middleware.notFound()), app.use(middleware.error())`;
  return `add \`backend.add(rootHttpRouterServiceFactory({ configure }))\` (from \`@backstage/backend-defaults/rootHttpRouter\`; \`@backstage/backend-app-api\` in releases before it) whose \`configure({ app, middleware, routes })\` runs ${order}`;
}

/** A first argument that is a mount path: a string or template literal. */
export function isPathArgument(node: Node): boolean {
  return node.type === 'StringLiteral' || node.type === 'TemplateLiteral' || (node.type === 'Literal' && typeof node.value === 'string');
}
