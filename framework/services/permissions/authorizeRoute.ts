import express, { Router } from 'express';
import { AuthorizeResult, InputError, type HttpAuthService, type Permission, type PermissionPolicy } from '../../api';
import { policyDecider, type DecisionRequest } from './deciders';
import type { AuthorizeWireRequest, AuthorizeWireResponse } from './remoteDecider';

/**
 * `POST /authorize`: the policy of this instance, for the permissions service of instances without the
 * permission plugin. Open to callers without credentials, because a check made for nobody must reach the
 * policy as such (the policy then sees `none` credentials) rather than fail as unauthenticated.
 */
export function createAuthorizeRouter(options: { httpAuth: HttpAuthService; getPolicy(): PermissionPolicy | undefined }): Router {
  const router = Router();
  router.post('/authorize', express.json({ limit: '1mb' }), async (req, res, next) => {
    try {
      const items = readItems(req.body);
      const credentials = await options.httpAuth.credentials(req);
      const policy = options.getPolicy();
      const decisions = policy
        ? await policyDecider(policy).decide(
            items.map(({ request }) => request),
            credentials,
          )
        : items.map(() => ({ result: AuthorizeResult.ALLOW }));
      const answer: AuthorizeWireResponse = { items: decisions.map((decision, index) => ({ id: items[index].id, ...decision })) };
      res.json(answer);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function readItems(body: unknown): Array<{ id: string; request: DecisionRequest }> {
  const items = (body as Partial<AuthorizeWireRequest> | undefined)?.items;
  if (!Array.isArray(items)) {
    throw new InputError('POST /authorize expects { items: [{ id, permission, resourceRef? }] }');
  }
  return items.map((item, index) => {
    const { id, permission, resourceRef } = (item ?? {}) as AuthorizeWireRequest['items'][number];
    if (typeof id !== 'string') {
      throw new InputError(`POST /authorize: items[${index}].id must be a string`);
    }
    if (resourceRef !== undefined && typeof resourceRef !== 'string') {
      throw new InputError(`POST /authorize: items[${index}].resourceRef must be a string`);
    }
    return { id, request: { permission: readPermission(permission, index), resourceRef } };
  });
}

function readPermission(value: unknown, index: number): Permission {
  const { type, name, attributes, resourceType } = (value ?? {}) as Record<string, unknown>;
  const valid =
    typeof name === 'string' &&
    typeof attributes === 'object' &&
    attributes !== null &&
    (type === 'basic' || (type === 'resource' && typeof resourceType === 'string'));
  if (!valid) {
    throw new InputError(
      `POST /authorize: items[${index}].permission must be a permission made by createPermission, got ${JSON.stringify(value)}`,
    );
  }
  return value as Permission;
}
