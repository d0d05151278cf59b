import { z } from 'zod/v3';
import {
  AuthorizeResult,
  InputError,
  NotFoundError,
  type ActionsRegistryActionOptions,
  type ActionsRegistryService,
  type ActionsServiceAction,
  type BackstageCredentials,
  type BasicPermission,
  type Config,
  type LoggerService,
  type PermissionsRegistryService,
  type PermissionsService,
} from '../../api';
import { parseWithSchema, toJsonSchema } from '../schemas';
import { actionAttributes, actionPluginSources, filterActions } from './actionFilters';

const ACTION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

type AnyActionOptions = ActionsRegistryActionOptions<z.AnyZodObject, z.AnyZodObject, z.AnyZodObject | undefined>;

/** A registered action with its schemas built once, from the zod module the registry hands the schema functions. */
interface RegisteredAction {
  id: string;
  options: AnyActionOptions;
  input?: z.ZodTypeAny;
  output?: z.ZodTypeAny;
  secrets?: z.ZodTypeAny;
  /** The schemas as listed: converted once, so a schema JSON Schema cannot describe fails at registration. */
  listed: ActionsServiceAction['schema'];
}

export interface PluginActionsRegistryOptions {
  pluginId: string;
  config: Config;
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
}

/** What `invoke` receives from the HTTP route: the raw body's input and secrets, and the caller's credentials. */
export interface ActionInvocation {
  actionId: string;
  input: unknown;
  secrets: unknown;
  credentials: BackstageCredentials;
}

/**
 * One plugin's actions: registration, the listing each caller may see (config filters and the actions'
 * visibility permissions applied) and invocation with input, secrets and output checked against the schemas.
 */
export class PluginActionsRegistry implements ActionsRegistryService {
  readonly #actions = new Map<string, RegisteredAction>();
  readonly #options: PluginActionsRegistryOptions;

  constructor(options: PluginActionsRegistryOptions) {
    this.#options = options;
  }

  register<TInputSchema extends z.AnyZodObject, TOutputSchema extends z.AnyZodObject, TSecretsSchema extends z.AnyZodObject | undefined>(
    options: ActionsRegistryActionOptions<TInputSchema, TOutputSchema, TSecretsSchema>,
  ): void {
    const { pluginId } = this.#options;
    if (!options || typeof options.name !== 'string' || !ACTION_NAME.test(options.name)) {
      throw new TypeError(`actionsRegistry.register in plugin '${pluginId}' needs a kebab-case name, got '${options?.name}'`);
    }
    if (typeof options.action !== 'function') {
      throw new TypeError(`action '${options.name}' of plugin '${pluginId}' needs an action function`);
    }
    const id = `${pluginId}:${options.name}`;
    if (this.#actions.has(id)) {
      throw new Error(`action '${options.name}' is already registered by plugin '${pluginId}'; action names are unique per plugin`);
    }
    const build = (part: 'input' | 'output' | 'secrets') => {
      const schemaOf = options.schema?.[part] as ((zod: typeof z) => z.ZodTypeAny) | undefined;
      if (schemaOf === undefined) return undefined;
      if (typeof schemaOf !== 'function') {
        throw new TypeError(`action '${id}': schema.${part} must be a function of zod that returns a schema, got ${typeof schemaOf}`);
      }
      return schemaOf(z);
    };
    const [input, output, secrets] = [build('input'), build('output'), build('secrets')];
    type Listed = ActionsServiceAction['schema']['input'];
    const listed: ActionsServiceAction['schema'] = {
      // Missing input or output schemas are listed as an empty object, as Backstage lists them.
      input: toJsonSchema(input) as Listed,
      output: toJsonSchema(output) as Listed,
      ...(secrets && { secrets: toJsonSchema(secrets) as Listed }),
    };
    const action: RegisteredAction = { id, options: options as unknown as AnyActionOptions, input, output, secrets, listed };
    if (options.visibilityPermission) this.#options.permissionsRegistry.addPermissions([options.visibilityPermission]);
    this.#actions.set(id, action);
  }

  /** Whether this plugin registered any action at all (the status route; filters do not apply). */
  hasActions(): boolean {
    return this.#actions.size > 0;
  }

  /** The actions `credentials` may see, as `GET .../actions` lists them. */
  async list(credentials: BackstageCredentials): Promise<ActionsServiceAction[]> {
    const offered = [...this.#actions.values()].filter((action) => this.#offered(action));
    const visible = await this.#visibleTo(offered, credentials);
    return visible.map((action) => this.#describe(action));
  }

  /** Runs an action for `credentials`; unknown, filtered-out and invisible actions are all a 404 naming the id. */
  async invoke({ actionId, input: rawInput, secrets: rawSecrets, credentials }: ActionInvocation): Promise<unknown> {
    const action = this.#actions.get(actionId);
    const notFound = () => new NotFoundError(`Action "${actionId}" not found`);
    if (!action || !this.#offered(action)) throw notFound();
    if ((await this.#visibleTo([action], credentials)).length === 0) throw notFound();

    const input = action.input ? parseWithSchema(action.input, rawInput) : ({ success: true, data: undefined } as const);
    if (!input.success) throw new InputError(`Invalid input to action "${actionId}": ${input.problems}`);
    if (action.secrets && !rawSecrets) throw new InputError(`Action "${actionId}" requires secrets but none were provided`);
    if (!action.secrets && rawSecrets) throw new InputError(`Action "${actionId}" does not accept secrets`);
    const secrets = action.secrets ? parseWithSchema(action.secrets, rawSecrets) : ({ success: true, data: undefined } as const);
    if (!secrets.success) throw new InputError(`Invalid secrets for action "${actionId}": ${secrets.problems}`);

    const result = (await action.options.action({
      input: input.data as never,
      secrets: secrets.data as never,
      credentials,
      logger: this.#options.logger,
    })) as { output?: unknown } | undefined;
    const output = action.output ? parseWithSchema(action.output, result?.output) : ({ success: true, data: result?.output } as const);
    // Backstage answers a broken output with 400 as well, and so do we, so callers see the same status on both.
    if (!output.success) throw new InputError(`Invalid output from action "${actionId}": ${output.problems}`);
    return output.data;
  }

  #offered(action: RegisteredAction): boolean {
    const { config, pluginId } = this.#options;
    const sources = actionPluginSources(config);
    if (sources && !sources.includes(pluginId)) return false;
    return filterActions(config, [{ id: action.id, attributes: actionAttributes(action.options.attributes) }]).length === 1;
  }

  async #visibleTo(actions: RegisteredAction[], credentials: BackstageCredentials): Promise<RegisteredAction[]> {
    const guarded = actions.filter((action) => action.options.visibilityPermission);
    if (guarded.length === 0) return actions;
    const decisions = await this.#options.permissions.authorize(
      guarded.map((action) => ({ permission: action.options.visibilityPermission as BasicPermission })),
      { credentials },
    );
    const denied = new Set(guarded.filter((_, index) => decisions[index]?.result !== AuthorizeResult.ALLOW));
    return actions.filter((action) => !denied.has(action));
  }

  #describe(action: RegisteredAction): ActionsServiceAction {
    const { options } = action;
    return {
      id: action.id,
      name: options.name,
      title: options.title,
      description: options.description,
      pluginId: this.#options.pluginId,
      attributes: actionAttributes(options.attributes),
      examples: options.examples as ActionsServiceAction['examples'],
      schema: action.listed,
    };
  }
}
