import { createColors } from 'picocolors';

/**
 * Colours for the CLI's human output: on a terminal only (and never with NO_COLOR), or when FORCE_COLOR asks.
 * picocolors' own default also colours whenever a `CI` variable is set, which puts escape codes into logs and
 * into output that scripts and tests read as text.
 */
export function colourWanted(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): boolean {
  if ('NO_COLOR' in env) return false;
  if ('FORCE_COLOR' in env) return env.FORCE_COLOR !== '0';
  return stdoutIsTerminal && env.TERM !== 'dumb';
}

export const colours = createColors(colourWanted(process.env, process.stdout.isTTY === true));
