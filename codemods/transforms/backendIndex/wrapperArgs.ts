/**
 * When the index called a plugin factory with more than its env (`catalog(env, { refresh: 100 })`,
 * `search(env, config.getString('x'))`), the mount can still be carried: a small wrapper passes the same
 * arguments, as written, provided the new index can still build them (literals, imported names, globals,
 * the plugin's own env, the backend config). Anything else built in the old index blocks the mount.
 */
import type { BackendMount } from '../../analysis';
import { jscodeshiftFor, parseForReading } from '../shared/parser';
import { freeIdentifiers, GLOBAL_NAMES } from './identifiers';

export interface WrapperScope {
  /** Names the index imports (they stay imported while the new index uses them). */
  imported: ReadonlySet<string>;
  /** The variable holding the loaded config (`const config = await loadBackendConfig(...)`). */
  configVar?: string;
  /** Other names the old index declared, by name -> line, for messages. */
  locals: ReadonlyMap<string, number>;
  /** Variables holding a plugin env (`const ocmEnv = useHotMemoize(module, () => createEnv('ocm'))`) -> the env's name. */
  envVariables: ReadonlyMap<string, string>;
  /** True when the index imports the `PluginEnvironment` type, so a wrapper can name its parameter's type. */
  hasEnvType: boolean;
}

export type WrapperArgs =
  | {
      envParam: string;
      args?: string[];
      configVar?: string;
      /** How the wrapper types its parameter: as the factory's first parameter, or as the index's PluginEnvironment. */
      paramType?: 'factory' | 'PluginEnvironment';
    }
  | { blocker: string };

const INLINE_ENV = /^(await\s+)?(useHotMemoize\s*\(|createEnv\s*\()/;

export function wrapperArgsOf(mount: BackendMount, scope: WrapperScope): WrapperArgs {
  const inlineEnv = mount.envArg !== undefined && INLINE_ENV.test(mount.envArg);
  const envParam = mount.envVariable ?? 'env';
  const envIsPlain = mount.envVariable !== undefined || inlineEnv;
  if (mount.extraArgs.length === 0 && envIsPlain) return { envParam };

  const first = envIsPlain ? envParam : mount.envArg;
  if (first === undefined) return { envParam };
  const args = [first, ...mount.extraArgs];
  // `createRouter({ logger: ocmEnv.logger })`: the arguments are built from the plugin's own env variable.
  const ownEnv = envIsPlain
    ? undefined
    : [...scope.envVariables].find(
        ([variable, name]) => name === mount.pluginId && args.some((a) => new RegExp(`\\b${variable}\\b`).test(a)),
      )?.[0];
  if (!envIsPlain && (!ownEnv || !scope.hasEnvType)) {
    return {
      blocker: ownEnv
        ? `its factory is called with \`${short(args[0])}\`, built from its env, but the index does not import the PluginEnvironment type a wrapper would take; import it, or move the call into a plugin file`
        : `its factory is called with \`${short(args[0])}\` instead of the plugin's env; move the call into a plugin file (export default async function createPlugin(env)) so legacyPlugin can load it`,
    };
  }
  const param = ownEnv ?? envParam;
  const allowed = new Set([...scope.imported, ...GLOBAL_NAMES, param]);
  let usesConfig = false;
  const j = jscodeshiftFor('ts');
  for (const text of args) {
    let expr: unknown;
    try {
      const statement = parseForReading(`(${text});`, 'ts').program.body[0];
      if (statement?.type !== 'ExpressionStatement') throw new TypeError('not an expression');
      expr = statement.expression;
    } catch {
      return { blocker: `its factory is called with \`${text}\`, which forklift cannot read` };
    }
    for (const name of freeIdentifiers(j, expr as never)) {
      if (allowed.has(name)) continue;
      if (name === scope.configVar) {
        usesConfig = true;
        continue;
      }
      const line = scope.locals.get(name);
      return {
        blocker:
          `its factory is called with \`${short(text)}\`` +
          (text === name ? '' : `, which uses \`${name}\``) +
          (line ? ` built in the index (line ${line})` : ', which the new index does not have') +
          `; build it inside ${mount.importSource ?? 'the plugin file'} so legacyPlugin can load the plugin with its env alone`,
      };
    }
  }
  return {
    envParam: param,
    args,
    paramType: envIsPlain ? 'factory' : 'PluginEnvironment',
    ...(usesConfig ? { configVar: scope.configVar } : {}),
  };
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
