import type winston from 'winston';
import { coreServices, createServiceFactory } from '../../api';
import { getConfigSecrets } from '../rootConfig';
import { resolveLogFormat, resolveLogLevel } from './logLevel';
import { WinstonLogger } from './WinstonLogger';

export interface RootLoggerFactoryOptions {
  /** Where lines go instead of the console (e.g. a `LogCapture`'s transport in tests). */
  transports?: winston.transport[];
  /** Overrides the config / NODE_ENV choice of format. */
  format?: 'json' | 'pretty';
  colors?: boolean;
  /** Reads LOG_LEVEL and NODE_ENV from here; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * A `core.rootLogger` factory. The logger redacts every secret value of the root config: those the
 * loader substituted and those under secret-marked keys.
 */
export function createRootLoggerServiceFactory(options: RootLoggerFactoryOptions = {}) {
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: { config: coreServices.rootConfig },
    factory({ config }) {
      const env = options.env ?? process.env;
      return WinstonLogger.create({
        level: resolveLogLevel(config, env),
        format: options.format ?? resolveLogFormat(config, env),
        colors: options.colors,
        transports: options.transports,
        redactions: getConfigSecrets(config),
      });
    },
  });
}

/** The default `core.rootLogger`: winston to the console. */
export const rootLoggerServiceFactory = createRootLoggerServiceFactory();
