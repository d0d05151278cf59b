/**
 * What a legacy index's service-building code is read into: one list of body items, in source order. The
 * wiring reader (wiringStatements.ts) and the mount classifier (mountItems.ts) both produce them.
 */
import type { BackendMount } from '../../analysis';
import type { MountPlan } from './mountPlan';
import type { RouterMiddleware } from './routerMiddleware';
import type { KeptCode } from './todo';

export type BodyItem =
  | { kind: 'mount'; plan: MountPlan; leadingComments: string[]; kept: KeptCode }
  /** `routerMiddleware`: path-less middleware on an index router; its message is written once every mount is read. */
  | { kind: 'todo'; message: string; kept?: KeptCode; routerMiddleware?: RouterMiddleware }
  /** Code that mounts plugins forklift cannot carry: the whole run refuses the file unless `--partial`. */
  | { kind: 'blocked'; message: string; mounts: string[]; line: number; kept: KeptCode };

/** Everything a statement reader needs, passed explicitly. `wiring` grows as routers and builders are declared. */
export interface StatementContext {
  source: string;
  mounts: ReadonlyMap<number, BackendMount>;
  planOf: (mount: BackendMount) => MountPlan;
  wiring: Set<string>;
  /** Local functions that mount what they are given (`addPlugin`, `addRouter`). */
  helpers: ReadonlySet<string>;
}
