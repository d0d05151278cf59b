import type { BackstageCredentials } from './AuthService';
import type { LoggerService } from './LoggerService';

/**
 * An action a plugin offers to tools and agents (Backstage's `alpha.core.actionsRegistry`). Schemas are
 * functions of the zod module the caller passes in, as Backstage defines them.
 */
export interface ActionsRegistryActionOptions<TInput = Record<string, unknown>, TOutput = unknown> {
  name: string;
  title: string;
  description: string;
  schema: {
    input(zod: unknown): unknown;
    output(zod: unknown): unknown;
    secrets?(zod: unknown): unknown;
  };
  examples?: Array<{ title: string; description?: string; input: unknown; output?: unknown }>;
  attributes?: { destructive?: boolean; idempotent?: boolean; readOnly?: boolean };
  visibilityPermission?: unknown;
  action(context: {
    input: TInput;
    credentials: BackstageCredentials;
    logger: LoggerService;
    secrets?: Record<string, unknown>;
  }): Promise<{ output: TOutput } | void>;
}

export interface ActionsRegistryService {
  register<TInput, TOutput>(options: ActionsRegistryActionOptions<TInput, TOutput>): void;
}
