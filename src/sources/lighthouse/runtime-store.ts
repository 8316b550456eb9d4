import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Result, err, messageOf, ok } from '../../engine/result.js';

/**
 * Where an installed Lighthouse runtime is kept between steps and jobs: a
 * tool cache laid out as `@actions/tool-cache` lays it out,
 * `<tool cache>/<tool>/<version>/<arch>` with `<arch>.complete` beside it,
 * written last, so `tc.find('rollout-guard-lighthouse', '<version>')` finds
 * it too. The version is Lighthouse's plus a hash of the runtime lockfile
 * (`12.8.2-lock-<hash>`): a lockfile that pins other dependencies of the
 * same Lighthouse is another install.
 *
 * The library itself is not used: its `cacheDir` copies a finished folder
 * into the cache after deleting what was there, where an install made
 * beside its place and renamed into it costs nothing and is never seen half
 * done by a job sharing the cache; it reads RUNNER_TOOL_CACHE from the
 * process's own environment only; and it brings an HTTP client and a
 * downloader this action must not use (its HTTP goes through
 * src/sources/http/).
 */
export const TOOL_NAME = 'rollout-guard-lighthouse';

/** The runtime lockfile, read and checked: what every install must hold. */
export interface RuntimeLock {
  /** The first 12 hex digits of the lockfile's SHA-256. */
  hash: string;
  /** Each package npm must install (`node_modules/…` → version); optional ones npm may skip are left out. */
  required: Map<string, string>;
  /** Integrity hash → `name@version`, to name the package behind an EINTEGRITY. */
  byIntegrity: Map<string, string>;
}

interface LockEntry {
  version?: unknown;
  resolved?: unknown;
  integrity?: unknown;
  optional?: unknown;
  link?: unknown;
}

/** Reads the lockfile: every package must say where it comes from (`resolved`) and what its bytes hash to (`integrity`). */
export function readRuntimeLock(text: string, file: string): Result<RuntimeLock> {
  let packages: Record<string, LockEntry>;
  try {
    packages = (JSON.parse(text) as { packages?: Record<string, LockEntry> }).packages ?? {};
  } catch (thrown) {
    return err(`${file}: not JSON: ${messageOf(thrown)}`);
  }
  const required = new Map<string, string>();
  const byIntegrity = new Map<string, string>();
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    if (typeof entry.version !== 'string' || typeof entry.resolved !== 'string' || typeof entry.integrity !== 'string') {
      return err(`${file}: packages["${key}"] lacks ${['version', 'resolved', 'integrity'].filter((name) => typeof entry[name as keyof LockEntry] !== 'string').join(' and ')}`);
    }
    if (entry.optional !== true) required.set(key, entry.version);
    byIntegrity.set(entry.integrity, `${key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`);
  }
  if (required.size === 0) return err(`${file}: lists no package`);
  return ok({ hash: createHash('sha256').update(text).digest('hex').slice(0, 12), required, byIntegrity });
}

/** One install's place in a tool cache. */
export interface StorePlace {
  /** The install itself: npm's prefix, holding node_modules. */
  folder: string;
  /** Written last: the install is complete. */
  marker: string;
  /** `<tool cache>/rollout-guard-lighthouse`: every version of this tool. */
  toolDir: string;
  /** The version folder's name, `12.8.2-lock-<hash>`. */
  version: string;
}

export function storePlace(toolCache: string, lighthouseVersion: string, lock: RuntimeLock, arch: string): StorePlace {
  const version = `${lighthouseVersion}-lock-${lock.hash}`;
  const toolDir = path.join(toolCache, TOOL_NAME);
  const folder = path.join(toolDir, version, arch);
  return { folder, marker: `${folder}.complete`, toolDir, version };
}

/** What the marker records: which install, and who made it (to tell a previous step's install from one kept or restored from an earlier job). */
export interface InstallMarker {
  lighthouse: string;
  lockHash: string;
  /** `<run id>/<attempt>/<job>` of the job that installed it; null outside GitHub Actions. */
  installedBy: string | null;
  installedAt: string;
}

/** A complete install at `place`, or why there is none (null: nothing there at all). */
export async function findComplete(place: StorePlace, lock: RuntimeLock): Promise<{ marker: InstallMarker } | { problem: string | null }> {
  if (!existsSync(place.marker)) return { problem: existsSync(place.folder) ? `${place.folder} has no ${path.basename(place.marker)} marker (an install that did not finish)` : null };
  let marker: Partial<InstallMarker>;
  try {
    marker = JSON.parse(await readFile(place.marker, 'utf8')) as Partial<InstallMarker>;
  } catch {
    marker = {};
  }
  if (marker.lockHash !== lock.hash) return { problem: `${place.marker} does not name lockfile ${lock.hash}` };
  const missing = await checkModules(place.folder, lock);
  if (missing !== null) return { problem: missing };
  return { marker: { lighthouse: String(marker.lighthouse), lockHash: lock.hash, installedBy: typeof marker.installedBy === 'string' ? marker.installedBy : null, installedAt: String(marker.installedAt) } };
}

/** Every package of the lockfile installed under `prefix` at its version: the first one that is not, or null. Reads about 200 small files. */
export async function checkModules(prefix: string, lock: RuntimeLock): Promise<string | null> {
  for (const [key, version] of lock.required) {
    const manifest = path.join(prefix, key, 'package.json');
    let found: unknown;
    try {
      found = (JSON.parse(await readFile(manifest, 'utf8')) as { version?: unknown }).version;
    } catch {
      return `${manifest} is missing or unreadable`;
    }
    if (found !== version) return `${manifest} has version ${String(found)}, not ${version}`;
  }
  return null;
}

/** A fresh folder beside the install's place for npm to install into; it is renamed into place once complete. */
export async function makeStaging(place: StorePlace): Promise<string> {
  await mkdir(path.dirname(place.folder), { recursive: true });
  return mkdtemp(`${place.folder}.partial-`);
}

/**
 * Moves a complete install from `staging` into its place and writes the
 * marker last. A job sharing the cache that finished first wins: its
 * install is used and ours removed. Returns the folder to use.
 */
export async function publish(staging: string, place: StorePlace, lock: RuntimeLock, marker: InstallMarker): Promise<Result<string>> {
  // Another job sharing the cache may have finished while npm ran: its install stays, in use or not.
  if ('marker' in (await findComplete(place, lock))) {
    await rm(staging, { recursive: true, force: true });
    return ok(place.folder);
  }
  await rm(place.marker, { force: true });
  await rm(place.folder, { recursive: true, force: true });
  try {
    await rename(staging, place.folder);
  } catch (thrown) {
    const other = await findComplete(place, lock);
    if ('marker' in other) {
      await rm(staging, { recursive: true, force: true });
      return ok(place.folder);
    }
    return err(`could not move the install from ${staging} to ${place.folder}: ${messageOf(thrown)}`);
  }
  // Written to a temporary name and renamed: a reader sees no marker or a whole one.
  const written = `${place.marker}.${process.pid}`;
  await writeFile(written, `${JSON.stringify(marker)}\n`);
  await rename(written, place.marker);
  return ok(place.folder);
}

/** Staging folders of installs that were killed (a cancelled job), older than `maxAgeMs`: removed so they do not pile up in a kept cache. */
export async function removeAbandoned(place: StorePlace, now: number, maxAgeMs: number): Promise<void> {
  const dir = path.dirname(place.folder);
  const prefix = `${path.basename(place.folder)}.partial-`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const modified = await stat(path.join(dir, name)).then((s) => s.mtimeMs, () => now);
    if (now - modified > maxAgeMs) await rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The other versions of this tool, removed. Only on a GitHub-hosted runner,
 * where no other job shares the machine: a cache saved from the tool's
 * folder then holds this version alone, not every one a restored cache
 * brought along. A self-hosted runner's tool cache may be shared by runners
 * using other versions at the same time, so it keeps them.
 */
export async function removeOtherVersions(place: StorePlace): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(place.toolDir).catch(() => [] as string[])) {
    if (name === place.version) continue;
    // Not removable (another user's files): it stays, and is cached along.
    if (await rm(path.join(place.toolDir, name), { recursive: true, force: true }).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}
