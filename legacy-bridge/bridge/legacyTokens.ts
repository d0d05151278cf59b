import type { AuthService } from '../../framework/api';
import { LEGACY_SERVER_TOKEN_AUDIENCE } from '../../framework/services/auth';

/**
 * A token as legacy `tokenManager.getToken()` gave out: from this plugin, accepted by every plugin of the
 * deployment (the framework's auth service honours the legacy audience), signed with the backend's keys.
 */
export async function legacyTokenFor(auth: AuthService): Promise<string> {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: LEGACY_SERVER_TOKEN_AUDIENCE,
  });
  return token;
}
