/** `events.service`: publish/subscribe between plugins, in one instance (default) or across a deployment. */
export { eventsServiceFactory } from './eventsServiceFactory';
export { InProcessEventBus } from './InProcessEventBus';
