/** The few requests the demo sends to the migrated backend: one per kind of plugin, and the cross-plugin call. */
const CALLS: Array<{ method: string; path: string; body?: unknown; why: string }> = [
  { method: 'POST', path: '/api/todo/todos', body: { title: 'try forklift' }, why: 'todo: a row in its own SQLite table' },
  { method: 'GET', path: '/api/todo/todos', why: 'todo: list' },
  { method: 'GET', path: '/api/reports/summary', why: 'reports -> todo through discovery, with a service token' },
  { method: 'GET', path: '/api/settings/greeting', why: 'settings: from config, then cached' },
  {
    method: 'GET',
    path: '/api/catalog/entities/by-name/component/default/payments',
    why: 'catalog: owner filled in by OwnerDefaultsProcessor',
  },
  { method: 'GET', path: '/api/todo/todos/42', why: 'errors keep their JSON shape' },
  { method: 'GET', path: '/.backstage/health/v1/readiness', why: "the new system's built-in health check" },
];

export interface Call {
  request: string;
  why: string;
  status: number;
  body: string;
}

export async function callEndpoints(baseUrl: string): Promise<Call[]> {
  const calls: Call[] = [];
  for (const { method, path, body, why } of CALLS) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    calls.push({ request: `${method} ${path}`, why, status: response.status, body: await response.text() });
  }
  return calls;
}
