import {
  AuthenticationError,
  coreServices,
  createServiceFactory,
  type AuthService,
  type BackstageCredentials,
  type BackstageNonePrincipal,
  type BackstagePrincipalTypes,
  type BackstageServicePrincipal,
  type BackstageUserPrincipal,
  type JsonObject,
} from '../../api';
import { isPrincipal } from '../../services/auth';
import { createServiceMock } from './createServiceMock';
import {
  MOCK_INVALID_SERVICE_TOKEN,
  MOCK_INVALID_USER_TOKEN,
  MOCK_SERVICE_TOKEN,
  MOCK_USER_TOKEN,
  mockCredentials,
} from './mockCredentials';

/** An auth service that trusts mock tokens only; see `mockCredentials`. */
export class MockAuthService implements AuthService {
  readonly #pluginId: string;

  constructor(options: { pluginId?: string } = {}) {
    this.#pluginId = options.pluginId ?? 'test';
  }

  async authenticate(token: string): Promise<BackstageCredentials> {
    if (token === MOCK_USER_TOKEN) return mockCredentials.user();
    if (token === MOCK_SERVICE_TOKEN) return mockCredentials.service();
    if (token === MOCK_INVALID_USER_TOKEN || token === MOCK_INVALID_SERVICE_TOKEN) {
      throw new AuthenticationError('Invalid mock token');
    }
    const [kind, json] = splitOnce(token);
    const claims = parse(json);
    if (kind === MOCK_USER_TOKEN && typeof claims?.sub === 'string') return mockCredentials.user(claims.sub);
    if (kind === MOCK_SERVICE_TOKEN && typeof claims?.sub === 'string') {
      if (claims.target !== undefined && claims.target !== this.#pluginId) {
        throw new AuthenticationError(
          `Invalid mock token: it is addressed to plugin '${String(claims.target)}', not to '${this.#pluginId}'`,
        );
      }
      return mockCredentials.service(claims.sub);
    }
    throw new AuthenticationError(
      `Unknown mock token '${token}': make tokens with mockCredentials.user.token() or mockCredentials.service.token()`,
    );
  }

  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
    return isPrincipal(credentials, type);
  }

  async getNoneCredentials(): Promise<BackstageCredentials<BackstageNonePrincipal>> {
    return mockCredentials.none();
  }

  async getOwnServiceCredentials(): Promise<BackstageCredentials<BackstageServicePrincipal>> {
    return mockCredentials.service(`plugin:${this.#pluginId}`);
  }

  async getPluginRequestToken(options: { onBehalfOf: BackstageCredentials; targetPluginId: string }): Promise<{ token: string }> {
    const principal = options.onBehalfOf.principal as { type?: string; userEntityRef?: string };
    if (principal.type === 'none') return { token: '' };
    if (principal.type === 'user') return { token: mockCredentials.user.token(principal.userEntityRef) };
    return { token: mockCredentials.service.token({ subject: `plugin:${this.#pluginId}`, targetPluginId: options.targetPluginId }) };
  }

  async getLimitedUserToken(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<{ token: string; expiresAt: Date }> {
    return { token: mockCredentials.user.token(credentials.principal.userEntityRef), expiresAt: new Date(Date.now() + 3600_000) };
  }

  /** Mock tokens are not signed, so there are no keys; the real service has none either (shared secrets). */
  async listPublicServiceKeys(): Promise<{ keys: JsonObject[] }> {
    return { keys: [] };
  }
}

function splitOnce(token: string): [string, string | undefined] {
  const i = token.indexOf(':');
  return i < 0 ? [token, undefined] : [token.slice(0, i), token.slice(i + 1)];
}

function parse(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  try {
    const value = JSON.parse(json);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `mockServices.auth()`: accepts mock tokens; `.factory()` gives each plugin its own with the right plugin id. */
export function mockAuth(options: { pluginId?: string } = {}): MockAuthService {
  return new MockAuthService(options);
}
mockAuth.factory = () =>
  createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => new MockAuthService({ pluginId: plugin.getId() }),
  });
mockAuth.mock = createServiceMock<AuthService>(coreServices.auth, [
  'authenticate',
  'isPrincipal',
  'getNoneCredentials',
  'getOwnServiceCredentials',
  'getPluginRequestToken',
  'getLimitedUserToken',
  'listPublicServiceKeys',
]);
