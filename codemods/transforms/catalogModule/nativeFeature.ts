/**
 * Whether a file already defines a feature of the new backend system: it calls `createBackendPlugin` or
 * `createBackendModule` taken from the plugin API of either import family. Such a file is new-form code even
 * when it builds a catalog itself (a native catalog plugin calls `builder.addProcessor(...)` in its own
 * `init`), so its builder calls are not legacy wiring to move out: the transform leaves the whole file alone,
 * as plugin-export leaves alone a package that already has a plugin.
 */
import { OUTPUT_MODULES } from '../shared/importFamily';
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { LooseNode, LoosePath } from '../shared/ast';

const FEATURE_CREATORS = new Set(['createBackendPlugin', 'createBackendModule']);

const PLUGIN_API_MODULES = [...new Set(Object.values(OUTPUT_MODULES).map((m) => m.pluginApi))];

/** `@backstage/backend-plugin-api`, `forklift/framework` and their subpaths (`/alpha`, ...). */
function isPluginApiModule(specifier: unknown): boolean {
  return typeof specifier === 'string' && PLUGIN_API_MODULES.some((m) => specifier === m || specifier.startsWith(`${m}/`));
}

/** Local names bound to a feature creator, and namespaces holding them, by ES import or `require` destructuring. */
function creatorBindings(body: LooseNode[]): { direct: Set<string>; namespaces: Set<string> } {
  const direct = new Set<string>();
  const namespaces = new Set<string>();
  for (const statement of body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type' || !isPluginApiModule(statement.source.value)) continue;
      for (const spec of statement.specifiers ?? []) {
        if (spec.type === 'ImportNamespaceSpecifier') namespaces.add(spec.local.name);
        else if (spec.type === 'ImportSpecifier' && FEATURE_CREATORS.has(spec.imported.name)) direct.add(spec.local.name);
      }
    }
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        const isRequire =
          init?.type === 'CallExpression' &&
          init.callee.type === 'Identifier' &&
          init.callee.name === 'require' &&
          isPluginApiModule(init.arguments[0]?.value);
        if (!isRequire) continue;
        if (declarator.id.type === 'Identifier') namespaces.add(declarator.id.name);
        if (declarator.id.type !== 'ObjectPattern') continue;
        for (const property of declarator.id.properties) {
          const key = property.key?.type === 'Identifier' ? property.key.name : property.key?.value;
          if (
            (property.type === 'ObjectProperty' || property.type === 'Property') &&
            FEATURE_CREATORS.has(key) &&
            property.value.type === 'Identifier'
          ) {
            direct.add(property.value.name);
          }
        }
      }
    }
  }
  return { direct, namespaces };
}

/** True when the parsed file calls `createBackendPlugin` / `createBackendModule` of either family's plugin API. */
export function definesNewSystemFeature(j: JSCodeshift, root: Collection, body: LooseNode[]): boolean {
  const { direct, namespaces } = creatorBindings(body);
  if (direct.size === 0 && namespaces.size === 0) return false;
  return (
    root
      .find(j.CallExpression)
      .filter((path: LoosePath) => {
        const callee = path.node.callee;
        if (callee.type === 'Identifier') return direct.has(callee.name);
        return (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.object.type === 'Identifier' &&
          namespaces.has(callee.object.name) &&
          callee.property.type === 'Identifier' &&
          FEATURE_CREATORS.has(callee.property.name)
        );
      })
      .size() > 0
  );
}
