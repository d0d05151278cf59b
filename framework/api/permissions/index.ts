export { createPermission, isResourcePermission } from './createPermission';
