/**
 * What the cross-instance event bus needs from an engine (PostgreSQL LISTEN/NOTIFY, Redis pub/sub): broadcast a
 * text to every instance on the channel, and let exactly one instance win a claim.
 */
export interface EventTransport {
  /** Engine, host and channel, for log lines and errors (never a password). */
  readonly label: string;

  /**
   * Connects and listens on the channel; resolves once a text sent from now on reaches `onMessage` (the sender's
   * own texts included). Rejects when the engine cannot be reached; a later call tries again. After it resolved,
   * a lost connection is re-established in the background: logged once when lost, once when listening again.
   */
  listen(onMessage: (raw: string) => void): Promise<void>;

  /** Broadcasts the text; rejects when the engine did not take it. */
  send(text: string): Promise<void>;

  /** The text a received `raw` stands for (an engine may carry large texts by reference). */
  read(raw: string): Promise<string>;

  /** True for exactly one caller across the deployment per (event id, subscriber key). */
  claim(eventId: string, subscriberKey: string): Promise<boolean>;

  /** Stops listening: nothing reaches `onMessage` afterwards. Sending and claiming still work. */
  stopListening(): Promise<void>;

  /** Closes every connection; called once, after stopListening. */
  close(): Promise<void>;
}

/** How long a claim (and a PostgreSQL payload carried by reference) is kept: far longer than any delivery takes. */
export const CLAIM_RETENTION_MS = 10 * 60_000;
