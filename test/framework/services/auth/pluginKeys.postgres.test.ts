/**
 * Key pairs of one plugin on several instances sharing its PostgreSQL database: each instance makes its own key,
 * and every instance lists all of them, so a receiver's JWKS request may reach any instance.
 */
import knexFactory, { type Knex } from 'knex';
import { DatabasePluginKeySource } from '../../../../framework/services/auth';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { mockServices } from '../../../../framework/testing';
import { describeWithPostgres, postgresUrl, uniqueName } from '../../../support/realServices';

describeWithPostgres('plugin key pairs on PostgreSQL', () => {
  const prefix = `${uniqueName('fkkeys')}_`;
  const managers: DatabaseManager[] = [];
  let admin: Knex;

  beforeAll(() => {
    admin = knexFactory({ client: 'pg', connection: postgresUrl! });
  });

  afterAll(async () => {
    await Promise.all(managers.map((m) => m.close()));
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [`${prefix}shop`]);
    await admin.destroy();
  });

  function instance(): DatabasePluginKeySource {
    const config = new ConfigReader({ backend: { database: { client: 'pg', connection: postgresUrl!, prefix } } } as never);
    const manager = DatabaseManager.fromConfig(config);
    managers.push(manager);
    const database = manager.forPlugin('shop');
    return new DatabasePluginKeySource({ database, logger: mockServices.logger.mock(), keyDurationMs: 60 * 60 * 1000 });
  }

  it('lists the keys every instance made, when the instances start together on a fresh database', async () => {
    const instances = [instance(), instance(), instance()];
    // All at once: they race to create the key table, which must not fail any of them.
    const signing = await Promise.all(instances.map((source) => source.getPrivateSigningKey()));
    const kids = signing.map((key) => key.kid).sort();
    expect(new Set(kids).size).toBe(3);
    for (const source of instances) {
      expect((await source.listKeys()).map((key) => key.kid).sort()).toEqual(kids);
    }
  });
});
