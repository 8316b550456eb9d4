import { type RolloutState, closeRollout } from '../engine/rollout/state.js';
import { type MarkFailedOutcome, type RestoreOutcome, isNamed } from './state-store.js';

/**
 * The file store's record of releases per key, playing the part GitHub's
 * deployment history plays for the GitHub store: a completed rollout becomes
 * the `active` release and the one before turns `inactive` (GitHub's
 * `auto_inactive`); auto-rollback marks one `failed` and re-activates the last
 * good one. Pure: the file store reads, calls these, and writes.
 */
export interface ReleaseRecord {
  ref: string;
  version: string;
  status: 'active' | 'inactive' | 'failed';
  at: string;
  note: string;
}

/** Records kept per key; the last good release is rarely more than a few back. */
export const RELEASE_LIMIT = 50;

export interface KeyEntry {
  state: RolloutState;
  /** Newest last. */
  releases: ReleaseRecord[];
}

/** Index of the newest record that matches, or -1 (`findLastIndex` is ES2023; the build targets ES2022). */
function lastIndexOf(releases: readonly ReleaseRecord[], isWanted: (release: ReleaseRecord) => boolean, before = releases.length): number {
  for (let index = Math.min(before, releases.length) - 1; index >= 0; index--) if (isWanted(releases[index]!)) return index;
  return -1;
}

function activate(releases: readonly ReleaseRecord[], record: ReleaseRecord): ReleaseRecord[] {
  const rest = releases.map((release) => (release.status === 'active' ? { ...release, status: 'inactive' as const } : release));
  return [...rest, record].slice(-RELEASE_LIMIT);
}

/** The entry after a save: a rollout that has just completed becomes the active release. */
export function entryAfterSave(previous: KeyEntry | undefined, state: RolloutState): KeyEntry {
  const releases = previous?.releases ?? [];
  const isNewlyComplete = state.phase === 'complete' && !(previous?.state.phase === 'complete' && previous.state.startedAt === state.startedAt);
  if (!isNewlyComplete) return { state, releases };
  const { ref, version } = state.plan.canary;
  return { state, releases: activate(releases, { ref, version, status: 'active', at: state.lastTickAt, note: 'rollout complete' }) };
}

/** Marks the named release failed: the current rollout if it is that release, and its release record. */
export function markEntryFailed(entry: KeyEntry, ref: string, reason: string, at: string): { entry: KeyEntry; outcome: MarkFailedOutcome } {
  const isCurrent = isNamed(entry.state.plan.canary, ref);
  const state = isCurrent ? closeRollout(entry.state, 'failed', `marked failed: ${reason}`, at) : entry.state;
  const index = lastIndexOf(entry.releases, (release) => isNamed(release, ref));
  const release = entry.releases[index];
  const isToMark = release !== undefined && release.status !== 'failed';
  const releases = isToMark ? entry.releases.map((record, at) => (at === index ? { ...record, status: 'failed' as const, note: reason } : record)) : entry.releases;
  const isChanged = state !== entry.state || releases !== entry.releases;
  if (isChanged) return { entry: { state, releases }, outcome: { status: 'marked', message: `marked ${ref} failed: ${reason}` } };
  const status = isCurrent || release ? 'already-failed' : 'not-found';
  const message = status === 'already-failed' ? `${ref} was already marked failed; nothing changed` : `no release of ${ref} is recorded; nothing to mark`;
  return { entry, outcome: { status, message } };
}

/** Re-activates the newest release before the failed one that did not fail and is another release. */
export function restoreEntry(entry: KeyEntry, excludingRef: string, reason: string, at: string): { entry: KeyEntry; outcome: RestoreOutcome } {
  const { releases } = entry;
  const failedAt = lastIndexOf(releases, (release) => isNamed(release, excludingRef));
  const active = lastIndexOf(releases, (release) => release.status === 'active');
  const current = releases[active];
  if (current && active > failedAt && !isNamed(current, excludingRef)) {
    const message = `${current.ref} is the active release${failedAt >= 0 ? ` since ${excludingRef} failed` : ''}; nothing to restore`;
    return { entry, outcome: { status: 'already-restored', ref: current.ref, sha: null, message } };
  }
  const good = releases[lastIndexOf(releases, (release) => release.status !== 'failed' && !isNamed(release, excludingRef), failedAt >= 0 ? failedAt : undefined)];
  if (!good) return { entry, outcome: { status: 'none', ref: null, sha: null, message: `no good release before ${excludingRef} is recorded; nothing to restore` } };
  const restored = activate(releases, { ...good, status: 'active', at, note: `restored after ${excludingRef} failed: ${reason}` });
  const message = `restored ${good.ref}, the last good release before ${excludingRef}`;
  return { entry: { ...entry, releases: restored }, outcome: { status: 'restored', ref: good.ref, sha: null, message } };
}
