import type { JsonObject } from './ConfigService';

export type BackstagePrincipalTypes = {
  user: BackstageUserPrincipal;
  service: BackstageServicePrincipal;
  none: BackstageNonePrincipal;
  unknown: unknown;
};

export interface BackstageUserPrincipal {
  type: 'user';
  /** The entity ref of the user, e.g. `user:default/jane`. */
  userEntityRef: string;
  /** The plugin that forwarded the user's request, when it came through one (an on-behalf-of token). */
  actor?: BackstageServicePrincipal;
}

export interface BackstageServicePrincipal {
  type: 'service';
  /** `plugin:<id>` for backend plugins, `external:<subject>` for static external tokens. */
  subject: string;
}

export interface BackstageNonePrincipal {
  type: 'none';
}

export interface BackstageCredentials<TPrincipal = unknown> {
  $$type: '@backstage/BackstageCredentials';
  expiresAt?: Date;
  principal: TPrincipal;
}

/** Service-to-service and user credentials. */
export interface AuthService {
  /** Verifies a token and returns its credentials; throws AuthenticationError when invalid. */
  authenticate(token: string, options?: { allowLimitedAccess?: boolean }): Promise<BackstageCredentials>;
  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]>;
  getNoneCredentials(): Promise<BackstageCredentials<BackstageNonePrincipal>>;
  getOwnServiceCredentials(): Promise<BackstageCredentials<BackstageServicePrincipal>>;
  /** A token for calling `targetPluginId` on behalf of the given credentials. */
  getPluginRequestToken(options: { onBehalfOf: BackstageCredentials; targetPluginId: string }): Promise<{ token: string }>;
  getLimitedUserToken(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<{ token: string; expiresAt: Date }>;
  /**
   * The public keys (as JWKs) of the key pairs this service signs tokens with. Forklift signs every backend token
   * with shared secrets (HS256, `backend.auth.keys`), which have no public half: the list is empty.
   */
  listPublicServiceKeys(): Promise<{ keys: JsonObject[] }>;
}
