import { isExtensionPoint, isServiceRef } from '../api';
import type { BackendFeatureMeta, ExtensionPointRegistration, ServiceRef } from '../api';
import { DependencyGraph } from './DependencyGraph';
import {
  duplicateExtensionPoint,
  duplicateModule,
  duplicatePlugin,
  foreignExtensionPoint,
  ForkliftBackendError,
  invalidDependency,
  moduleCycle,
  moduleWithoutPlugin,
  pluginDependsOnExtensionPoint,
  type Consumer,
} from './errors';
import type { PluginLock } from './extensionPointLock';
import type { NormalisedModule, NormalisedPlugin, NormalisedRegistration } from './normalise';

export interface PluginEntry {
  pluginId: string;
  plugin: NormalisedPlugin;
  /**
   * In start order, as Backstage's: a module that provides an extension point starts after the modules of the
   * same plugin that use it, so the provider sees everything they registered.
   */
  modules: NormalisedModule[];
  lock: PluginLock;
}

export interface ExtensionPointEntry {
  pluginId: string;
  /** 'plugin' or the id of the module that provides it. */
  owner: string;
  provision: ExtensionPointRegistration;
}

export interface InstallationPlan {
  plugins: PluginEntry[];
  extensionPoints: Map<string, ExtensionPointEntry>;
  /** The service refs each plugin and module asks for, to check with the registry. */
  serviceNeeds: Array<{ consumer: Consumer; refs: ServiceRef<unknown>[] }>;
  /** Extension points consumed but provided by nobody, per module. */
  missingExtensionPoints: Array<{ consumer: Consumer; refs: string[] }>;
  errors: ForkliftBackendError[];
  meta: BackendFeatureMeta[];
}

function ownerLabel(pluginId: string, owner: string): string {
  return owner === 'plugin' ? `plugin '${pluginId}'` : `module '${owner}' of plugin '${pluginId}'`;
}

/**
 * Checks the structure of what was added (duplicates, modules without their plugin, extension point ownership)
 * and orders each plugin's modules by the extension points they provide and consume. Collects every problem
 * instead of stopping at the first.
 */
export function planInstallation(registrations: NormalisedRegistration[]): InstallationPlan {
  const errors: ForkliftBackendError[] = [];
  const plugins = new Map<string, PluginEntry>();
  const modulesByPlugin = new Map<string, Map<string, NormalisedModule>>();

  for (const registration of registrations) {
    if (registration.type === 'plugin') {
      if (plugins.has(registration.pluginId)) {
        errors.push(duplicatePlugin(registration.pluginId));
        continue;
      }
      plugins.set(registration.pluginId, {
        pluginId: registration.pluginId,
        plugin: registration,
        modules: [],
        lock: { pluginId: registration.pluginId, locked: false },
      });
    } else {
      let modules = modulesByPlugin.get(registration.pluginId);
      if (!modules) modulesByPlugin.set(registration.pluginId, (modules = new Map()));
      if (modules.has(registration.moduleId)) errors.push(duplicateModule(registration.pluginId, registration.moduleId));
      else modules.set(registration.moduleId, registration);
    }
  }
  for (const [pluginId, modules] of modulesByPlugin) {
    if (!plugins.has(pluginId)) for (const moduleId of modules.keys()) errors.push(moduleWithoutPlugin(pluginId, moduleId));
  }

  const extensionPoints = new Map<string, ExtensionPointEntry>();
  const provide = (pluginId: string, owner: string, provisions: ExtensionPointRegistration[]) => {
    for (const provision of provisions) {
      const ref = provision.extensionPoint;
      const existing = extensionPoints.get(ref.id);
      if (existing) {
        errors.push(duplicateExtensionPoint(String(ref), ownerLabel(existing.pluginId, existing.owner), ownerLabel(pluginId, owner)));
      } else {
        extensionPoints.set(ref.id, { pluginId, owner, provision });
      }
    }
  };
  for (const entry of plugins.values()) {
    provide(entry.pluginId, 'plugin', entry.plugin.extensionPoints);
    for (const module of modulesByPlugin.get(entry.pluginId)?.values() ?? [])
      provide(entry.pluginId, module.moduleId, module.extensionPoints);
  }

  const serviceNeeds: InstallationPlan['serviceNeeds'] = [];
  const missingExtensionPoints: InstallationPlan['missingExtensionPoints'] = [];
  const meta: BackendFeatureMeta[] = [];

  for (const entry of plugins.values()) {
    const { pluginId } = entry;
    const pluginConsumer: Consumer = { kind: 'plugin', pluginId };
    const pluginRefs: ServiceRef<unknown>[] = [];
    for (const [name, dep] of Object.entries(entry.plugin.init.deps as Record<string, unknown>)) {
      if (isServiceRef(dep)) pluginRefs.push(dep);
      else if (isExtensionPoint(dep)) errors.push(pluginDependsOnExtensionPoint(pluginId, String(dep)));
      else errors.push(invalidDependency(pluginConsumer, name, dep));
    }
    serviceNeeds.push({ consumer: pluginConsumer, refs: pluginRefs });

    const modules = [...(modulesByPlugin.get(pluginId)?.values() ?? [])];
    const nodes = modules.map((module) => {
      const consumer: Consumer = { kind: 'module', pluginId, moduleId: module.moduleId };
      const refs: ServiceRef<unknown>[] = [];
      const consumes: string[] = [];
      const absent: string[] = [];
      for (const [name, dep] of Object.entries(module.init.deps as Record<string, unknown>)) {
        if (isServiceRef(dep)) {
          refs.push(dep);
        } else if (isExtensionPoint(dep)) {
          const provider = extensionPoints.get(dep.id);
          if (!provider) absent.push(String(dep));
          else if (provider.pluginId !== pluginId)
            errors.push(foreignExtensionPoint(pluginId, module.moduleId, String(dep), provider.pluginId));
          else consumes.push(dep.id);
        } else {
          errors.push(invalidDependency(consumer, name, dep));
        }
      }
      serviceNeeds.push({ consumer, refs });
      if (absent.length > 0) missingExtensionPoints.push({ consumer, refs: absent });
      // Reversed on purpose, as in Backstage: a module providing an extension point starts after the modules that
      // use it, so it sees everything they registered (the graph starts a node after what it "consumes").
      return { value: module, provides: consumes, consumes: module.extensionPoints.map((p) => p.extensionPoint.id) };
    });
    if (nodes.length > 1) {
      const graph = new DependencyGraph(nodes);
      const cycle = graph.findCycle();
      if (cycle)
        errors.push(
          moduleCycle(
            pluginId,
            cycle.map((m) => m.moduleId),
          ),
        );
      else entry.modules = graph.topologicalOrder();
    } else {
      entry.modules = modules;
    }
    meta.push({ pluginId, modules: modules.map((m) => ({ moduleId: m.moduleId })) });
  }

  return { plugins: [...plugins.values()], extensionPoints, serviceNeeds, missingExtensionPoints, errors, meta };
}
