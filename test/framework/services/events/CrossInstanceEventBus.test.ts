/**
 * The cross-instance bus when its engine misbehaves, which a real server does not do on cue: a send or a claim
 * that fails, and a message this version cannot read. The engine here is an in-memory stand-in that broadcasts
 * to every bus on it; the real engines are covered by eventsAcrossInstances.test.ts.
 */
import type { EventParams } from '../../../../framework';
import { MockLogger } from '../../../../framework/testing';
import { CrossInstanceEventBus } from '../../../../framework/services/events/CrossInstanceEventBus';
import { InProcessEventBus } from '../../../../framework/services/events';
import type { EventTransport } from '../../../../framework/services/events/transports/EventTransport';

class FakeEngine {
  readonly listeners = new Set<(raw: string) => void>();
  readonly claims = new Set<string>();
  failSend?: Error;
  /** Claims for this subscriber key fail. */
  failClaimFor?: string;

  transport(): EventTransport {
    let mine: ((raw: string) => void) | undefined;
    return {
      label: 'the fake engine',
      listen: async (onMessage) => {
        mine = onMessage;
        this.listeners.add(onMessage);
      },
      send: async (text) => {
        if (this.failSend) throw this.failSend;
        for (const listener of this.listeners) listener(text);
      },
      read: async (raw) => raw,
      claim: async (eventId, key) => {
        if (key === this.failClaimFor) throw new Error("READONLY You can't write against a read only replica.");
        const claim = `${eventId}/${key}`;
        if (this.claims.has(claim)) return false;
        this.claims.add(claim);
        return true;
      },
      stopListening: async () => {
        if (mine) this.listeners.delete(mine);
      },
      close: async () => undefined,
    };
  }
}

function instance(engine: FakeEngine, id: string) {
  const logger = new MockLogger();
  const received: EventParams[] = [];
  const bus = new CrossInstanceEventBus(id, new InProcessEventBus(logger), engine.transport(), logger);
  const subscribe = (key: string, topic: string) =>
    bus.subscribe(key, [topic], async (event) => {
      received.push(event);
    });
  return { bus, logger, received, subscribe };
}

describe('CrossInstanceEventBus', () => {
  it('still delivers to its own subscribers when the engine refuses the event, and rejects naming the engine', async () => {
    const engine = new FakeEngine();
    const a = instance(engine, 'a');
    await a.subscribe('catalog.refresh', 'entities');
    engine.failSend = new Error('connection refused');
    await expect(a.bus.publish({ topic: 'entities', eventPayload: 1 })).rejects.toThrow(
      "events.publish on topic 'entities': could not send the event to the other instances through the fake engine: connection refused",
    );
    expect(a.received).toEqual([{ topic: 'entities', eventPayload: 1 }]);
  });

  it('does not deliver an event whose claim fails, and says which subscriber missed it', async () => {
    const engine = new FakeEngine();
    const a = instance(engine, 'a');
    const b = instance(engine, 'b');
    await b.subscribe('search.index', 'entities');
    await b.subscribe('search.fence', 'fence');
    engine.failClaimFor = 'search.index';
    await a.bus.publish({ topic: 'entities', eventPayload: 1 });
    await a.bus.publish({ topic: 'fence', eventPayload: null });
    await b.bus.close(); // finishes what b received
    expect(b.received).toEqual([{ topic: 'fence', eventPayload: null }]);
    expect(b.logger.lines).toContainEqual(
      expect.stringMatching(
        /Subscriber 'search\.index' did not get an event on topic 'entities'.*claiming it on the fake engine failed: READONLY/,
      ),
    );
  });

  it('ignores a message of another format version with a warning, and goes on with the next', async () => {
    const engine = new FakeEngine();
    const a = instance(engine, 'a');
    const b = instance(engine, 'b');
    await b.subscribe('search.index', 'entities');
    for (const listener of engine.listeners) listener(JSON.stringify({ v: 2, id: 'x', origin: 'c', topic: 'entities' }));
    await a.bus.publish({ topic: 'entities', eventPayload: 'next' });
    await b.bus.close();
    expect(b.received).toEqual([{ topic: 'entities', eventPayload: 'next' }]);
    expect(b.logger.lines).toContainEqual(expect.stringMatching(/Ignored a message on the fake engine: it has format version 2/));
  });
});
