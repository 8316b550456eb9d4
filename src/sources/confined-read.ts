import { closeSync, openSync, readSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import os from 'node:os';
import path from 'node:path';
import { type Result, ok, messageOf } from '../engine/result.js';
import { type SourceFault, fault } from './source-fault.js';

/**
 * Reads kept inside the run's own folders, for everything read as evidence
 * or configuration: "no such file" and "not readable" become faults naming
 * the path, so no reader throws. Apart from `files.ts` (globs, JSON) so
 * that reading one named file, such as gate-checks' policy, loads no glob
 * matcher or JSON error locator.
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

/** Reads a UTF-8 file under a read root; a missing file is `missing`, anything else unreadable is `malformed`. */
export async function readText(file: string): Promise<Result<string, SourceFault>> {
  const inside = await resolveReadPath(file, process.cwd());
  if (!inside.ok) return inside;
  try {
    return ok(await readFile(inside.value, 'utf8'));
  } catch (thrown) {
    return readFault(file, thrown);
  }
}

/** Chunks of this size keep a large report's reading to a few hundred reads without holding much of it at once. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Reads a UTF-8 file in chunks, handing each to `consume` (which returns
 * false to stop reading), so a large report is never held whole. The path
 * must already have been found under a read root (a `findFiles` match):
 * the check is not made again, which for a tree of many small reports is a
 * real part of the reading. Faults as {@link readText}.
 *
 * The file is read with synchronous reads, chunk by chunk (so memory holds
 * one chunk, whatever the file's size), in one go between two turns of the
 * event loop. Reading here is bound by this thread's work (decoding and
 * parsing each chunk): asynchronous reads only added a trip through
 * libuv's thread pool per open, read and close, during which this thread
 * waited, a third of a fresh process's time on a 43 MB tree of 200 files
 * (about 750 ms against 550 ms read so). Other work waiting on the event
 * loop goes on between files.
 */
export async function readCheckedChunks(absolute: string, consume: (chunk: string) => boolean, file: string = absolute): Promise<Result<void, SourceFault>> {
  // A turn of the event loop first, so that what else waits on it goes on between files.
  await new Promise((resolve) => setImmediate(resolve));
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    // The decoder keeps a character split across two chunks whole.
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const bytesRead = readSync(fd, CHUNK, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      if (!consume(decoder.write(CHUNK.subarray(0, bytesRead)))) return ok(undefined);
    }
    const rest = decoder.end();
    if (rest !== '') consume(rest);
    return ok(undefined);
  } catch (thrown) {
    return readFault(file, thrown);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// One buffer for every read: each file is read to its end with no turn of the event loop in between, and the decoder copies what it returns.
const CHUNK = Buffer.allocUnsafe(CHUNK_BYTES);

function readFault(file: string, thrown: unknown): Result<never, SourceFault> {
  const code = (thrown as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return fault('missing', `file not found: ${file}`);
  if (code === 'EISDIR') return fault('config', `${file} is a folder, not a file`);
  return fault('malformed', `cannot read ${file}: ${code ?? messageOf(thrown).split('\n')[0]}`);
}

type RealRoot = ReadRoot & { real: string };

// The roots' real paths, resolved once for each set of roots: every read is
// checked against them, and a glob of hundreds of reports would otherwise
// resolve them again for each file.
let resolvedRoots: { key: string; roots: Promise<RealRoot[]> } | null = null;

function realRoots(): Promise<RealRoot[]> {
  const roots = readRoots();
  const key = JSON.stringify(roots);
  if (resolvedRoots?.key !== key) resolvedRoots = { key, roots: Promise.all(roots.map(async (root) => ({ ...root, real: await realPathOf(root.path) }))) };
  return resolvedRoots.roots;
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
