import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { type Result, ok } from '../engine/result.js';
import { resolveReadPath, readText } from './confined-read.js';
import { describeJsonError, parseJsonText } from './json-text.js';
import { type SourceFault, fault } from './source-fault.js';

/** Globs and JSON on top of `confined-read.ts`, whose reads stay under the read roots. */
export { type ReadRoot, readCheckedChunks, readRoots, readText, resolveReadPath, setReadRoots } from './confined-read.js';

/** Resolves a path or glob against `cwd`; a pattern matching nothing is a `missing` fault naming it; any match outside the read roots is refused. */
export async function findFiles(pattern: string, cwd: string): Promise<Result<string[], SourceFault>> {
  if (!isDynamicPattern(pattern)) {
    const inside = await resolveReadPath(pattern, cwd);
    if (!inside.ok) return inside;
    try {
      const info = await stat(inside.value);
      if (info.isDirectory()) return fault('config', `${pattern} is a folder; give a file or a glob such as ${pattern}/*.xml`);
      return ok([inside.value]);
    } catch {
      return fault('missing', `file not found: ${pattern}`);
    }
  }
  const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: true });
  if (matches.length === 0) return fault('missing', `no file matches ${pattern}`);
  for (const match of matches) {
    const inside = await resolveReadPath(path.relative(cwd, match), cwd);
    if (!inside.ok) return fault('config', `${pattern}: ${inside.error.message}`);
  }
  return ok(matches.sort());
}

/** Reads and parses a JSON file; a parse error names the file and the line and column, never the file's content. */
export async function readJson(file: string): Promise<Result<unknown, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return text;
  const parsed = parseJsonText(text.value);
  return parsed.ok ? ok(parsed.value) : fault('malformed', describeJsonError(file, parsed.error));
}
