/**
 * events.service across the instances of one deployment, on real PostgreSQL (LISTEN/NOTIFY) and Redis (pub/sub):
 * what reaches which subscriber, payload sizes, a lost listening connection and shutdown. Each test has its own
 * channel, so parallel suites never see each other's events.
 */
import Redis from 'ioredis';
import { Client } from 'pg';
import type { JsonObject } from '../../../../framework';
import {
  createTestDatabase,
  describeWithPostgres,
  describeWithRedis,
  postgresUrl,
  redisUrl,
  uniqueName,
  type TestDatabase,
} from '../../../support/realServices';
import { Inbox, startInstance, type Instance, type InstanceSpec } from './eventsHarness';

jest.setTimeout(30_000);

interface Engine {
  name: 'postgres' | 'redis';
  describeWith: (name: string, fn: () => void) => void;
  /** Before and after the engine's tests: what the engine needs on the server of its own. */
  setUp?(): Promise<void>;
  tearDown?(): Promise<void>;
  config(channel: string): JsonObject;
  /** Drops the listening connection of every instance on the channel, server side. */
  killListeners(channel: string): Promise<void>;
  /** How many connections of the events service on the channel the server has. */
  connections(channel: string): Promise<number>;
}

async function withPostgres<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(run: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redisUrl!);
  try {
    return await run(client);
  } finally {
    await client.quit();
  }
}

/**
 * The count `count` settles at: the server drops a connection from its own list a moment after the client closed
 * it (later still on a loaded machine), so a count above zero is asked again for up to 10 s.
 */
async function settledCount(count: () => Promise<number>): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const n = await count();
    if (n === 0 || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `CLIENT LIST` lines of the clients whose name ends with the channel. */
async function redisClients(client: Redis, suffix: string): Promise<Array<{ id: string; name: string }>> {
  const list = (await client.call('CLIENT', 'LIST')) as string;
  return list
    .split('\n')
    .map((line) => ({ id: /\bid=(\d+)/.exec(line)?.[1] ?? '', name: /\bname=(\S*)/.exec(line)?.[1] ?? '' }))
    .filter((c) => c.name.startsWith('forklift-events-') && c.name.endsWith(`-${suffix}`));
}

// The engine's tables go into the database it connects to: one of this file's own, not the shared one.
let eventsDatabase: TestDatabase | undefined;

const engines: Engine[] = [
  {
    name: 'postgres',
    describeWith: describeWithPostgres,
    async setUp() {
      eventsDatabase = await createTestDatabase('fkev');
    },
    tearDown: async () => eventsDatabase?.drop(),
    config: (channel) => ({ backend: { events: { engine: 'postgres', connection: eventsDatabase!.url, channel } } }),
    killListeners: (channel) =>
      withPostgres(async (client) => {
        const { rows } = await client.query(
          'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1',
          [`forklift-events-listen:${channel}`],
        );
        expect(rows.length).toBeGreaterThan(0);
      }),
    connections: (channel) =>
      withPostgres(async (client) => {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE $1', [
          `forklift-events-%:${channel}`,
        ]);
        return rows[0].n as number;
      }),
  },
  {
    name: 'redis',
    describeWith: describeWithRedis,
    config: (channel) => ({ backend: { events: { engine: 'redis', connection: redisUrl!, channel } } }),
    killListeners: (channel) =>
      withRedis(async (client) => {
        const listeners = (await redisClients(client, channel)).filter((c) => c.name.startsWith('forklift-events-listen-'));
        expect(listeners.length).toBeGreaterThan(0);
        for (const { id } of listeners) await client.call('CLIENT', 'KILL', 'ID', id);
      }),
    connections: (channel) => withRedis(async (client) => (await redisClients(client, channel)).length),
  },
];

for (const engine of engines) {
  engine.describeWith(`events across instances through ${engine.name}`, () => {
    const started: Instance[] = [];
    beforeAll(async () => engine.setUp?.());
    afterEach(async () => {
      await Promise.all(started.splice(0).map((i) => i.backend.stop()));
    });
    afterAll(async () => engine.tearDown?.());

    async function start(specs: Array<Omit<InstanceSpec, 'config' | 'inbox'>>, channel: string, inbox: Inbox): Promise<Instance[]> {
      const instances: Instance[] = [];
      for (const spec of specs) {
        const instance = await startInstance({ ...spec, config: engine.config(channel), inbox });
        started.push(instance);
        instances.push(instance);
      }
      return instances;
    }

    it('delivers an event published on one instance to the subscribers of another, once per subscriber id', async () => {
      const channel = uniqueName('fkev');
      const inbox = new Inbox();
      const [a, b] = await start(
        [
          { name: 'a', subscribers: { catalog: [['refresh', ['entities']]], probe: [['a', ['fence-a']]] } },
          {
            name: 'b',
            subscribers: { catalog: [['refresh', ['entities']]], search: [['index', ['entities']]], probe: [['b', ['fence-b']]] },
          },
        ],
        channel,
        inbox,
      );
      const event = { topic: 'entities', eventPayload: { name: 'x', tags: ['a', 'ü'], n: 1 }, metadata: { 'x-github-event': 'push' } };
      await a.events.publish(event);
      // Instances handle received events in order: once b has the fence, it has dealt with the event before it.
      await a.events.publish({ topic: 'fence-b', eventPayload: null });
      await inbox.received('b', 'probe.b', 'fence-b');
      // And once a has b's fence, it has dealt with the copy of its own event the engine sent back to it.
      await b.events.publish({ topic: 'fence-a', eventPayload: null });
      await inbox.received('a', 'probe.a', 'fence-a');

      expect(inbox.summary()).toEqual([
        'a catalog.refresh entities', // a's own subscriber, once: not again from the engine, not on b
        'a probe.a fence-a',
        'b probe.b fence-b',
        'b search.index entities', // another subscriber id gets it too
      ]);
      const onB = inbox.deliveries.find((d) => d.subscriber === 'search.index')!;
      expect(onB.event).toEqual(event);
    });

    it('gives each event to exactly one instance when a subscriber id runs on several others', async () => {
      const channel = uniqueName('fkev');
      const inbox = new Inbox();
      const [a] = await start(
        [
          { name: 'a', subscribers: {} },
          { name: 'b', subscribers: { worker: [['jobs', ['work']]], probe: [['b', ['fence']]] } },
          { name: 'c', subscribers: { worker: [['jobs', ['work']]], probe: [['c', ['fence']]] } },
        ],
        channel,
        inbox,
      );
      const numbers = Array.from({ length: 8 }, (_, n) => n);
      for (const n of numbers) await a.events.publish({ topic: 'work', eventPayload: { n } });
      await a.events.publish({ topic: 'fence', eventPayload: null });
      await Promise.all([inbox.received('b', 'probe.b', 'fence'), inbox.received('c', 'probe.c', 'fence')]);

      const handled = inbox.deliveries.filter((d) => d.event.topic === 'work');
      expect(handled.map((d) => (d.event.eventPayload as { n: number }).n).sort((x, y) => x - y)).toEqual(numbers);
    });

    it('carries a payload larger than a PostgreSQL NOTIFY takes (8000 bytes) intact', async () => {
      const channel = uniqueName('fkev');
      const inbox = new Inbox();
      const [a] = await start(
        [
          { name: 'a', subscribers: {} },
          { name: 'b', subscribers: { hooks: [['github', ['push']]] } },
        ],
        channel,
        inbox,
      );
      const payload = { commits: Array.from({ length: 400 }, (_, i) => ({ id: i, message: `commit ${i} – ändert 🚀 etwas` })) };
      expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(8_000 * 2);
      await a.events.publish({ topic: 'push', eventPayload: payload });
      await inbox.received('b', 'hooks.github', 'push');
      expect(inbox.deliveries[0].event.eventPayload).toEqual(payload);
    });

    it('refuses a payload JSON cannot carry, naming the topic, before any subscriber gets it', async () => {
      const channel = uniqueName('fkev');
      const inbox = new Inbox();
      const [a] = await start([{ name: 'a', subscribers: { hooks: [['github', ['push']]] } }], channel, inbox);
      await expect(a.events.publish({ topic: 'push', eventPayload: { size: BigInt(1) } })).rejects.toThrow(
        /events\.publish on topic 'push'.*not JSON.*BigInt/,
      );
      expect(inbox.deliveries).toEqual([]);
    });

    it('listens again after its connection is dropped, logging the outage once and the recovery once', async () => {
      const channel = uniqueName('fkev');
      const inbox = new Inbox();
      const [a, b] = await start(
        [
          { name: 'a', subscribers: {} },
          { name: 'b', subscribers: { search: [['index', ['entities']]] } },
        ],
        channel,
        inbox,
      );
      await engine.killListeners(channel);
      await b.logger.until(/listening on .* again/);
      await a.events.publish({ topic: 'entities', eventPayload: { after: 'reconnect' } });
      await inbox.received('b', 'search.index', 'entities');
      expect(b.logger.count(/lost the connection to/)).toBe(1);
      expect(b.logger.count(/listening on .* again/)).toBe(1);
      expect(inbox.deliveries.map((d) => d.event.eventPayload)).toEqual([{ after: 'reconnect' }]);
    });

    it('closes its connections when the backend stops, and refuses to publish afterwards', async () => {
      const channel = uniqueName('fkev');
      const inbox = new Inbox();
      const [a] = await start([{ name: 'a', subscribers: { search: [['index', ['entities']]] } }], channel, inbox);
      await a.events.publish({ topic: 'entities', eventPayload: 1 });
      expect(await engine.connections(channel)).toBeGreaterThan(0);
      await a.backend.stop();
      expect(await settledCount(() => engine.connections(channel))).toBe(0);
      await expect(a.events.publish({ topic: 'entities', eventPayload: 2 })).rejects.toThrow(/shutting down/);
    });
  });
}
