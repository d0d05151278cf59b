import { coreServices, createServiceFactory, InputError } from '../../api';
import type { AuditorService, AuditorServiceCreateEventOptions, AuditorServiceEvent, AuditorServiceEventSeverityLevel } from '../../api';
import { auditorServiceFactory } from '../../services/auditor';
import { createServiceMock } from './createServiceMock';

/** One recorded audit record, as the real auditor would log it. */
export interface MockAuditRecord {
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  status: 'initiated' | 'succeeded' | 'failed';
  meta?: Record<string, unknown>;
  error?: Error;
}

/** An auditor that records its events in `records` instead of logging them, for plugin tests to assert on. */
export class MockAuditor implements AuditorService {
  readonly records: MockAuditRecord[] = [];

  async createEvent(options: AuditorServiceCreateEventOptions): Promise<AuditorServiceEvent> {
    const { eventId, severityLevel = 'low', meta } = options ?? ({} as AuditorServiceCreateEventOptions);
    if (typeof eventId !== 'string' || eventId.length === 0) {
      throw new InputError(`auditor.createEvent needs an eventId string, e.g. 'entity-fetch'`);
    }
    this.records.push({ eventId, severityLevel, status: 'initiated', meta });
    let settled = false;
    const settle = () => {
      if (settled) throw new Error(`Audit event '${eventId}' was already completed; call success() or fail() once`);
      settled = true;
    };
    return {
      success: async (result) => {
        settle();
        this.records.push({ eventId, severityLevel, status: 'succeeded', meta: { ...meta, ...result?.meta } });
      },
      fail: async ({ error, meta: failMeta }) => {
        settle();
        this.records.push({ eventId, severityLevel, status: 'failed', meta: { ...meta, ...failMeta }, error });
      },
    };
  }
}

function auditor(): MockAuditor {
  return new MockAuditor();
}
/** Given an auditor, every plugin shares it; otherwise the real auditor, writing to each plugin's (mock) logger. */
auditor.factory = (options: { auditor?: AuditorService } = {}) => {
  const shared = options.auditor;
  return shared ? createServiceFactory({ service: coreServices.auditor, deps: {}, factory: () => shared }) : auditorServiceFactory;
};
auditor.mock = createServiceMock<AuditorService>(coreServices.auditor, ['createEvent']);

export const mockAuditor = auditor;
