import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type Result, err, messageOf, ok } from '../engine/result.js';
import type { RolloutState } from '../engine/rollout/state.js';
import { describeFirstIssue } from '../sources/zod-issue.js';
import { DEFAULT_LOCK_OPTIONS, type LockOptions, withFileLock } from './file-lock.js';
import { type KeyEntry, entryAfterSave, markEntryFailed, restoreEntry } from './release-log.js';
import { rolloutStateSchema } from './state-schema.js';
import { type LoadedState, type SaveOutcome, type StateStore, type StoreFault, checkAdvance, storeFault } from './state-store.js';

/**
 * `state: file:<path>` (for use outside GitHub): one JSON file
 * holding every key's rollout and release record. Writes go to a temporary
 * file in the same folder and are renamed over the old one (atomic on POSIX
 * and NTFS), so a reader never sees half a file; each write holds
 * `<path>.lock` (see `file-lock.ts`) across read–compare–write, so of two
 * runs saving at the same version one saves and the other gets `conflict`.
 * The file must outlive the job (a self-hosted runner's disk, a shared
 * volume): on a fresh runner it is simply missing, and the rollout starts over.
 */
export const STATE_FILE_SCHEMA = 'rollout-guard/state-file@1';

const releaseSchema = z.object({ ref: z.string(), version: z.string(), status: z.enum(['active', 'inactive', 'failed']), at: z.string(), note: z.string() });
const fileSchema = z.object({
  schema: z.literal(STATE_FILE_SCHEMA),
  rollouts: z.record(z.string(), z.object({ state: rolloutStateSchema, releases: z.array(releaseSchema) })),
});
interface StateFile {
  schema: typeof STATE_FILE_SCHEMA;
  rollouts: Record<string, KeyEntry>;
}

const EMPTY = (): StateFile => ({ schema: STATE_FILE_SCHEMA, rollouts: {} });

export interface FileStoreOptions {
  lock?: Partial<LockOptions>;
}

export function createFileStore(path: string, options: FileStoreOptions = {}): StateStore {
  const lock: LockOptions = { ...DEFAULT_LOCK_OPTIONS, ...options.lock };
  const update = <T>(key: string, change: Change<T>) => updateEntry(path, lock, key, change);
  return {
    kind: 'file',
    where: path,
    async load(key) {
      const file = await readStateFile(path);
      if (!file.ok) return file;
      const entry = file.value.rollouts[key];
      return ok(entry ? ({ state: entry.state, version: entry.state.version } satisfies LoadedState) : null);
    },
    async save(key, state: RolloutState, expectedVersion) {
      const advance = checkAdvance(key, state, expectedVersion);
      if (!advance.ok) return advance;
      return update<SaveOutcome>(key, (entry) =>
        (entry?.state.version ?? 0) === expectedVersion ? { entry: entryAfterSave(entry, state), answer: 'saved' } : { entry: null, answer: 'conflict' },
      );
    },
    markFailed: ({ key, ref, reason, now }) =>
      update(key, (entry) => {
        if (!entry) return { entry: null, answer: { status: 'not-found' as const, message: `no rollout of \`${key}\` is recorded in \`${path}\`; nothing to mark` } };
        const marked = markEntryFailed(entry, ref, reason, now.toISOString());
        return { entry: marked.outcome.status === 'marked' ? marked.entry : null, answer: marked.outcome };
      }),
    restoreLastGood: ({ key, excludingRef, reason, now }) =>
      update(key, (entry) => {
        if (!entry) return { entry: null, answer: { status: 'none' as const, ref: null, sha: null, message: `no release of \`${key}\` is recorded in \`${path}\`; nothing to restore` } };
        const restored = restoreEntry(entry, excludingRef, reason, now.toISOString());
        return { entry: restored.outcome.status === 'restored' ? restored.entry : null, answer: restored.outcome };
      }),
  };
}

/** A change of one key's entry: the new entry (null: write nothing) and what to answer. */
type Change<T> = (entry: KeyEntry | undefined) => { entry: KeyEntry | null; answer: T };

/** Under the lock: read the file, change one key's entry, write it back atomically. */
async function updateEntry<T>(path: string, lock: LockOptions, key: string, change: Change<T>): Promise<Result<T, StoreFault>> {
  // The lock file lives beside the state file, so its folder must exist first.
  const folder = await mkdir(dirname(path), { recursive: true }).then(() => null, (thrown: unknown) => thrown);
  if (folder !== null) return storeFault('unavailable', `cannot create the folder of state file \`${path}\`: ${messageOf(folder)}`);
  const held = await withFileLock(`${path}.lock`, lock, async (): Promise<Result<T, StoreFault>> => {
    const file = await readStateFile(path);
    if (!file.ok) return file;
    const { entry, answer } = change(file.value.rollouts[key]);
    if (entry === null) return ok(answer);
    const written = await writeAtomically(path, { ...file.value, rollouts: { ...file.value.rollouts, [key]: entry } });
    return written.ok ? ok(answer) : written;
  });
  return held.ok ? held.value : held;
}

/** The file's contents; a missing file is an empty one, an unreadable one a `corrupt` fault naming it. */
async function readStateFile(path: string): Promise<Result<StateFile, StoreFault>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (thrown) {
    if ((thrown as { code?: string }).code === 'ENOENT') return ok(EMPTY());
    return storeFault('unavailable', `cannot read state file \`${path}\`: ${messageOf(thrown)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (thrown) {
    return storeFault('corrupt', `state file \`${path}\` is not valid JSON (${messageOf(thrown).split('\n')[0]}); fix it, or delete it to start over`);
  }
  const parsed = fileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return storeFault('corrupt', `state file \`${path}\` is not a rollout-guard state: ${describeFirstIssue(parsed.error)}; fix it, or delete it to start over`);
  const file: StateFile = parsed.data;
  return ok(file);
}

async function writeAtomically(path: string, file: StateFile): Promise<Result<true, StoreFault>> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return ok(true);
  } catch (thrown) {
    await unlink(temporary).catch(() => undefined);
    return err({ kind: 'unavailable', message: `cannot write state file \`${path}\`: ${messageOf(thrown)}` });
  }
}
