import type { Request, Response } from 'express';
import {
  AuthenticationError,
  coreServices,
  createServiceFactory,
  NotAllowedError,
  type BackstageCredentials,
  type BackstagePrincipalTypes,
  type HttpAuthService,
} from '../../api';
import { bearerToken } from '../../services/httpAuth';
import { createServiceMock } from './createServiceMock';
import { MockAuthService } from './mockAuth';
import { mockCredentials } from './mockCredentials';

export interface MockHttpAuthOptions {
  pluginId?: string;
  /** Credentials of a request without an Authorization header; default `mockCredentials.user()`. */
  defaultCredentials?: BackstageCredentials;
}

/** Reads mock tokens from the Authorization header; requests without one get `defaultCredentials`. */
export class MockHttpAuthService implements HttpAuthService {
  readonly #auth: MockAuthService;
  readonly #defaultCredentials: BackstageCredentials;

  constructor(options: MockHttpAuthOptions = {}) {
    this.#auth = new MockAuthService({ pluginId: options.pluginId });
    this.#defaultCredentials = options.defaultCredentials ?? mockCredentials.user();
  }

  async credentials<TAllowed extends keyof BackstagePrincipalTypes = 'unknown'>(
    req: Request,
    options: { allow?: TAllowed[]; allowLimitedAccess?: boolean } = {},
  ): Promise<BackstageCredentials<BackstagePrincipalTypes[TAllowed]>> {
    const token = bearerToken(req);
    const credentials = token ? await this.#auth.authenticate(token) : this.#defaultCredentials;
    const type = (credentials.principal as { type: string }).type;
    if (options.allow && !options.allow.includes('unknown' as TAllowed) && !options.allow.includes(type as TAllowed)) {
      if (type === 'none') throw new AuthenticationError('Missing credentials');
      throw new NotAllowedError(`This endpoint does not allow '${type}' credentials; allowed: ${options.allow.join(', ')}`);
    }
    return credentials as BackstageCredentials<BackstagePrincipalTypes[TAllowed]>;
  }

  async issueUserCookie(_res: Response): Promise<{ expiresAt: Date }> {
    return { expiresAt: new Date(Date.now() + 3600_000) };
  }
}

/** `mockServices.httpAuth({ defaultCredentials })` */
export function mockHttpAuth(options: MockHttpAuthOptions = {}): MockHttpAuthService {
  return new MockHttpAuthService(options);
}
mockHttpAuth.factory = (options: Omit<MockHttpAuthOptions, 'pluginId'> = {}) =>
  createServiceFactory({
    service: coreServices.httpAuth,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => new MockHttpAuthService({ ...options, pluginId: plugin.getId() }),
  });
mockHttpAuth.mock = createServiceMock<HttpAuthService>(coreServices.httpAuth, ['credentials', 'issueUserCookie']);
