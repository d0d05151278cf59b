import type { AuditorServiceEventSeverityLevel, Config } from '../../api';

export type AuditLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SeverityLogLevels = Record<AuditorServiceEventSeverityLevel, AuditLogLevel>;

const KEY = 'backend.auditor.severityLogLevelMappings';
const SEVERITIES: AuditorServiceEventSeverityLevel[] = ['low', 'medium', 'high', 'critical'];
const LEVELS: AuditLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Routine reads stay out of an info-level log; anything that changes or exposes more is logged at info. */
const DEFAULTS: SeverityLogLevels = { low: 'debug', medium: 'info', high: 'info', critical: 'info' };

export function readSeverityLogLevels(config: Config): SeverityLogLevels {
  const raw = config.getOptional<unknown>(KEY);
  if (raw === undefined) {
    return { ...DEFAULTS };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TypeError(`Invalid ${KEY}: expected an object like { low: 'debug', critical: 'error' }, got ${JSON.stringify(raw)}`);
  }
  const levels = { ...DEFAULTS };
  for (const [severity, level] of Object.entries(raw)) {
    if (!SEVERITIES.includes(severity as AuditorServiceEventSeverityLevel)) {
      throw new TypeError(`Invalid ${KEY}.${severity}: unknown severity; use ${SEVERITIES.join(', ')}`);
    }
    if (!LEVELS.includes(level as AuditLogLevel)) {
      throw new TypeError(`Invalid ${KEY}.${severity} ${JSON.stringify(level)}: use one of ${LEVELS.join(', ')}`);
    }
    levels[severity as AuditorServiceEventSeverityLevel] = level as AuditLogLevel;
  }
  return levels;
}

export function isSeverityLevel(value: unknown): value is AuditorServiceEventSeverityLevel {
  return SEVERITIES.includes(value as AuditorServiceEventSeverityLevel);
}
