/**
 * Runs the HTTP services for real (real server, real sockets) without the container: the root router,
 * health, and per-plugin auth + router, with a lifecycle the test drives by hand in the container's
 * order (plugin startup, root startup; root before-shutdown, plugin shutdown, root shutdown).
 */
import type { Handler } from 'express';
import type { JsonObject, LoggerService, RootLifecycleService } from '../../../framework/api';
import { ConfigReader } from '../../../framework/services/rootConfig';
import { DefaultRootHealthService } from '../../../framework/services/rootHealth';
import { createRootHttpRouter, type RootHttpRouterImpl, type RootHttpRouterOptions } from '../../../framework/services/rootHttpRouter';
import { DefaultAuthService, readAuthKeys, readExternalAccess } from '../../../framework/services/auth';
import { DefaultHttpAuthService } from '../../../framework/services/httpAuth';
import { DefaultHttpRouterService, DEFAULT_STARTUP_REQUEST_PAUSE_MS } from '../../../framework/services/httpRouter';
import { readDurationMs } from '../../../framework/services/durations';

type Hook = () => void | Promise<void>;

class TestLifecycle implements RootLifecycleService {
  readonly startupHooks: Hook[] = [];
  readonly beforeShutdownHooks: Hook[] = [];
  readonly shutdownHooks: Hook[] = [];
  started = false;

  addStartupHook(hook: Hook): void {
    if (this.started) throw new Error('startup hooks must be added before startup');
    this.startupHooks.push(hook);
  }
  addBeforeShutdownHook(hook: Hook): void {
    this.beforeShutdownHooks.push(hook);
  }
  addShutdownHook(hook: Hook): void {
    this.shutdownHooks.push(hook);
  }
  async startup() {
    this.started = true;
    for (const hook of this.startupHooks) await hook();
  }
  async beforeShutdown() {
    for (const hook of this.beforeShutdownHooks) await hook();
  }
  async shutdown() {
    for (const hook of this.shutdownHooks) await hook();
  }
}

export interface LogLine {
  level: string;
  message: string;
  meta?: unknown;
}

export function captureLogger(lines: LogLine[] = [], base: Record<string, unknown> = {}): LoggerService & { lines: LogLine[] } {
  const log = (level: string) => (message: string, meta?: unknown) => {
    lines.push({ level, message, meta: meta instanceof Error ? meta : { ...base, ...(meta as object) } });
  };
  return {
    lines,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (meta) => captureLogger(lines, { ...base, ...meta }),
  };
}

export interface TestServer {
  root: RootHttpRouterImpl;
  rootLifecycle: TestLifecycle;
  health: DefaultRootHealthService;
  logger: ReturnType<typeof captureLogger>;
  config: ConfigReader;
  url: string;
  addPlugin(pluginId: string, setup?: (router: DefaultHttpRouterService) => void): TestPlugin;
  /** Plugin startup hooks, then root startup hooks. */
  start(): Promise<void>;
  /** Root before-shutdown, plugin shutdown, root shutdown; safe to call twice. */
  stop(): Promise<void>;
}

export interface TestPlugin {
  router: DefaultHttpRouterService;
  auth: DefaultAuthService;
  httpAuth: DefaultHttpAuthService;
  lifecycle: TestLifecycle;
}

/** Default: listen on 127.0.0.1 with a free port. */
export async function startTestServer(configData: JsonObject = {}, options: RootHttpRouterOptions = {}): Promise<TestServer> {
  const backend = (configData.backend ?? {}) as JsonObject;
  const config = new ConfigReader({
    ...configData,
    backend: { listen: { host: '127.0.0.1', port: 0 }, ...backend },
  });
  const logger = captureLogger();
  const rootLifecycle = new TestLifecycle();
  const health = new DefaultRootHealthService({ lifecycle: rootLifecycle });
  const root = await createRootHttpRouter({ config, logger, lifecycle: rootLifecycle, health }, options);
  const keys = readAuthKeys(config);
  const externalTokens = readExternalAccess(config);
  const plugins: TestPlugin[] = [];
  let stopped = false;

  return {
    root,
    rootLifecycle,
    health,
    logger,
    config,
    url: root.address().url,
    addPlugin(pluginId, setup) {
      const lifecycle = new TestLifecycle();
      const auth = new DefaultAuthService({ pluginId, keys, externalTokens });
      const httpAuth = new DefaultHttpAuthService({ auth });
      const router = new DefaultHttpRouterService({
        pluginId,
        lifecycle,
        httpAuth,
        startupRequestPauseMs: readDurationMs(config, 'backend.lifecycle.startupRequestPauseTimeout', DEFAULT_STARTUP_REQUEST_PAUSE_MS, {
          allowZero: true,
        }),
        disableDefaultAuthPolicy: config.getOptionalBoolean('backend.auth.dangerouslyDisableDefaultAuthPolicy'),
      });
      root.use(`/api/${pluginId}`, router.handler() as Handler);
      setup?.(router);
      const plugin = { router, auth, httpAuth, lifecycle };
      plugins.push(plugin);
      return plugin;
    },
    async start() {
      for (const p of plugins) await p.lifecycle.startup();
      await rootLifecycle.startup();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await rootLifecycle.beforeShutdown();
      for (const p of plugins) await p.lifecycle.shutdown();
      await rootLifecycle.shutdown();
    },
  };
}
