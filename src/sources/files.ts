import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { type Result, ok, messageOf } from '../engine/result.js';
import { type SourceFault, fault } from './source-fault.js';

/**
 * File access for report readers: one place that turns "no such file" and
 * "not readable" into faults naming the path, so no reader throws.
 */

/** Resolves a path or glob against `cwd`; a pattern matching nothing is a `missing` fault naming it. */
export async function findFiles(pattern: string, cwd: string): Promise<Result<string[], SourceFault>> {
  if (!isDynamicPattern(pattern)) {
    const absolute = path.resolve(cwd, pattern);
    try {
      const info = await stat(absolute);
      if (info.isDirectory()) return fault('config', `${pattern} is a folder; give a file or a glob such as ${pattern}/*.xml`);
      return ok([absolute]);
    } catch {
      return fault('missing', `file not found: ${pattern}`);
    }
  }
  const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: true });
  if (matches.length === 0) return fault('missing', `no file matches ${pattern}`);
  return ok(matches.sort());
}

/** Reads a UTF-8 file; a missing file is `missing`, anything else unreadable is `malformed`. */
export async function readText(file: string): Promise<Result<string, SourceFault>> {
  try {
    return ok(await readFile(file, 'utf8'));
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fault('missing', `file not found: ${file}`);
    return fault('malformed', `cannot read ${file}: ${messageOf(thrown)}`);
  }
}

/** Reads and parses a JSON file; a parse error names the file and the parser's message. */
export async function readJson(file: string): Promise<Result<unknown, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return text;
  try {
    return ok(JSON.parse(text.value) as unknown);
  } catch (thrown) {
    return fault('malformed', `${file} is not valid JSON: ${messageOf(thrown)}`);
  }
}
