import type { AnyZodObject, z } from 'zod/v3';
import type { BackstageCredentials } from './AuthService';
import type { LoggerService } from './LoggerService';
import type { BasicPermission } from './PermissionsService';

/** What an action is called with: its input (and secrets) as parsed by its schemas, and the caller's credentials. */
export type ActionsRegistryActionContext<TInputSchema extends AnyZodObject, TSecretsSchema extends AnyZodObject | undefined = undefined> = {
  input: z.infer<TInputSchema>;
  secrets: TSecretsSchema extends AnyZodObject ? z.infer<TSecretsSchema> : undefined;
  logger: LoggerService;
  credentials: BackstageCredentials;
};

/** An example call, listed with the action for tools and agents. */
export type ActionsRegistryActionExample<TInputSchema extends AnyZodObject, TOutputSchema extends AnyZodObject> = {
  title: string;
  description?: string;
  input: z.infer<TInputSchema>;
  output?: z.infer<TOutputSchema>;
};

/**
 * An action a plugin offers to tools and agents (Backstage's `alpha.core.actionsRegistry`). Schemas are
 * functions of the zod module the registry passes in (zod 3's API, `zod/v3`), as Backstage defines them: the
 * registry validates input and output with them and lists them as JSON Schema.
 */
export type ActionsRegistryActionOptions<
  TInputSchema extends AnyZodObject,
  TOutputSchema extends AnyZodObject,
  TSecretsSchema extends AnyZodObject | undefined = undefined,
> = {
  name: string;
  title: string;
  description: string;
  schema: {
    input: (zod: typeof z) => TInputSchema;
    output: (zod: typeof z) => TOutputSchema;
    secrets?: (zod: typeof z) => TSecretsSchema extends AnyZodObject ? TSecretsSchema : never;
  };
  examples?: Array<ActionsRegistryActionExample<TInputSchema, TOutputSchema>>;
  /** Callers this permission denies neither see the action in the listing nor can invoke it (they get a 404). */
  visibilityPermission?: BasicPermission;
  attributes?: {
    /** Whether the action may change or delete things; defaults to `false` when `readOnly`, `true` otherwise. */
    destructive?: boolean;
    idempotent?: boolean;
    /** Whether the action only reads; defaults to `false`. */
    readOnly?: boolean;
  };
  action: (
    context: ActionsRegistryActionContext<TInputSchema, TSecretsSchema>,
  ) => Promise<z.infer<TOutputSchema> extends void ? void : { output: z.infer<TOutputSchema> }>;
};

export interface ActionsRegistryService {
  register<
    TInputSchema extends AnyZodObject,
    TOutputSchema extends AnyZodObject,
    TSecretsSchema extends AnyZodObject | undefined = undefined,
  >(
    options: ActionsRegistryActionOptions<TInputSchema, TOutputSchema, TSecretsSchema>,
  ): void;
}
