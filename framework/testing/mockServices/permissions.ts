import { AuthorizeResult, coreServices, createServiceFactory } from '../../api';
import type { PermissionPolicy, PermissionsService } from '../../api';
import { policyDecider, PolicyPermissionsService } from '../../services/permissions';
import { createServiceMock } from './createServiceMock';
import { MockLogger } from './MockLogger';

export interface MockPermissionsOptions {
  /** Every check gets this answer (default ALLOW). */
  result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** A policy to apply instead of a fixed answer. */
  policy?: PermissionPolicy;
}

/** The real permissions service over a fixed answer or a given policy, without the permission plugin. */
function permissions(options: MockPermissionsOptions = {}): PermissionsService {
  const result = options.result ?? AuthorizeResult.ALLOW;
  if (result !== AuthorizeResult.ALLOW && result !== AuthorizeResult.DENY) {
    throw new TypeError(
      `mockServices.permissions: result must be AuthorizeResult.ALLOW or AuthorizeResult.DENY, got ${JSON.stringify(result)}`,
    );
  }
  const policy: PermissionPolicy = options.policy ?? { handle: async () => ({ result }) };
  const decider = policyDecider(policy);
  return new PolicyPermissionsService({ getDecider: async () => decider, logger: new MockLogger() });
}
permissions.factory = (options: MockPermissionsOptions = {}) => {
  const instance = permissions(options);
  return createServiceFactory({ service: coreServices.permissions, deps: {}, factory: () => instance });
};
permissions.mock = createServiceMock<PermissionsService>(coreServices.permissions, ['authorize', 'authorizeConditional']);

export const mockPermissions = permissions;
