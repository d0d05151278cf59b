/**
 * "Listening on" is not "ready": a createBackend() server listens before its plugins start, and until they have,
 * their routes are missing or held and then answered 503. A backend is ready once its readiness endpoint answers
 * 200. The legacy runtime has no such endpoint (404) and mounts every router before it listens, so for it the
 * listening line is enough.
 */
import { setTimeout as sleep } from 'timers/promises';

const READINESS_PATH = '/.backstage/health/v1/readiness';
// Between probes of a backend that is still starting; each probe is one local request.
const PROBE_INTERVAL_MS = 50;

/** Resolves once the backend at `url` is ready; rejects as soon as `exited` settles first. */
export async function waitUntilReady(url: string, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    const status = await fetch(`${url}${READINESS_PATH}`).then(
      (response) => response.body?.cancel().then(() => response.status) ?? response.status,
      () => 0,
    );
    if (status === 200 || status === 404) return;
    if (gone) throw new Error(`The backend at ${url} exited before it was ready`);
    await sleep(PROBE_INTERVAL_MS);
  }
}
