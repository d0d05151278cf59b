/**
 * Backends with subscriber plugins for the events tests: what each subscriber received is recorded in one inbox,
 * and a test waits on the inbox (or on a log line) rather than on the clock.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  eventsServiceRef,
  type EventParams,
  type EventsService,
  type JsonObject,
  type LoggerService,
} from '../../../../framework';
import { MockLogger, mockServices, startTestBackend, type MockLogEntry, type TestBackend } from '../../../../framework/testing';

/** Resolves waiters when what they wait for has happened. */
class Waiters<T> {
  #waiting: Array<{ done: (items: T[]) => boolean; resolve: () => void }> = [];

  check(items: T[]): void {
    this.#waiting = this.#waiting.filter((w) => {
      if (!w.done(items)) return true;
      w.resolve();
      return false;
    });
  }

  until(items: T[], done: (items: T[]) => boolean): Promise<void> {
    if (done(items)) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ done, resolve }));
  }
}

export interface Delivery {
  instance: string;
  /** `<pluginId>.<subscriber id>` */
  subscriber: string;
  event: EventParams;
}

export class Inbox {
  readonly deliveries: Delivery[] = [];
  readonly #waiters = new Waiters<Delivery>();

  record(delivery: Delivery): void {
    this.deliveries.push(delivery);
    this.#waiters.check(this.deliveries);
  }

  until(done: (deliveries: Delivery[]) => boolean): Promise<void> {
    return this.#waiters.until(this.deliveries, done);
  }

  /** Resolves once `subscriber` on `instance` received an event on `topic`. */
  received(instance: string, subscriber: string, topic: string): Promise<void> {
    return this.until((ds) => ds.some((d) => d.instance === instance && d.subscriber === subscriber && d.event.topic === topic));
  }

  /** `instance subscriber topic` of each delivery, sorted, for comparing without relying on arrival order. */
  summary(): string[] {
    return this.deliveries.map((d) => `${d.instance} ${d.subscriber} ${d.event.topic}`).sort();
  }
}

/** A recording root logger whose lines (its children's too) can be waited for. */
class WatchedLogger extends MockLogger {
  readonly #waiters: Waiters<MockLogEntry>;
  readonly #fields: Record<string, unknown>;

  constructor(waiters = new Waiters<MockLogEntry>(), fields: Record<string, unknown> = {}, entries: MockLogEntry[] = []) {
    super({ fields, entries });
    this.#waiters = waiters;
    this.#fields = fields;
  }

  override warn(message: string, meta?: Parameters<MockLogger['warn']>[1]): void {
    super.warn(message, meta);
    this.#waiters.check(this.entries);
  }

  override info(message: string, meta?: Parameters<MockLogger['warn']>[1]): void {
    super.info(message, meta);
    this.#waiters.check(this.entries);
  }

  override child(meta: Record<string, unknown>): LoggerService {
    return new WatchedLogger(this.#waiters, { ...this.#fields, ...meta }, this.entries);
  }

  until(pattern: RegExp): Promise<void> {
    return this.#waiters.until(this.entries, (es) => es.some((e) => pattern.test(e.message)));
  }

  count(pattern: RegExp): number {
    return this.entries.filter((e) => pattern.test(e.message)).length;
  }
}

export interface InstanceSpec {
  name: string;
  config: JsonObject;
  /** Plugins of this instance and the subscriptions each makes: pluginId → [subscriber id, topics]; a subscriber
   * with id `fails` throws after recording the event. */
  subscribers: Record<string, Array<[id: string, topics: string[]]>>;
  inbox: Inbox;
}

export interface Instance {
  backend: TestBackend;
  /** The events service of the instance's `publisher` plugin. */
  events: EventsService;
  logger: WatchedLogger;
}

export async function startInstance(spec: InstanceSpec): Promise<Instance> {
  const logger = new WatchedLogger();
  const holder: { events?: EventsService } = {};
  const subscribers: InstanceSpec['subscribers'] = { publisher: [], ...spec.subscribers };
  const plugins = Object.entries(subscribers).map(([pluginId, subscriptions]) =>
    createBackendPlugin({
      pluginId,
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            if (pluginId === 'publisher') holder.events = events;
            for (const [id, topics] of subscriptions) {
              await events.subscribe({
                id,
                topics,
                onEvent: async (event) => {
                  spec.inbox.record({ instance: spec.name, subscriber: `${pluginId}.${id}`, event });
                  if (id === 'fails') throw new Error(`${pluginId}.${id} failed on purpose`);
                },
              });
            }
          },
        });
      },
    }),
  );
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: spec.config }),
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
      ...plugins,
    ],
  });
  return { backend, events: holder.events!, logger };
}
