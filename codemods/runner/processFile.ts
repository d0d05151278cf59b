/**
 * One file through the transforms, in memory: the same code runs in a worker thread and in-process.
 * Transforms see normalised text; every output is checked to parse before it is accepted, so a transform
 * bug shows up as an `error` for that file instead of a broken file on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseForReading, parserForPath } from '../transforms/shared/parser';
import type { ImportFamily } from '../transforms/shared/importFamily';
import type { ManualStep, RepoFacts, RunOutput, Transform, TransformContext } from '../transforms/types';
import { describeError } from './errors';
import { normalizeText, restoreText, shapeOf } from './textEncoding';
import type { FileTask, FileTaskOutcome, FileTaskResult } from './types';

export interface ProcessorConfig {
  root: string;
  facts: RepoFacts;
  target?: ImportFamily;
  /** See TransformContext.partial. */
  partial?: boolean;
  transforms: Transform[];
  /**
   * The repository's files as the run found them. `readFile` answers from it, so every transform sees the
   * same repository whatever order files are processed and written in (pool or in-process alike).
   */
  snapshot?: Record<string, string>;
  /** See TransformContext.runOutput: given to the processor of the tasks that run last. */
  runOutput?: RunOutput;
}

export type FileProcessor = (task: FileTask) => FileTaskResult;

/** Parses `source` as `filePath` would be parsed; returns the error description when it does not parse. */
export function parseProblem(filePath: string, source: string): string | undefined {
  if (filePath.endsWith('.json')) {
    try {
      JSON.parse(source);
      return undefined;
    } catch (error) {
      return describeError(error);
    }
  }
  const parser = parserForPath(filePath);
  if (!parser) return undefined;
  try {
    parseForReading(source, parser);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

function contextFor(config: ProcessorConfig): TransformContext {
  const root = path.resolve(config.root);
  return {
    root,
    facts: config.facts,
    target: config.target,
    partial: config.partial,
    runOutput: config.runOutput,
    listFiles: config.snapshot ? () => Object.keys(config.snapshot!) : undefined,
    readFile(relPath) {
      const known = config.snapshot?.[relPath];
      if (known !== undefined) return normalizeText(known);
      const full = path.resolve(root, relPath);
      if (full !== root && !full.startsWith(root + path.sep)) return undefined;
      try {
        return normalizeText(fs.readFileSync(full, 'utf8'));
      } catch {
        return undefined;
      }
    },
  };
}

export function createFileProcessor(config: ProcessorConfig): FileProcessor {
  const context = contextFor(config);
  return (task) => {
    const shape = shapeOf(task.source);
    const original = normalizeText(task.source, shape);
    let current = original;
    const changedBy: string[] = [];
    const matched: string[] = [];
    const others = new Map<string, FileTaskOutcome>();
    const manualSteps: ManualStep[] = [];
    let deletedBy: string | undefined;
    let skipped: string | undefined;

    for (const transform of config.transforms) {
      const file = { path: task.path, source: current };
      if (!transform.matches(file)) continue;
      matched.push(transform.name);
      let result;
      try {
        result = transform.apply(file, context);
      } catch (error) {
        return {
          outcomes: [{ path: task.path, status: 'error', transform: transform.name, message: describeError(error) }],
          manualSteps: [],
        };
      }
      manualSteps.push(...result.manualSteps);
      for (const outcome of result.files) {
        if (outcome.path === task.path) {
          if (outcome.status === 'ok' || outcome.status === 'created') {
            if (outcome.source !== current) {
              current = outcome.source;
              if (!changedBy.includes(transform.name)) changedBy.push(transform.name);
            }
          } else if (outcome.status === 'deleted') {
            deletedBy = transform.name;
          } else if (outcome.status === 'skipped') {
            skipped = outcome.message;
          }
        } else {
          others.set(outcome.path, {
            path: outcome.path,
            status: outcome.status,
            transform: transform.name,
            ...('message' in outcome ? { message: outcome.message } : {}),
            ...('source' in outcome ? { source: outcome.source } : {}),
          });
        }
      }
      if (deletedBy) break;
    }

    const outcomes: FileTaskOutcome[] = [];
    if (deletedBy) {
      outcomes.push({ path: task.path, status: 'deleted', transform: deletedBy });
    } else if (changedBy.length > 0 && current !== original) {
      const problem = parseProblem(task.path, current);
      if (problem) {
        return {
          outcomes: [
            {
              path: task.path,
              status: 'error',
              transform: changedBy.join(','),
              message: `the rewritten file would not parse (${problem}); the file was left as it was`,
            },
          ],
          manualSteps: [],
        };
      }
      outcomes.push({ path: task.path, status: 'ok', transform: changedBy.join(','), source: restoreText(current, shape) });
    } else if (skipped !== undefined) {
      outcomes.push({ path: task.path, status: 'skipped', transform: matched.join(','), message: skipped });
    } else {
      outcomes.push({ path: task.path, status: 'unmodified', transform: matched.join(',') });
    }

    // Files a transform creates or rewrites besides its input follow the input's line endings.
    const sideShape = { bom: false, crlf: shape.crlf };
    for (const other of others.values()) {
      if (other.source !== undefined) {
        const problem = parseProblem(other.path, other.source);
        if (problem) {
          return {
            outcomes: [
              {
                path: task.path,
                status: 'error',
                transform: other.transform,
                message: `${other.path}, which the transform ${other.status === 'created' ? 'creates' : 'rewrites'}, would not parse (${problem}); nothing was written`,
              },
            ],
            manualSteps: [],
          };
        }
        other.source = restoreText(other.source, sideShape);
      }
      outcomes.push(other);
    }
    return { outcomes, manualSteps };
  };
}
