import { randomUUID } from 'crypto';
import type { EventParams, EventsServiceEventHandler, LoggerService } from '../../api';
import { messageOf } from '../../wiring';
import { assertEventParams, InProcessEventBus } from './InProcessEventBus';
import type { EventTransport } from './transports/EventTransport';
import { decodeWireMessage, encodeWireMessage, type WireMessage } from './wireMessage';

/**
 * Events between the instances of one deployment, with Backstage's delivery rule: each subscriber id
 * (`<pluginId>.<id>`) handles an event once per deployment, however many instances run it.
 *
 * - The publishing instance hands the event to its own subscribers of the topic, and sends it to the others
 *   naming those subscribers, which no other instance delivers to again.
 * - An instance receiving it claims (event, subscriber) on the engine for each of its other subscribers of the
 *   topic; only the instance that wins a claim delivers. A failed claim is logged and the event is not
 *   delivered there (at most once, as Backstage's event bus).
 * - Different subscriber ids each get the event; an instance ignores the copy of its own events the engine
 *   echoes back.
 *
 * Received events are handled one at a time per instance, in arrival order. Nothing is stored: an instance that
 * is disconnected when an event is sent does not see it.
 */
export class CrossInstanceEventBus {
  readonly #instanceId: string;
  readonly #local: InProcessEventBus;
  readonly #transport: EventTransport;
  readonly #logger: LoggerService;
  #listening?: Promise<void>;
  #received: Promise<void> = Promise.resolve();
  #closed = false;

  /** `instanceId`: this instance's id (core.rootInstanceMetadata), unique across the deployment. */
  constructor(instanceId: string, local: InProcessEventBus, transport: EventTransport, logger: LoggerService) {
    this.#instanceId = instanceId;
    this.#local = local;
    this.#transport = transport;
    this.#logger = logger;
  }

  /** Resolves once events published on other instances from now on reach this subscriber. */
  async subscribe(key: string, topics: string[], onEvent: EventsServiceEventHandler): Promise<void> {
    this.#local.subscribe(key, topics, onEvent);
    await this.#listen();
  }

  /**
   * Resolves once this instance's subscribers have handled the event and the engine has taken it for the other
   * instances. When the engine cannot take it, the local subscribers still get it and the returned promise
   * rejects naming the engine.
   */
  async publish(params: EventParams): Promise<void> {
    assertEventParams(params);
    if (this.#closed) {
      throw new Error(`events.publish on topic '${params.topic}': the backend is shutting down, the event was not delivered`);
    }
    const notified = this.#local.subscriberKeys(params.topic);
    const text = encodeWireMessage({ id: randomUUID(), origin: this.#instanceId, notified, event: params });
    const [, sent] = await Promise.allSettled([this.#local.deliver(params, notified), this.#send(params.topic, text)]);
    if (sent.status === 'rejected') throw sent.reason;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#transport.stopListening();
    // Events already received are handled before the claims' connection closes.
    await this.#received;
    await this.#transport.close();
  }

  async #send(topic: string, text: string): Promise<void> {
    try {
      await this.#listen();
      await this.#transport.send(text);
    } catch (error) {
      throw new Error(
        `events.publish on topic '${topic}': could not send the event to the other instances through ${this.#transport.label}: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  #listen(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the backend is shutting down'));
    this.#listening ??= this.#transport
      .listen((raw) => this.#enqueue(raw))
      .catch((error) => {
        // The next subscribe or publish tries again.
        this.#listening = undefined;
        throw new Error(`Events could not listen on ${this.#transport.label}: ${messageOf(error)}`, { cause: error });
      });
    return this.#listening;
  }

  #enqueue(raw: string): void {
    this.#received = this.#received
      .then(() => this.#receive(raw))
      .catch((error) => this.#logger.error(`Handling an event from another instance failed: ${messageOf(error)}`));
  }

  async #receive(raw: string): Promise<void> {
    let message: WireMessage;
    try {
      const decoded = decodeWireMessage(await this.#transport.read(raw));
      if ('unreadable' in decoded) {
        this.#logger.warn(`Ignored a message on ${this.#transport.label}: ${decoded.unreadable}`);
        return;
      }
      message = decoded;
    } catch (error) {
      this.#logger.warn(`Could not read an event sent through ${this.#transport.label}: ${messageOf(error)}`);
      return;
    }
    if (message.origin === this.#instanceId) return;
    const { topic } = message.event;
    const candidates = this.#local.subscriberKeys(topic).filter((key) => !message.notified.includes(key));
    const winners = await Promise.all(candidates.map((key) => this.#claim(message.id, key, topic)));
    await this.#local.deliver(
      message.event,
      candidates.filter((_, i) => winners[i]),
    );
  }

  async #claim(eventId: string, key: string, topic: string): Promise<boolean> {
    try {
      return await this.#transport.claim(eventId, key);
    } catch (error) {
      this.#logger.warn(
        `Subscriber '${key}' did not get an event on topic '${topic}' from another instance: claiming it on ${this.#transport.label} failed: ${messageOf(error)}`,
      );
      return false;
    }
  }
}
