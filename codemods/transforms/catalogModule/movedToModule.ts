/**
 * The TODO a moved builder call keeps in the legacy plugin file names the module that now does its job. It is
 * written and read here only: `forklift adopt` reads it back to know which modules a plugin needs before its
 * bridge file can go.
 */
const MOVED = /moved to `([A-Za-z0-9_$]+)` in (\S+?)\.ts; once the backend runs the new/g;

export function movedToModuleMessage(constName: string, moduleSpecifier: string): string {
  return `moved to \`${constName}\` in ${moduleSpecifier}.ts; once the backend runs the new catalog plugin, add that module to it and delete this call.`;
}

/** The modules a plugin file's TODOs say its calls moved to: the module's name and its specifier from that file. */
export function modulesMovedOutOf(source: string): Array<{ name: string; specifier: string }> {
  return [...source.matchAll(MOVED)].map((match) => ({ name: match[1], specifier: match[2] }));
}
