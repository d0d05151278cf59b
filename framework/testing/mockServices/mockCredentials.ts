/**
 * Credentials and mock tokens for plugin tests, so no real keys are needed. Mock tokens are plain strings
 * (`mock-user-token:{"sub":"user:default/jane"}`) that `mockServices.auth()` and `mockServices.httpAuth()`
 * understand; a real backend rejects them.
 */
import type { BackstageCredentials, BackstageNonePrincipal, BackstageServicePrincipal, BackstageUserPrincipal } from '../../api';
import { createNoneCredentials, createServiceCredentials, createUserCredentials } from '../../services/auth';

export const DEFAULT_MOCK_USER_ENTITY_REF = 'user:default/mock';
export const DEFAULT_MOCK_SERVICE_SUBJECT = 'external:test-service';

export const MOCK_USER_TOKEN = 'mock-user-token';
export const MOCK_SERVICE_TOKEN = 'mock-service-token';
export const MOCK_INVALID_USER_TOKEN = 'mock-invalid-user-token';
export const MOCK_INVALID_SERVICE_TOKEN = 'mock-invalid-service-token';

function user(userEntityRef: string = DEFAULT_MOCK_USER_ENTITY_REF): BackstageCredentials<BackstageUserPrincipal> {
  return createUserCredentials(userEntityRef);
}
/** A token mockServices.auth() reads back as `mockCredentials.user(userEntityRef)`. */
user.token = (userEntityRef?: string): string =>
  userEntityRef ? `${MOCK_USER_TOKEN}:${JSON.stringify({ sub: userEntityRef })}` : MOCK_USER_TOKEN;
user.header = (userEntityRef?: string): string => `Bearer ${user.token(userEntityRef)}`;
user.invalidToken = (): string => MOCK_INVALID_USER_TOKEN;
user.invalidHeader = (): string => `Bearer ${MOCK_INVALID_USER_TOKEN}`;

function service(subject: string = DEFAULT_MOCK_SERVICE_SUBJECT): BackstageCredentials<BackstageServicePrincipal> {
  return createServiceCredentials(subject);
}
/** A token mockServices.auth() reads back as `mockCredentials.service(subject)`; with a target, only that plugin accepts it. */
service.token = (options: { subject?: string; targetPluginId?: string } = {}): string =>
  options.subject || options.targetPluginId
    ? `${MOCK_SERVICE_TOKEN}:${JSON.stringify({ sub: options.subject ?? DEFAULT_MOCK_SERVICE_SUBJECT, target: options.targetPluginId })}`
    : MOCK_SERVICE_TOKEN;
service.header = (options?: { subject?: string; targetPluginId?: string }): string => `Bearer ${service.token(options)}`;
service.invalidToken = (): string => MOCK_INVALID_SERVICE_TOKEN;
service.invalidHeader = (): string => `Bearer ${MOCK_INVALID_SERVICE_TOKEN}`;

function none(): BackstageCredentials<BackstageNonePrincipal> {
  return createNoneCredentials();
}
/** No header at all: what an anonymous request sends. */
none.header = (): undefined => undefined;

export const mockCredentials = { user, service, none };
