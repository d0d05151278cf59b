import {
  AuthorizeResult,
  InputError,
  type AuthorizePermissionRequest,
  type AuthorizePermissionResponse,
  type BackstageCredentials,
  type LoggerService,
  type Permission,
  type PermissionsService,
  type QueryPermissionRequest,
  type QueryPermissionResponse,
} from '../../api';
import type { PermissionDecider } from './deciders';

/**
 * Answers permission checks with a decider (the policy the permission plugin installed in this process, or
 * the permission plugin of another instance), or allows everything when there is none. Conditional decisions cannot be evaluated here (that needs the resource), so `authorize`
 * treats them as DENY: failing closed is the safe reading of "allowed only if ...".
 */
export class PolicyPermissionsService implements PermissionsService {
  readonly #options: {
    /** Asked on every check, because the policy is installed after services are made; undefined = allow all. */
    getDecider(): Promise<PermissionDecider | undefined>;
    logger: LoggerService;
  };

  constructor(options: {
    /** Asked on every check, because the policy is installed after services are made; undefined = allow all. */
    getDecider(): Promise<PermissionDecider | undefined>;
    logger: LoggerService;
  }) {
    this.#options = options;
  }

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: { credentials: BackstageCredentials },
  ): Promise<AuthorizePermissionResponse[]> {
    const credentials = checkCall('authorize', requests, options);
    requests.forEach((request, index) => checkRequest('authorize', request, index));
    const decider = await this.#options.getDecider();
    if (!decider) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    }
    const decisions = await decider.decide(requests, credentials);
    return decisions.map((decision, index) => {
      const { permission } = requests[index];
      if (decision.result === AuthorizeResult.CONDITIONAL) {
        this.#options.logger.warn(
          `Permission policy returned CONDITIONAL for '${permission.name}' in authorize(); denied, because conditions ` +
            `are only returned by authorizeConditional() for the owning plugin to apply`,
        );
        return { result: AuthorizeResult.DENY };
      }
      return { result: decision.result };
    });
  }

  async authorizeConditional(
    queries: QueryPermissionRequest[],
    options: { credentials: BackstageCredentials },
  ): Promise<QueryPermissionResponse[]> {
    const credentials = checkCall('authorizeConditional', queries, options);
    queries.forEach((query, index) => {
      checkRequest('authorizeConditional', query, index);
      if (query.permission.type !== 'resource') {
        throw new InputError(
          `authorizeConditional query ${index} ('${query.permission.name}') is a basic permission; ` +
            `conditional checks need a resource permission (createPermission with a resourceType), use authorize() instead`,
        );
      }
      if (query.resourceRef !== undefined) {
        throw new InputError(
          `authorizeConditional query ${index} ('${query.permission.name}') has a resourceRef; ` +
            `to check one resource use authorize(), conditional checks are for whole resource types`,
        );
      }
    });
    const decider = await this.#options.getDecider();
    if (!decider) {
      return queries.map(() => ({ result: AuthorizeResult.ALLOW }));
    }
    const decisions = await decider.decide(queries, credentials);
    return decisions.map((decision, index) => {
      const { permission } = queries[index];
      if (decision.result !== AuthorizeResult.CONDITIONAL) {
        return { result: decision.result };
      }
      const { pluginId, resourceType, conditions } = decision;
      if (typeof pluginId !== 'string' || typeof resourceType !== 'string' || conditions === undefined) {
        throw new Error(
          `Permission policy returned CONDITIONAL for '${permission.name}' without pluginId, resourceType and conditions; ` +
            `a conditional decision must name all three`,
        );
      }
      if (permission.type === 'resource' && resourceType !== permission.resourceType) {
        throw new Error(
          `Permission policy returned conditions for resource type '${resourceType}' on '${permission.name}', ` +
            `whose resource type is '${permission.resourceType}'`,
        );
      }
      return { result: AuthorizeResult.CONDITIONAL, pluginId, resourceType, conditions };
    });
  }
}

function checkCall(method: string, requests: unknown, options: { credentials?: BackstageCredentials } | undefined): BackstageCredentials {
  if (!Array.isArray(requests)) {
    throw new InputError(`permissions.${method} takes a list of requests, e.g. [{ permission }]`);
  }
  if (!options?.credentials || typeof options.credentials !== 'object') {
    throw new InputError(
      `permissions.${method} needs { credentials }: get them from httpAuth.credentials(req) or auth.getOwnServiceCredentials()`,
    );
  }
  return options.credentials;
}

function checkRequest(method: string, request: AuthorizePermissionRequest | QueryPermissionRequest, index: number) {
  const permission = (request as { permission?: Permission } | undefined)?.permission;
  if (!permission || typeof permission.name !== 'string' || (permission.type !== 'basic' && permission.type !== 'resource')) {
    throw new InputError(`permissions.${method} request ${index} has no valid permission; make permissions with createPermission()`);
  }
  if (permission.type === 'basic' && request.resourceRef !== undefined) {
    throw new InputError(
      `permissions.${method} request ${index} gives a resourceRef for basic permission '${permission.name}'; ` +
        `only resource permissions (with a resourceType) take a resourceRef`,
    );
  }
}
