import type { Request } from 'express';
import {
  InputError,
  type AuditorService,
  type AuditorServiceCreateEventOptions,
  type AuditorServiceEvent,
  type HttpAuthService,
  type LoggerService,
} from '../../api';
import { isSeverityLevel, type SeverityLogLevels } from './severityLevels';

export type AuditEventStatus = 'initiated' | 'succeeded' | 'failed';

/**
 * Audit events as structured log records through the plugin's logger: one record when the event is
 * created (`initiated`) and one for its outcome (`succeeded` / `failed`), each with the plugin, the event,
 * its severity, the actor and the request. Every record carries `isAuditEvent: true` so a log pipeline can
 * route audit records apart from ordinary logs.
 */
export class LoggerAuditorService implements AuditorService {
  readonly #options: {
    pluginId: string;
    logger: LoggerService;
    httpAuth: HttpAuthService;
    levels: SeverityLogLevels;
  };

  constructor(options: { pluginId: string; logger: LoggerService; httpAuth: HttpAuthService; levels: SeverityLogLevels }) {
    this.#options = options;
  }

  async createEvent(event: AuditorServiceCreateEventOptions): Promise<AuditorServiceEvent> {
    const { eventId, severityLevel = 'low', request, meta } = event ?? ({} as AuditorServiceCreateEventOptions);
    if (typeof eventId !== 'string' || eventId.length === 0) {
      throw new InputError(`auditor.createEvent needs an eventId string, e.g. 'entity-fetch'`);
    }
    if (!isSeverityLevel(severityLevel)) {
      throw new InputError(
        `auditor.createEvent '${eventId}': severityLevel must be 'low', 'medium', 'high' or 'critical', got '${String(severityLevel)}'`,
      );
    }
    const base = {
      isAuditEvent: true,
      plugin: this.#options.pluginId,
      eventId,
      severityLevel,
      actor: request ? await this.#actorOf(request) : undefined,
      request: request ? { method: request.method, url: request.originalUrl ?? request.url } : undefined,
    };
    const write = (status: AuditEventStatus, extra: Record<string, unknown>) => {
      const level = this.#options.levels[severityLevel];
      this.#options.logger[level](`${this.#options.pluginId}.${eventId}`, { ...base, status, ...extra });
    };
    write('initiated', { meta });
    // Each completion is recorded, as Backstage's auditor does: published plugins complete some events twice (the
    // catalog fails an event, then its error handler fails it again), and a request must not fail over its audit.
    return {
      async success(options) {
        write('succeeded', { meta: { ...meta, ...options?.meta } });
      },
      async fail(options) {
        const error = options?.error;
        write('failed', {
          meta: { ...meta, ...options?.meta },
          error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) },
        });
      },
    };
  }

  /** Best effort: an audit record without an actor is better than a failed request. */
  async #actorOf(request: Request): Promise<Record<string, unknown>> {
    const actor: Record<string, unknown> = {
      ip: request.ip ?? request.socket?.remoteAddress,
      hostname: request.hostname,
      userAgent: request.get?.('user-agent'),
    };
    try {
      const credentials = await this.#options.httpAuth.credentials(request);
      const principal = credentials.principal as { type?: string; userEntityRef?: string; subject?: string };
      if (principal?.type === 'user') {
        actor.actorId = principal.userEntityRef;
      } else if (principal?.type === 'service') {
        actor.actorId = principal.subject;
      }
    } catch {
      // No or invalid credentials: the record still names the request and address.
    }
    return actor;
  }
}
