import { createPrivateKey, createPublicKey } from 'crypto';
import { readFileSync } from 'fs';
import type { Config, JsonObject } from '../../../api';
import { messageOf } from '../../../wiring';
import { PLUGIN_KEY_ALGORITHM, type PluginKeySource, type PluginSigningKey } from './PluginKeySource';

interface StaticKey {
  kid: string;
  algorithm: string;
  publicJwk: JsonObject;
  privateKey?: PluginSigningKey['privateKey'];
}

/**
 * `backend.auth.pluginKeyStore: { type: static, static: { keys: [{ keyId, publicKeyFile, privateKeyFile?, algorithm? }] } }`
 * (Backstage's keys): PEM files shared by every instance. The first key signs and needs its private half; the
 * others are only published, so a key is rotated by putting the new one first and keeping the old one listed.
 */
export class StaticPluginKeySource implements PluginKeySource {
  static fromConfig(storeConfig: Config): StaticPluginKeySource {
    const entries = storeConfig.getOptionalConfigArray('static.keys') ?? [];
    if (entries.length === 0) {
      throw new TypeError(
        "Invalid config for 'backend.auth.pluginKeyStore.static.keys': the static key store needs at least one key pair ({ keyId, publicKeyFile, privateKeyFile })",
      );
    }
    const keys = entries.map((entry, i) => readKey(entry, `backend.auth.pluginKeyStore.static.keys[${i}]`));
    if (!keys[0].privateKey) {
      throw new TypeError(
        "Invalid config for 'backend.auth.pluginKeyStore.static.keys[0].privateKeyFile': the first key signs plugin tokens, so its private key file is required",
      );
    }
    return new StaticPluginKeySource(keys);
  }

  readonly #keys: StaticKey[];

  private constructor(keys: StaticKey[]) {
    this.#keys = keys;
  }

  async getPrivateSigningKey(): Promise<PluginSigningKey> {
    const [first] = this.#keys;
    return { kid: first.kid, algorithm: first.algorithm, privateKey: first.privateKey! };
  }

  async listKeys(): Promise<JsonObject[]> {
    return this.#keys.map((key) => key.publicJwk);
  }
}

function readKey(entry: Config, path: string): StaticKey {
  const kid = entry.getString('keyId');
  const algorithm = entry.getOptionalString('algorithm') ?? PLUGIN_KEY_ALGORITHM;
  const publicKeyFile = entry.getString('publicKeyFile');
  const privateKeyFile = entry.getOptionalString('privateKeyFile');
  const publicKey = createPublicKey(readPem(publicKeyFile, `${path}.publicKeyFile`));
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: algorithm, use: 'sig' } as JsonObject;
  const privateKey = privateKeyFile ? createPrivateKey(readPem(privateKeyFile, `${path}.privateKeyFile`)) : undefined;
  return { kid, algorithm, publicJwk, privateKey };
}

function readPem(file: string, path: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Invalid config for '${path}': cannot read the PEM key file '${file}': ${messageOf(error)}`, { cause: error });
  }
}
