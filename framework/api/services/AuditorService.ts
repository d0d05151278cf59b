import type { Request } from 'express';

export type AuditorServiceEventSeverityLevel = 'low' | 'medium' | 'high' | 'critical';

export interface AuditorServiceCreateEventOptions {
  /** What happened, e.g. `entity-fetch`. */
  eventId: string;
  severityLevel?: AuditorServiceEventSeverityLevel;
  request?: Request;
  meta?: Record<string, unknown>;
}

export interface AuditorServiceEvent {
  success(options?: { meta?: Record<string, unknown> }): Promise<void>;
  fail(options: { error: Error; meta?: Record<string, unknown> }): Promise<void>;
}

/** Structured audit records, written as log records with the actor and the outcome. */
export interface AuditorService {
  createEvent(options: AuditorServiceCreateEventOptions): Promise<AuditorServiceEvent>;
}
