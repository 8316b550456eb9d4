import { readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Result, ok, messageOf } from '../engine/result.js';
import { type SourceFault, fault } from './source-fault.js';

/**
 * File access for everything read as evidence or configuration: one place
 * that turns "no such file" and "not readable" into faults naming the path,
 * so no reader throws, and one place that keeps reads inside the run's own
 * folders.
 *
 * The workspace rule: a path a user names (a policy, an analysis file, a
 * check's `path` or glob, a `file` source, a baseline, Lighthouse results)
 * is read only when its real path, symlinks resolved, lies under one of the
 * allowed roots: `GITHUB_WORKSPACE` and `RUNNER_TEMP`, which each action sets
 * with {@link setReadRoots} first thing. A policy from a pull request must
 * not be able to turn `../../.ssh/id_rsa`, `/etc/passwd` or a symlink into
 * evidence copied into a report. Without `setReadRoots` (library use, unit
 * tests) the roots are the working directory and the system's temp folder.
 */
export interface ReadRoot {
  path: string;
  /** What the root is, for messages: `GITHUB_WORKSPACE`. */
  name: string;
}

let configuredRoots: readonly ReadRoot[] | null = null;

/** Sets the roots every read must stay under; the actions call it once, with the workspace and the runner's temp folder. */
export function setReadRoots(roots: readonly ReadRoot[]): void {
  configuredRoots = roots.map((root) => ({ name: root.name, path: path.resolve(root.path) }));
}

export function readRoots(): readonly ReadRoot[] {
  return configuredRoots ?? [
    { name: 'the working directory', path: process.cwd() },
    { name: 'the temp folder', path: os.tmpdir() },
  ];
}

/**
 * `userPath` resolved against `base`, when its real path is under a read
 * root; otherwise a `config` fault naming the path and the roots. A path
 * that does not exist yet is judged by its nearest existing parent, so a
 * symlinked folder cannot lead a missing file's name outside either.
 */
export async function resolveReadPath(userPath: string, base: string): Promise<Result<string, SourceFault>> {
  const absolute = path.resolve(base, userPath);
  const real = await realPathOf(absolute);
  const roots = await realRoots();
  if (roots.some((root) => isInside(real, root.real))) return ok(absolute);
  return fault('config', outsideMessage(userPath, real !== absolute));
}

function outsideMessage(shown: string, isThroughSymlink: boolean): string {
  const roots = readRoots()
    .map((root) => `${root.path} (${root.name})`)
    .join(' and ');
  return `${shown} is outside the folders rollout-guard reads${isThroughSymlink ? ' (through a symlink)' : ''}: files are read only under ${roots}`;
}

/** Resolves a path or glob against `cwd`; a pattern matching nothing is a `missing` fault naming it; any match outside the read roots is refused. */
export async function findFiles(pattern: string, cwd: string): Promise<Result<string[], SourceFault>> {
  // Loaded on the first search, not with this module: reading one named file (a policy) needs no glob matcher.
  const { glob, isDynamicPattern } = await import('tinyglobby');
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

/** Reads a UTF-8 file under a read root; a missing file is `missing`, anything else unreadable is `malformed`. */
export async function readText(file: string): Promise<Result<string, SourceFault>> {
  const inside = await resolveReadPath(file, process.cwd());
  if (!inside.ok) return inside;
  try {
    return ok(await readFile(inside.value, 'utf8'));
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fault('missing', `file not found: ${file}`);
    if (code === 'EISDIR') return fault('config', `${file} is a folder, not a file`);
    return fault('malformed', `cannot read ${file}: ${code ?? messageOf(thrown).split('\n')[0]}`);
  }
}

/** Reads and parses a JSON file; a parse error names the file and the line and column, never the file's content. */
export async function readJson(file: string): Promise<Result<unknown, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return text;
  // Loaded on the first JSON read, not with this module: reading a YAML policy needs no JSON error locator.
  const { describeJsonError, parseJsonText } = await import('./json-text.js');
  const parsed = parseJsonText(text.value);
  return parsed.ok ? ok(parsed.value) : fault('malformed', describeJsonError(file, parsed.error));
}

async function realRoots(): Promise<Array<ReadRoot & { real: string }>> {
  return Promise.all(readRoots().map(async (root) => ({ ...root, real: await realPathOf(root.path) })));
}

/** The real path of `absolute`, or of its nearest existing parent with the rest of the path appended. */
async function realPathOf(absolute: string): Promise<string> {
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(existing), ...rest.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
