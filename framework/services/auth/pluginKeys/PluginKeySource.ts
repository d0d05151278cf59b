import type { KeyObject } from 'crypto';
import type { JsonObject } from '../../../api';

/** The key a plugin signs its plugin tokens with: `kid` goes in the token header so receivers pick the public half. */
export interface PluginSigningKey {
  kid: string;
  algorithm: string;
  privateKey: KeyObject;
}

/** Where a plugin's key pairs come from (`backend.auth.pluginKeyStore.type`): the database, or files named in config. */
export interface PluginKeySource {
  getPrivateSigningKey(): Promise<PluginSigningKey>;
  /** Public JWKs (with `kid`, `alg`, `use`) of every key whose tokens may still be in flight. */
  listKeys(): Promise<JsonObject[]>;
}

/** Backstage's algorithm for plugin tokens; the only one Forklift generates keys for. */
export const PLUGIN_KEY_ALGORITHM = 'ES256';
