export { eventsServiceFactory } from './eventsServiceFactory';
export { InProcessEventBus } from './InProcessEventBus';
