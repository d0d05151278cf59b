/**
 * Backstage's new backend puts every plugin route behind its default-deny auth policy, while the legacy
 * backend served them to any caller. So that the plugins keep answering the callers they served (sign-in,
 * the proxy, the app), backstage-family output adds, per plugin the index carries (bridged, or swapped to
 * its native plugin), a small module that opens its routes to unauthenticated callers, with a manual step to
 * close them once callers send tokens. Forklift's bridge keeps legacy plugins open by itself (`backend.legacy.auth:
 * required` closes them), and a native plugin is kept as open by the bridge's `legacyAuthModule`, which obeys the
 * same switch (what `forklift adopt` adds too). A native plugin decides some routes itself (the proxy's `credentials`
 * per endpoint), so only the module keeps every route as the legacy backend served it.
 */
import { LEGACY_AUTH_MODULE } from '../../adopt/backendLines';
import type { CodeStyle } from './style';
import { quoted, statement } from './style';
import { todoBlock } from './todo';

export const OPEN_ACCESS_HELPER = 'openToLegacyCallers';

/** Forklift family: keeps a plugin swapped to its native form as open as the bridge kept it (what `adopt` adds too). */
export function legacyAuthModuleCall(style: CodeStyle, pluginId: string): string {
  return statement(style, `backend.add(${LEGACY_AUTH_MODULE}(${quoted(style, pluginId)}))`);
}

/** The helper function the index declares once, under a TODO listing the plugins it opens. */
export function openAccessHelper(style: CodeStyle, typed: boolean, pluginIds: readonly string[]): string {
  const at = (n: number) => style.indent.repeat(n);
  const q = (s: string) => quoted(style, s);
  const message =
    `the legacy backend served ${pluginIds.join(', ')} to every caller, and Backstage's new backend denies callers without a token; ` +
    `${OPEN_ACCESS_HELPER} keeps them open as before. Close each one (delete its backend.add(${OPEN_ACCESS_HELPER}(...)) line) once its callers send Backstage tokens`;
  const lines = [
    `function ${OPEN_ACCESS_HELPER}(pluginId${typed ? ': string' : ''}) {`,
    `${at(1)}return createBackendModule({`,
    `${at(2)}pluginId,`,
    `${at(2)}moduleId: ${q('legacy-open-access')},`,
    `${at(2)}register(env) {`,
    `${at(3)}env.registerInit({`,
    `${at(4)}deps: { httpRouter: coreServices.httpRouter },`,
    `${at(4)}async init({ httpRouter }) {`,
    `${at(5)}${statement(style, `httpRouter.addAuthPolicy({ path: ${q('/')}, allow: ${q('unauthenticated')} })`)}`,
    `${at(4)}},`,
    `${at(3)}})${style.semi ? ';' : ''}`,
    `${at(2)}},`,
    `${at(1)}})${style.semi ? ';' : ''}`,
    '}',
  ];
  return `${todoBlock(message)}\n${lines.join('\n')}`;
}

export function openAccessCall(style: CodeStyle, pluginId: string): string {
  return statement(style, `backend.add(${OPEN_ACCESS_HELPER}(${quoted(style, pluginId)}))`);
}
