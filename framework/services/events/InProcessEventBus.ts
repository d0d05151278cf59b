import type { EventParams, EventsServiceEventHandler, LoggerService } from '../../api';

interface Subscriber {
  /** `<pluginId>.<id>`: one subscription id receives each event once, however often it subscribed. */
  key: string;
  topics: Set<string>;
  onEvent: EventsServiceEventHandler;
}

/**
 * Delivers events between the plugins of one backend instance. `publish` resolves once every subscriber of the
 * topic has handled the event; a failing handler is logged and does not stop the others.
 */
export class InProcessEventBus {
  readonly #subscribers = new Map<string, Subscriber>();

  readonly #logger: LoggerService;

  constructor(logger: LoggerService) {
    this.#logger = logger;
  }

  subscribe(key: string, topics: string[], onEvent: EventsServiceEventHandler): void {
    if (!Array.isArray(topics) || topics.some((t) => typeof t !== 'string' || t.length === 0)) {
      throw new TypeError(`events.subscribe for '${key}' needs topics as an array of non-empty strings`);
    }
    if (typeof onEvent !== 'function') throw new TypeError(`events.subscribe for '${key}' needs an onEvent function`);
    const existing = this.#subscribers.get(key);
    if (existing) {
      for (const topic of topics) existing.topics.add(topic);
      existing.onEvent = onEvent;
      return;
    }
    this.#subscribers.set(key, { key, topics: new Set(topics), onEvent });
  }

  /** The keys of this instance's subscribers to `topic`, in subscription order. */
  subscriberKeys(topic: string): string[] {
    return [...this.#subscribers.values()].filter((s) => s.topics.has(topic)).map((s) => s.key);
  }

  async publish(params: EventParams): Promise<void> {
    assertEventParams(params);
    await this.deliver(params, this.subscriberKeys(params.topic));
  }

  /** Hands the event to the given subscribers of this instance, concurrently; resolves when all have handled it. */
  async deliver(params: EventParams, keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const subscriber = this.#subscribers.get(key);
        if (!subscriber) return;
        try {
          await subscriber.onEvent(params);
        } catch (error) {
          this.#logger.warn(`Subscriber '${subscriber.key}' failed to handle an event on topic '${params.topic}'`, {
            error: (error as Error)?.message ?? String(error),
          });
        }
      }),
    );
  }
}

export function assertEventParams(params: EventParams): void {
  if (!params || typeof params.topic !== 'string' || params.topic.length === 0) {
    throw new TypeError('events.publish needs { topic, eventPayload } with a non-empty topic');
  }
}
