/**
 * Which events engine `backend.events` selects: in-process by default, the errors for a wrong setting, and the
 * connections the engines share with the database and the cache.
 */
import {
  createTestDatabase,
  describeWithPostgres,
  describeWithRedis,
  redisUrl,
  uniqueName,
  type TestDatabase,
} from '../../../support/realServices';
import { Inbox, startInstance } from './eventsHarness';

jest.setTimeout(30_000);

describe('events engine from config', () => {
  it('stays in-process without backend.events: subscribers of the publishing instance only, after a failing one', async () => {
    const inbox = new Inbox();
    const a = await startInstance({
      name: 'a',
      config: {},
      subscribers: { broken: [['fails', ['entities']]], catalog: [['refresh', ['entities']]] },
      inbox,
    });
    const b = await startInstance({ name: 'b', config: {}, subscribers: { catalog: [['refresh', ['entities']]] }, inbox });
    try {
      await a.events.publish({ topic: 'entities', eventPayload: { big: 1n } });
      // publish resolved after every local subscriber handled it; a payload stays a JS value (no JSON on the way).
      expect(inbox.summary()).toEqual(['a broken.fails entities', 'a catalog.refresh entities']);
      expect(inbox.deliveries[0].event.eventPayload).toEqual({ big: 1n });
      expect(a.logger.count(/Subscriber 'broken\.fails' failed to handle an event on topic 'entities'/)).toBe(1);
    } finally {
      await Promise.all([a.backend.stop(), b.backend.stop()]);
    }
  });

  it.each([
    [{ engine: 'kafka' }, /'backend\.events\.engine': 'kafka' is not supported; use one of 'memory', 'postgres', 'redis'/],
    [{ engine: 'postgres' }, /Missing config key 'backend\.events\.connection'.*'postgres' events engine/],
    [{ engine: 'redis' }, /Missing config key 'backend\.events\.connection'.*'redis' events engine/],
    [{ engine: 'redis', connection: 'redis://127.0.0.1:1', channel: 'has spaces' }, /'backend\.events\.channel': 'has spaces'/],
  ])('refuses %j at startup, naming the key', async (events, message) => {
    await expect(startInstance({ name: 'a', config: { backend: { events } }, subscribers: {}, inbox: new Inbox() })).rejects.toThrow(
      message,
    );
  });

  it.each([
    ['redis', 'redis://127.0.0.1:1', /Events could not listen on Redis at 127\.0\.0\.1:1 \(channel 'fkev_down'\)/],
    [
      'postgres',
      'postgresql://postgres:hunter2@127.0.0.1:1/postgres',
      /Events could not listen on PostgreSQL at 127\.0\.0\.1:1 \(channel 'fkev_down'\)/,
    ],
  ])('fails the startup of a subscribing plugin when the %s engine cannot be reached, naming it', async (engine, connection, message) => {
    const config = { backend: { events: { engine, connection, channel: 'fkev_down' } } };
    const failure = startInstance({ name: 'a', config, subscribers: { search: [['index', ['entities']]] }, inbox: new Inbox() });
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});

describeWithPostgres('the postgres events engine without a connection of its own', () => {
  // The engine's tables go into the database it connects to: one of this file's own, not the shared one.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('fkevcfg');
  });
  afterAll(async () => database?.drop());

  it("uses backend.database's connection when its client is pg", async () => {
    const channel = uniqueName('fkev');
    const inbox = new Inbox();
    const config = { backend: { database: { client: 'pg', connection: database.url }, events: { engine: 'postgres', channel } } };
    const a = await startInstance({ name: 'a', config, subscribers: {}, inbox });
    const b = await startInstance({ name: 'b', config, subscribers: { search: [['index', ['entities']]] }, inbox });
    try {
      await a.events.publish({ topic: 'entities', eventPayload: 'shared' });
      await inbox.received('b', 'search.index', 'entities');
    } finally {
      await Promise.all([a.backend.stop(), b.backend.stop()]);
    }
  });
});

describeWithRedis('the redis events engine without a connection of its own', () => {
  it("uses backend.cache's connection when its store is redis", async () => {
    const channel = uniqueName('fkev');
    const inbox = new Inbox();
    const config = { backend: { cache: { store: 'redis', connection: redisUrl! }, events: { engine: 'redis', channel } } };
    const a = await startInstance({ name: 'a', config, subscribers: {}, inbox });
    const b = await startInstance({ name: 'b', config, subscribers: { search: [['index', ['entities']]] }, inbox });
    try {
      await a.events.publish({ topic: 'entities', eventPayload: 'shared' });
      await inbox.received('b', 'search.index', 'entities');
    } finally {
      await Promise.all([a.backend.stop(), b.backend.stop()]);
    }
  });
});
