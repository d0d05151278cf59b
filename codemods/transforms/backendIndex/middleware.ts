/**
 * Middleware a legacy index ran in front of a plugin (`apiRouter.use('/x', mw, await x(env))`), sorted into what
 * decides who may call the plugin and what only shapes requests. A gate keeps the plugin behind the new backend's
 * default-deny policy (the closest the new backend has to "not everyone gets in"); request shaping (body parsers,
 * cookies, compression, CORS, request logs) says nothing about callers, so the plugin is opened like every other
 * bridged plugin and only a step says the middleware no longer runs. Anything not known to shape requests counts
 * as a gate: stricter, never more open, than the legacy backend.
 */
const REQUEST_SHAPING =
  /^(bodyParser|express)\.(json|urlencoded|raw|text)\s*\(|^(cookieParser|compression|cors|morgan|helmet|responseTime)\s*\(/;

/** True when the middleware may decide who gets in (anything not known to only shape requests). */
export function isAccessGate(middleware: string): boolean {
  return !REQUEST_SHAPING.test(middleware.trim());
}

/** The mount's middleware that may decide who gets in. */
export function accessGates(middleware: readonly string[]): string[] {
  return middleware.filter(isAccessGate);
}
