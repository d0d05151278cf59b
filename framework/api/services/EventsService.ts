/** One event: a topic, a JSON-serialisable payload and optional metadata (e.g. the headers of a webhook). */
export interface EventParams<TPayload = unknown> {
  topic: string;
  eventPayload: TPayload;
  metadata?: Record<string, string | string[] | undefined>;
}

export type EventsServiceEventHandler = (params: EventParams) => Promise<void>;

export interface EventsServiceSubscribeOptions {
  /** Names the subscriber; unique per plugin (one subscriber id receives each event once). */
  id: string;
  topics: string[];
  onEvent: EventsServiceEventHandler;
}

/** Publish/subscribe between plugins (Backstage's `events.service`, from `@backstage/plugin-events-node`). */
export interface EventsService {
  publish(params: EventParams): Promise<void>;
  subscribe(options: EventsServiceSubscribeOptions): Promise<void>;
}
