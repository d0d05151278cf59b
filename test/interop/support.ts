/** Helpers for the interop tests: waiting on eventually-consistent state, comparing entities, cleaning up. */
import { Client } from 'pg';
import { until } from '../support/until';

/** Waits up to a minute for a backend to be ready; a request that fails meanwhile counts as not ready yet. */
export function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  return until(() => check().catch(() => false), `${what} to become ready`, { timeoutMs: 60_000, intervalMs: 250 });
}

interface EntityLike {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string; description?: string; annotations?: Record<string, string> };
  spec?: unknown;
  relations?: Array<{ type: string; targetRef: string }>;
}

/**
 * What an entity is, without what each catalog makes up on its own (uid, etag, the backend-specific location
 * annotations' ports): kind, ref, title, description, spec and relations.
 */
export function entitySummary(value: unknown) {
  const entity = value as EntityLike;
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    ref: `${entity.kind.toLowerCase()}:${namespace}/${entity.metadata.name}`,
    title: entity.metadata.title,
    description: entity.metadata.description,
    spec: entity.kind === 'Location' ? undefined : entity.spec,
    relations: (entity.relations ?? []).map((r) => `${r.type} ${r.targetRef}`).sort(),
  };
}

/** Drops every database whose name starts with `prefix` (what a test's plugins created). */
export async function dropDatabasesWithPrefix(url: string, prefix: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Not LIKE: the underscores of a uniqueName prefix are LIKE wildcards and could match another run's databases.
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
