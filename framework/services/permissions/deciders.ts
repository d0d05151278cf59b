import {
  AuthorizeResult,
  type AuthorizePermissionResponse,
  type BackstageCredentials,
  type Permission,
  type PermissionPolicy,
  type QueryPermissionResponse,
} from '../../api';

export type PermissionDecision = QueryPermissionResponse | AuthorizePermissionResponse;
export type DecisionRequest = { permission: Permission; resourceRef?: string };

/** Where decisions come from: the policy in this process, or the permission plugin of another instance. */
export interface PermissionDecider {
  decide(requests: DecisionRequest[], credentials: BackstageCredentials): Promise<PermissionDecision[]>;
}

/** Asks a policy object, one request at a time. */
export function policyDecider(policy: PermissionPolicy): PermissionDecider {
  return {
    decide(requests, credentials) {
      const principal = credentials.principal as { type?: string; userEntityRef?: string } | undefined;
      const userEntityRef = principal?.type === 'user' ? principal.userEntityRef : undefined;
      return Promise.all(
        requests.map(async ({ permission, resourceRef }) =>
          checkDecision(await policy.handle({ permission, resourceRef }, { credentials, userEntityRef }), permission, 'Permission policy'),
        ),
      );
    },
  };
}

/** Checks the shape of a decision, so a broken policy (or a broken remote answer) fails loudly, never as ALLOW. */
export function checkDecision(decision: unknown, permission: Permission, source: string): PermissionDecision {
  const result = (decision as { result?: unknown } | undefined)?.result;
  if (result !== AuthorizeResult.ALLOW && result !== AuthorizeResult.DENY && result !== AuthorizeResult.CONDITIONAL) {
    throw new Error(
      `${source} returned ${JSON.stringify(decision)} for '${permission.name}'; a decision must be { result: 'ALLOW' | 'DENY' | 'CONDITIONAL' }`,
    );
  }
  return decision as PermissionDecision;
}

/**
 * Decisions as a Backstage permission plugin's own clients make them: service callers are decided here (allowed,
 * as Backstage's permissions service does; its `/authorize` refuses service credentials), everyone else is asked.
 */
export function servicePrincipalsAllowed(next: PermissionDecider): PermissionDecider {
  return {
    async decide(requests, credentials) {
      const principal = credentials.principal as { type?: string } | undefined;
      if (principal?.type === 'service') return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      return next.decide(requests, credentials);
    },
  };
}
