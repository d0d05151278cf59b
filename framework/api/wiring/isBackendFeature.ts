import { hasTypeTag } from '../refs/markers';
import type { BackendFeature } from './types';

/**
 * True for anything tagged as a backend feature of either family (plugin, module, service factory or loader), from this copy of
 * the package or another; which of them it is, is the container's question (`featureType`).
 */
export function isBackendFeature(value: unknown): value is BackendFeature {
  return hasTypeTag(value, 'feature');
}
