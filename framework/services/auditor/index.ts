export { LoggerAuditorService, type AuditEventStatus } from './LoggerAuditorService';
export { auditorServiceFactory } from './auditorServiceFactory';
