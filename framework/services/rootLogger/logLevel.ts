import type { Config } from '../../api';
import { ConfigError } from '../rootConfig';
import type { LogFormat } from './formats';
import { LOG_LEVELS, type LogLevel } from './WinstonLogger';

/** `backend.logging.level`, else `LOG_LEVEL`, else `info`. */
export function resolveLogLevel(config: Config, env: Record<string, string | undefined>): LogLevel {
  const fromConfig = config.getOptionalString('backend.logging.level');
  if (fromConfig !== undefined) return checkLevel(fromConfig, `config key 'backend.logging.level'`);
  if (env.LOG_LEVEL) return checkLevel(env.LOG_LEVEL, `environment variable LOG_LEVEL`);
  return 'info';
}

/** `backend.logging.format`, else json lines when NODE_ENV=production and pretty otherwise. */
export function resolveLogFormat(config: Config, env: Record<string, string | undefined>): LogFormat {
  const fromConfig = config.getOptionalString('backend.logging.format');
  if (fromConfig === 'json' || fromConfig === 'pretty') return fromConfig;
  if (fromConfig !== undefined) {
    throw new ConfigError(
      'CONFIG_INVALID_TYPE',
      `Invalid log format '${fromConfig}' in config key 'backend.logging.format': use 'json' or 'pretty'`,
    );
  }
  return env.NODE_ENV === 'production' ? 'json' : 'pretty';
}

function checkLevel(value: string, source: string): LogLevel {
  const level = value.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new ConfigError('CONFIG_INVALID_TYPE', `Invalid log level '${value}' in ${source}: use one of ${LOG_LEVELS.join(', ')}`);
}
