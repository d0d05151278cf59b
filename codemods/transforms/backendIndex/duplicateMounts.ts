/**
 * Two mounts at one path (`apiRouter.use('/x', ...)` twice) become one plugin id, and the new backend refuses
 * to start with the same plugin id added twice. What express did decides what is kept: it tried the first
 * router for every request and passed on to the second only what the first did not answer.
 * - The same plugin mounted again: its routes are the first one's, so the second router never answered
 *   anything; the first stays, the second line is kept as a comment under a TODO naming it.
 * - Another plugin at the same path: the second router answered what the first did not, and one id cannot
 *   carry both; that is a blocked mount (an error unless `--partial`) naming both lines.
 */
import { excerpt } from './todo';
import type { BodyItem } from './bodyItems';

type MountItem = Extract<BodyItem, { kind: 'mount' }>;

/** The same factory, imported from the same module and called with the same extra arguments. */
function samePlugin(a: MountItem, b: MountItem): boolean {
  const [x, y] = [a.plan.mount, b.plan.mount];
  return x.binding === y.binding && x.importSource === y.importSource && x.extraArgs.join(',') === y.extraArgs.join(',');
}

function urlOf(item: MountItem): string {
  const { mount } = item.plan;
  const path = mount.mountPath.replace(/\/+$/, '');
  return mount.via === 'addRouter' ? path : `/api${path}`;
}

/** `items` with every later mount of an already added plugin id turned into a TODO (same plugin) or a blocked mount. */
export function resolveDuplicateMounts(items: readonly BodyItem[]): BodyItem[] {
  const firstById = new Map<string, MountItem>();
  return items.map((item): BodyItem => {
    if (item.kind !== 'mount' || item.plan.kind === 'health') return item;
    const id = item.plan.mount.pluginId;
    const first = firstById.get(id);
    if (!first) {
      firstById.set(id, item);
      return item;
    }
    const url = urlOf(item);
    const lines = `lines ${first.plan.mount.line} and ${item.plan.mount.line}`;
    if (samePlugin(first, item)) {
      return {
        kind: 'todo',
        message:
          `${url} was mounted twice with the same plugin (${lines}); the new backend takes each plugin id once, so only the first is added: ` +
          `express tried the first router for every request and the second (line ${item.plan.mount.line}) only got what the first passed on, ` +
          `which the same routes passed on too, so no request is answered differently (the plugin's start-up code now runs once, not twice); delete this line`,
        kept: item.kept,
      };
    }
    return {
      kind: 'blocked',
      mounts: [url],
      line: item.plan.mount.line,
      message:
        `${url} is mounted twice (${lines}: \`${excerpt(first.plan.mount.binding)}\`, then \`${excerpt(item.plan.mount.binding)}\`) and the new backend takes each plugin id once; ` +
        `merge both into one plugin file whose router uses the first router and then the second (the order express tried them), and mount that once`,
      kept: item.kept,
    };
  });
}
