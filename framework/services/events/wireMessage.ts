/**
 * The text one instance sends the others for one published event. JSON, so both engines carry it as a string and
 * a reader can tell a message of another format version (a mixed-version deployment) from a broken one.
 */
import type { EventParams } from '../../api';
import { messageOf } from '../../wiring';

const VERSION = 1;

export interface WireMessage {
  /** Unique per publish: the key under which instances claim the event for a subscriber. */
  id: string;
  /** The publishing instance, which has delivered the event to its own subscribers already. */
  origin: string;
  /** Subscriber keys (`<pluginId>.<id>`) the publishing instance delivered to: no other instance delivers to them. */
  notified: string[];
  event: EventParams;
}

/** The message as text; a payload or metadata that JSON cannot represent is refused before anything is delivered. */
export function encodeWireMessage(message: WireMessage): string {
  const { topic, eventPayload, metadata } = message.event;
  try {
    return JSON.stringify({
      v: VERSION,
      id: message.id,
      origin: message.origin,
      notified: message.notified,
      topic,
      payload: eventPayload,
      ...(metadata === undefined ? {} : { metadata }),
    });
  } catch (error) {
    throw new TypeError(
      `events.publish on topic '${topic}': the event cannot be sent to the other instances, its payload or metadata is not JSON (${messageOf(
        error,
      )}); publish plain JSON values`,
      { cause: error },
    );
  }
}

/** The message, or a reason it cannot be read (another format version, or not a message at all). */
export function decodeWireMessage(text: string): WireMessage | { unreadable: string } {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { unreadable: 'it is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { unreadable: 'it is not an object' };
  if (parsed.v !== VERSION) return { unreadable: `it has format version ${String(parsed.v)}, this instance reads ${VERSION}` };
  const { id, origin, notified, topic, payload, metadata } = parsed;
  if (typeof id !== 'string' || typeof origin !== 'string' || typeof topic !== 'string' || !Array.isArray(notified)) {
    return { unreadable: 'it lacks id, origin, topic or notified' };
  }
  const event: EventParams = { topic, eventPayload: payload };
  if (metadata !== undefined) event.metadata = metadata as EventParams['metadata'];
  return { id, origin, notified: notified.filter((n): n is string => typeof n === 'string'), event };
}
