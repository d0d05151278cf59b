/**
 * One script of HTTP requests covering every endpoint of every plugin of the samples, errors and the
 * cross-plugin call included, and what it takes to replay it against a running backend.
 */

export interface Step {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /**
   * Replays the step until the answer satisfies this, for state that a scheduled task changes on its own
   * (the heartbeat beats one second after start). Keeps the script independent of how fast a sample boots.
   */
  until?: (answer: Answer) => boolean;
}

export interface Answer {
  status: number;
  body: unknown;
}

export interface Exchange {
  request: string;
  status: number;
  body: unknown;
}

const json = (answer: Answer) => answer.body as Record<string, number>;

export const script: Step[] = [
  // todo: its own tables and migrations
  { method: 'GET', path: '/api/todo/health' },
  { method: 'GET', path: '/api/todo/todos' },
  { method: 'POST', path: '/api/todo/todos', body: { title: 'write the migration guide' } },
  { method: 'POST', path: '/api/todo/todos', body: { title: '  review the codemod output ' } },
  { method: 'POST', path: '/api/todo/todos', body: { title: '' } },
  { method: 'POST', path: '/api/todo/todos', body: { name: 'no title' } },
  { method: 'GET', path: '/api/todo/todos/1' },
  { method: 'GET', path: '/api/todo/todos/999' },
  { method: 'GET', path: '/api/todo/todos/abc' },
  { method: 'PUT', path: '/api/todo/todos/1', body: { done: true } },
  { method: 'PUT', path: '/api/todo/todos/2', body: { title: 'review the generated files' } },
  { method: 'PUT', path: '/api/todo/todos/1', body: { done: 'yes' } },
  { method: 'PUT', path: '/api/todo/todos/1', body: { title: '' } },
  { method: 'PUT', path: '/api/todo/todos/999', body: { done: true } },
  { method: 'GET', path: '/api/todo/todos' },
  // reports: calls todo through discovery with a server token
  { method: 'GET', path: '/api/reports/summary' },
  { method: 'DELETE', path: '/api/todo/todos/2' },
  { method: 'DELETE', path: '/api/todo/todos/2' },
  { method: 'DELETE', path: '/api/todo/todos/-1' },
  { method: 'GET', path: '/api/reports/summary' },
  // settings: config and the cache
  { method: 'GET', path: '/api/settings/greeting' },
  { method: 'GET', path: '/api/settings/greeting' },
  { method: 'GET', path: '/api/settings/flags' },
  { method: 'GET', path: '/api/settings/flags/darkMode' },
  { method: 'GET', path: '/api/settings/flags/betaSearch' },
  { method: 'GET', path: '/api/settings/flags/unknownFlag' },
  { method: 'PUT', path: '/api/settings/scratch/note', body: { value: 'remember the catalog module' } },
  { method: 'PUT', path: '/api/settings/scratch/count', body: { value: 3 } },
  { method: 'GET', path: '/api/settings/scratch/note' },
  { method: 'GET', path: '/api/settings/scratch/missing' },
  // heartbeat: a scheduled task and what it did
  { method: 'GET', path: '/api/heartbeat/tasks' },
  { method: 'GET', path: '/api/heartbeat/beats', until: (a) => json(a).beats >= 1 },
  { method: 'POST', path: '/api/heartbeat/beats' },
  { method: 'GET', path: '/api/heartbeat/beats', until: (a) => json(a).beats >= 2 },
  // catalog: a builder with processors, one of them added by the backend
  { method: 'GET', path: '/api/catalog/processors' },
  { method: 'GET', path: '/api/catalog/entities' },
  { method: 'GET', path: '/api/catalog/entities?kind=group' },
  { method: 'GET', path: '/api/catalog/entities/by-name/component/default/payments' },
  { method: 'GET', path: '/api/catalog/entities/by-name/component/default/nothing' },
  {
    method: 'POST',
    path: '/api/catalog/entities',
    body: { kind: 'Component', metadata: { name: 'checkout' }, spec: { type: 'website' } },
  },
  {
    method: 'POST',
    path: '/api/catalog/entities',
    body: { kind: 'Component', metadata: { name: 'search', namespace: 'tools' }, spec: { owner: 'group:default/search' } },
  },
  { method: 'POST', path: '/api/catalog/entities', body: { metadata: { name: 'kindless' } } },
  { method: 'POST', path: '/api/catalog/entities', body: { kind: 'Component', metadata: { name: 'Not Valid' } } },
  { method: 'GET', path: '/api/catalog/entities?kind=component' },
  { method: 'DELETE', path: '/api/catalog/entities/by-name/component/default/checkout' },
  { method: 'DELETE', path: '/api/catalog/entities/by-name/component/default/checkout' },
  // routes nobody serves
  { method: 'GET', path: '/api/nothing-here' },
  { method: 'GET', path: '/api/todo/not-a-route' },
];

/** Values the backends generate themselves: creation and beat times. Ids are sequential in both, so they stay. */
const GENERATED_KEYS = new Set(['createdAt', 'lastBeatAt']);

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        GENERATED_KEYS.has(key) && typeof inner === 'string' ? '<generated time>' : normalise(inner),
      ]),
    );
  }
  return value;
}

async function send(baseUrl: string, step: Step): Promise<Answer> {
  const response = await fetch(`${baseUrl}${step.path}`, {
    method: step.method,
    headers: step.body === undefined ? {} : { 'content-type': 'application/json' },
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text);
  else if (text === '') body = undefined;
  return { status: response.status, body };
}

/** Replays the script in order against one backend and records every answer, normalised. */
export async function replay(baseUrl: string, steps: Step[] = script, untilTimeoutMs = 20000): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  for (const step of steps) {
    let answer = await send(baseUrl, step);
    const deadline = Date.now() + untilTimeoutMs;
    while (step.until && !step.until(answer)) {
      if (Date.now() > deadline) {
        throw new Error(
          `${step.method} ${step.path} on ${baseUrl} never reached the expected state; last answer ${JSON.stringify(answer)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await send(baseUrl, step);
    }
    exchanges.push({ request: `${step.method} ${step.path}`, status: answer.status, body: normalise(answer.body) });
  }
  return exchanges;
}
