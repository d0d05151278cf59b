import { Knex } from 'knex';
import { Entity } from '../types';

export function entityRef(entity: Entity): string {
  return `${entity.kind.toLowerCase()}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
}

/** Entities kept in the plugin's own database, keyed by their ref. */
export class EntityStore {
  private constructor(private readonly db: Knex) {}

  static async create(db: Knex): Promise<EntityStore> {
    if (!(await db.schema.hasTable('entities'))) {
      await db.schema.createTable('entities', table => {
        table.string('ref').primary();
        table.string('kind').notNullable();
        table.text('body').notNullable();
      });
    }
    return new EntityStore(db);
  }

  async upsert(entity: Entity): Promise<string> {
    const ref = entityRef(entity);
    await this.db('entities')
      .insert({ ref, kind: entity.kind, body: JSON.stringify(entity) })
      .onConflict('ref')
      .merge();
    return ref;
  }

  async list(kind?: string): Promise<Entity[]> {
    const query = this.db('entities').select('body').orderBy('ref');
    if (kind) {
      query.whereRaw('lower(kind) = ?', [kind.toLowerCase()]);
    }
    const rows = await query;
    return rows.map(row => JSON.parse(row.body));
  }

  async get(ref: string): Promise<Entity | undefined> {
    const row = await this.db('entities').where({ ref }).first();
    return row ? JSON.parse(row.body) : undefined;
  }

  async remove(ref: string): Promise<boolean> {
    return (await this.db('entities').where({ ref }).delete()) > 0;
  }
}
