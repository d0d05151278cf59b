import http from 'http';
import { until } from '../../support/until';
import { startChildBackend, type ChildBackend } from './childBackend';

/**
 * A rolling restart as a load balancer sees it: two backend processes (children/dataBackend.ts) behind a small HTTP
 * proxy that polls each one's readiness and sends traffic only to ready ones, under steady keep-alive load. One
 * instance gets SIGTERM and is replaced. With `backend.lifecycle.serverShutdownDelay` a few poll intervals long, no
 * client may see a failure: no 5xx, no reset connection.
 *
 * The promise is conditional on the balancer looking during the delay. The proxy lives in the jest process, so a
 * stalled jest worker (a loaded machine) may not probe at all while the old instance drains; it then forwards
 * requests after the listener closed, which no backend could prevent. Such failures are set aside, and only when
 * no probe of that instance was answered during its delay and the failure came after the delay: a backend that
 * keeps readiness green while draining, or closes early, still fails the test.
 */
const POLL_MS = 100;
const SHUTDOWN_DELAY = '2s';
const SHUTDOWN_DELAY_MS = 2000;
const CLIENTS = 4;

interface Upstream {
  name: string;
  port: number;
  agent: http.Agent;
  ready: boolean;
  served: number;
  /** When each readiness probe of this upstream was answered (or refused), in this process's clock. */
  probeAnswers: number[];
}

interface ProxyFailure {
  upstream: string;
  error: string;
  at: number;
}

type Outcome = { status: number } | { error: string };

/** The proxy: round robin over ready upstreams; what goes wrong upstream is passed on as 502, never retried. */
function startProxy() {
  const upstreams: Upstream[] = [];
  let next = 0;
  const failures: ProxyFailure[] = [];
  const server = http.createServer((req, res) => {
    const ready = upstreams.filter((u) => u.ready);
    if (ready.length === 0) {
      failures.push({ upstream: '-', error: 'no ready upstream', at: Date.now() });
      res.writeHead(503).end();
      return;
    }
    const upstream = ready[next++ % ready.length];
    const forwarded = http.request(
      {
        host: '127.0.0.1',
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, connection: 'keep-alive' },
        agent: upstream.agent,
      },
      (answer) => {
        upstream.served += 1;
        const headers = { ...answer.headers };
        delete headers.connection; // hop by hop: the upstream closing its connection is not the client's business
        delete headers['keep-alive'];
        res.writeHead(answer.statusCode!, headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', (error: NodeJS.ErrnoException) => {
      failures.push({ upstream: upstream.name, error: error.code ?? error.message, at: Date.now() });
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(forwarded);
  });
  // One probe in flight per upstream, so answers arrive in order. Only an answer or a refused connection changes
  // an upstream's state: a probe still waiting says nothing (a busy instance answers late, it is not gone), and
  // counting slowness as unready would make a loaded machine, not the backend, decide the outcome.
  const probing = new Set<Upstream>();
  const poll = setInterval(() => {
    for (const upstream of upstreams) {
      if (probing.has(upstream)) continue;
      probing.add(upstream);
      const check = http.get({ host: '127.0.0.1', port: upstream.port, path: '/.backstage/health/v1/readiness', agent: false }, (res) => {
        res.resume();
        upstream.ready = res.statusCode === 200;
        upstream.probeAnswers.push(Date.now());
        probing.delete(upstream);
      });
      check.on('error', () => {
        upstream.ready = false;
        upstream.probeAnswers.push(Date.now());
        probing.delete(upstream);
      });
    }
  }, POLL_MS);
  return {
    upstreams,
    failures,
    server,
    add(name: string, backend: ChildBackend): Upstream {
      const upstream = {
        name,
        port: Number(new URL(backend.url).port),
        agent: new http.Agent({ keepAlive: true }),
        ready: false,
        served: 0,
        probeAnswers: [],
      };
      upstreams.push(upstream);
      return upstream;
    },
    remove(upstream: Upstream) {
      upstreams.splice(upstreams.indexOf(upstream), 1);
      upstream.agent.destroy();
    },
    async close() {
      clearInterval(poll);
      for (const upstream of upstreams) upstream.agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One client: back-to-back requests on a keep-alive connection until told to stop. */
async function client(port: number, stop: () => boolean, outcomes: Outcome[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  while (!stop()) {
    outcomes.push(
      await new Promise<Outcome>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/api/data/cached/rolling', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode! }));
          res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      }),
    );
  }
  agent.destroy();
}

/**
 * The proxy's failures on the stopped upstream that only a balancer which never looked during the shutdown delay
 * could cause: connection errors after the delay, when no probe of that upstream was answered within it.
 */
function balancerLateFailures(failures: ProxyFailure[], stopped: Upstream, drainStartedAt: number): ProxyFailure[] {
  const delayEnd = drainStartedAt + SHUTDOWN_DELAY_MS;
  const lookedDuringDelay = stopped.probeAnswers.some((at) => at >= drainStartedAt && at <= delayEnd);
  if (lookedDuringDelay) return [];
  return failures.filter((f) => f.upstream === stopped.name && f.at >= delayEnd);
}

const within = { timeoutMs: 30_000, intervalMs: POLL_MS };

describe('rolling restart behind a readiness-polling proxy', () => {
  it(`loses no request when one of two instances restarts with serverShutdownDelay ${SHUTDOWN_DELAY}`, async () => {
    const env = { APP_CONFIG_backend_lifecycle: JSON.stringify({ serverShutdownDelay: SHUTDOWN_DELAY }) };
    const [a, b] = await Promise.all([startChildBackend('dataBackend.ts', env), startChildBackend('dataBackend.ts', env)]);
    let replacement: ChildBackend | undefined;
    const proxy = startProxy();
    const outcomes: Outcome[] = [];
    let stopping = false;
    try {
      await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
      const proxyPort = (proxy.server.address() as { port: number }).port;
      const upA = proxy.add('a', a);
      const upB = proxy.add('b', b);
      await until(() => upA.ready && upB.ready, 'both instances ready', within);

      const load = Promise.all(Array.from({ length: CLIENTS }, () => client(proxyPort, () => stopping, outcomes)));
      await until(() => upA.served > 50 && upB.served > 50, 'traffic on both instances', within);

      const servedBefore = outcomes.length;
      expect(await a.stop()).toBe(0);
      proxy.remove(upA);
      replacement = await startChildBackend('dataBackend.ts', env);
      const upA2 = proxy.add('a2', replacement);
      await until(() => upA2.served > 50, 'traffic on the replacement', within);
      stopping = true;
      await load;

      // When the old instance began its delay (readiness went red just before), by its own log line.
      const announced = a.lines.find((l) => String(l.message).includes('backend.lifecycle.serverShutdownDelay'));
      expect(announced).toBeDefined();
      const drainStartedAt = Date.parse(String(announced!.timestamp));
      const excused = balancerLateFailures(proxy.failures, upA, drainStartedAt);
      if (excused.length > 0) {
        console.warn(
          `rolling restart: ${excused.length} request(s) failed because this process never probed 'a' during its delay (stalled)`,
        );
      }
      const failed = outcomes.filter((o) => !('status' in o) || o.status !== 200);
      const proxyFailures = proxy.failures.filter((f) => !excused.includes(f));
      // Each proxy failure answers exactly one client with a 502 or a cut response.
      expect({ proxyFailures, failedClients: failed.length }).toEqual({ proxyFailures: [], failedClients: excused.length });
      expect(outcomes.length - servedBefore).toBeGreaterThan(100);
      // The old instance drained in order: nothing was cut off.
      expect(a.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      stopping = true;
      await proxy.close();
      await Promise.all([a.stop(), b.stop(), replacement?.stop()]);
    }
  }, 120_000);
});
