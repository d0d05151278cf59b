import type { IncomingMessage } from 'http';
import { AuthenticationError, type AuthService, type BackstageCredentials } from '../../api';

/**
 * Each offered token costs a signature check, so an upgrade may offer only a few; a browser offers its token as
 * one `Sec-WebSocket-Protocol` value, perhaps next to the sub-protocols it speaks.
 */
const MAX_TOKENS = 5;

export interface WebSocketCaller {
  credentials: BackstageCredentials;
  /** The `Sec-WebSocket-Protocol` value that was the token, so the handler can leave it out of its answer. */
  authProtocol?: string;
}

/**
 * Who opens a plugin's WebSocket: the first offered token (the `Authorization: Bearer` one first, then each
 * `Sec-WebSocket-Protocol` value, as browsers cannot set headers) that authenticates a user or a service.
 * Cookies (limited user tokens) are not accepted: a cross-site page could open the socket with them.
 */
export async function webSocketCaller(
  auth: AuthService,
  request: IncomingMessage,
  options: { disableDefaultAuthPolicy?: boolean },
): Promise<WebSocketCaller> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const protocols = (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const offered: Array<{ token: string; protocol?: string }> = [
    ...(bearer ? [{ token: bearer }] : []),
    ...protocols.map((protocol) => ({ token: protocol, protocol })),
  ];
  if (offered.length > MAX_TOKENS) {
    throw new AuthenticationError(
      `A WebSocket upgrade may offer at most ${MAX_TOKENS} tokens (Authorization and Sec-WebSocket-Protocol values together), got ${offered.length}`,
    );
  }
  let firstError: unknown;
  for (const { token, protocol } of offered) {
    try {
      const credentials = await auth.authenticate(token);
      if (auth.isPrincipal(credentials, 'user') || auth.isPrincipal(credentials, 'service')) return { credentials, authProtocol: protocol };
    } catch (error) {
      // A sub-protocol name is not a token; only when no value authenticates does the first failure count.
      firstError ??= error;
    }
  }
  if (options.disableDefaultAuthPolicy) return { credentials: await auth.getNoneCredentials() };
  if (firstError) throw firstError;
  throw new AuthenticationError(
    'Missing credentials: send a user or service token as "Authorization: Bearer <token>" or as a Sec-WebSocket-Protocol value',
  );
}
