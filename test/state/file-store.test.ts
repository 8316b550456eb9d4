import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/state/file-store.js';
import { ROLLBACK, PROMOTE, at, canaryPlan, completedRollout, statesOf } from './support/rollout-states.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const KEY = 'production';

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'rg-file-store-'));
  file = path.join(folder, 'nested', 'state.json');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('file store: load and save', () => {
  it('has no state before the first save, then round-trips every field', async () => {
    const store = createFileStore(file);
    expect(await store.load(KEY)).toEqual({ ok: true, value: null });
    const [first, second] = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE]]);
    expect(await store.save(KEY, first!, 0)).toEqual({ ok: true, value: 'saved' });
    expect(await store.save(KEY, second!, 1)).toEqual({ ok: true, value: 'saved' });
    expect(await store.load(KEY)).toEqual({ ok: true, value: { state: second, version: 2 } });
    expect(await store.load('staging')).toEqual({ ok: true, value: null });
    const written = JSON.parse(await readFile(file, 'utf8')) as { schema: string };
    expect(written.schema).toBe('rollout-guard/state-file@1');
    expect((await readdir(path.dirname(file))).sort()).toEqual(['state.json']); // no temporary or lock file left
  });

  it('answers conflict to a save over a version that has moved on, and keeps the winner', async () => {
    const store = createFileStore(file);
    const [first, second] = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE]]);
    await store.save(KEY, first!, 0);
    await store.save(KEY, second!, 1);
    const stale = statesOf(canaryPlan('v2'), [[11, ROLLBACK]], first!)[0]!;
    expect(await store.save(KEY, stale, 1)).toEqual({ ok: true, value: 'conflict' });
    expect((await store.load(KEY)).ok && (await store.load(KEY))).toMatchObject({ value: { version: 2, state: { weight: 25 } } });
  });

  it('gives exactly one of many concurrent writers at the same version the save', async () => {
    const store = createFileStore(file, { lock: { retryMs: 1 } });
    const racers = ['v2', 'v3', 'v4', 'v5', 'v6', 'v7'].map((ref) => statesOf(canaryPlan(ref), [[0, null]])[0]!);
    const outcomes = await Promise.all(racers.map((state) => store.save(KEY, state, 0)));
    expect(outcomes.filter((outcome) => outcome.ok && outcome.value === 'saved')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.ok && outcome.value === 'conflict')).toHaveLength(5);
  });

  it('gives exactly one of two racing processes the save', async () => {
    const script = path.join(here, 'support', 'save-once.ts');
    const startAt = String(Date.now() + 1_500);
    const race = (ref: string) => run(process.execPath, ['--import', 'tsx', script, file, startAt, ref], { cwd: path.resolve(here, '../..') });
    const outputs = (await Promise.all([race('v2'), race('v3')])).map((result) => result.stdout).sort();
    expect(outputs).toEqual(['conflict', 'saved']);
  });

  it('refuses a save that does not move the version on by one', async () => {
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    expect(await createFileStore(file).save(KEY, first!, 3)).toEqual({
      ok: false,
      error: { kind: 'invalid-call', message: 'rollout `production`: a save over version 3 must carry version 4, got 1' },
    });
  });
});

describe('file store: damaged files and locks', () => {
  it('reports a file that is not JSON in one line naming it, on load and on save', async () => {
    await writeFile(path.join(folder, 'state.json'), '{"schema": "rollout-guard/state-file@1", ');
    const store = createFileStore(path.join(folder, 'state.json'));
    const loaded = await store.load(KEY);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.kind).toBe('corrupt');
      expect(loaded.error.message).toMatch(/^state file `.*state\.json` is not valid JSON \(.+\); fix it, or delete it to start over$/);
      expect(loaded.error.message).not.toContain('\n');
    }
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    expect((await store.save(KEY, first!, 0)).ok).toBe(false);
    expect(await readFile(path.join(folder, 'state.json'), 'utf8')).toBe('{"schema": "rollout-guard/state-file@1", '); // never overwritten
  });

  it('names the field of a state that does not match the schema', async () => {
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    const damaged = { schema: 'rollout-guard/state-file@1', rollouts: { [KEY]: { state: { ...first, weight: 'lots' }, releases: [] } } };
    await writeFile(file.replace('nested/', ''), JSON.stringify(damaged));
    const loaded = await createFileStore(file.replace('nested/', '')).load(KEY);
    expect(loaded).toEqual({
      ok: false,
      error: { kind: 'corrupt', message: `state file \`${file.replace('nested/', '')}\` is not a rollout-guard state: \`rollouts.production.state.weight\`: expected number, received string; fix it, or delete it to start over` },
    });
  });

  it('breaks a lock left by a crashed run', async () => {
    const store = createFileStore(file);
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await store.save(KEY, first!, 0);
    await writeFile(`${file}.lock`, '4242 crashed-run');
    const old = new Date(Date.now() - 60 * 60_000);
    await utimes(`${file}.lock`, old, old);
    const second = statesOf(canaryPlan('v2'), [[10, PROMOTE]], first!)[0]!;
    expect(await store.save(KEY, second, 1)).toEqual({ ok: true, value: 'saved' });
    expect((await readdir(path.dirname(file))).sort()).toEqual(['state.json']);
  });

  it('waits for a live lock, then gives up with a fault naming the lock file', async () => {
    const waits: number[] = [];
    let clock = 0;
    const lock = { waitMs: 200, retryMs: 50, nowMs: () => clock, sleep: async (ms: number) => void (waits.push(ms), (clock += ms)) };
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await createFileStore(file).save(KEY, first!, 0); // creates the folder
    await writeFile(`${file}.lock`, '4242 live-run');
    const saved = await createFileStore(file, { lock }).save(KEY, statesOf(canaryPlan('v2'), [[10, PROMOTE]], first!)[0]!, 1);
    expect(saved).toEqual({
      ok: false,
      error: { kind: 'unavailable', message: `state lock \`${file}.lock\` is held by another run (waited 200 ms); if no run is active, delete the lock file` },
    });
    expect(waits).toEqual([50, 50, 50, 50]);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe('4242 live-run'); // not broken: it is not stale
  });
});

describe('file store: auto-rollback', () => {
  /** v1 then v2 completed: v2 active, v1 inactive. */
  async function twoReleases() {
    const store = createFileStore(file);
    const v1 = completedRollout('v1', 0);
    const v2 = completedRollout('v2', 60, v1.at(-1)!);
    for (const state of [...v1, ...v2]) expect(await store.save(KEY, state, state.version - 1)).toEqual({ ok: true, value: 'saved' });
    return store;
  }

  it('marks the release under watch failed once, then says it already is', async () => {
    const store = await twoReleases();
    const request = { key: KEY, ref: 'v2', reason: 'error rate 12% for 5m', now: at(200) };
    expect(await store.markFailed(request)).toEqual({ ok: true, value: { status: 'marked', message: 'marked v2 failed: error rate 12% for 5m' } });
    expect(await store.markFailed(request)).toEqual({ ok: true, value: { status: 'already-failed', message: 'v2 was already marked failed; nothing changed' } });
    expect((await store.markFailed({ ...request, ref: 'v9' })).ok && (await store.markFailed({ ...request, ref: 'v9' }))).toMatchObject({ value: { status: 'not-found' } });
    const loaded = await store.load(KEY);
    expect(loaded.ok && loaded.value).toMatchObject({ version: 11, state: { phase: 'failed', weight: 0 } });
  });

  it('restores the last good release before the failed one, once', async () => {
    const store = await twoReleases();
    await store.markFailed({ key: KEY, ref: 'v2', reason: 'error rate 12%', now: at(200) });
    const request = { key: KEY, excludingRef: 'v2', reason: 'error rate 12%', now: at(201) };
    expect(await store.restoreLastGood(request)).toEqual({
      ok: true,
      value: { status: 'restored', ref: 'v1', sha: null, message: 'restored v1, the last good release before v2' },
    });
    expect(await store.restoreLastGood(request)).toEqual({
      ok: true,
      value: { status: 'already-restored', ref: 'v1', sha: null, message: 'v1 is the active release since v2 failed; nothing to restore' },
    });
    const file_ = JSON.parse(await readFile(file, 'utf8')) as { rollouts: Record<string, { releases: { ref: string; status: string }[] }> };
    expect(file_.rollouts[KEY]!.releases.map((release) => `${release.ref}:${release.status}`)).toEqual(['v1:inactive', 'v2:failed', 'v1:active']);
  });

  it('finds nothing to restore without an earlier good release', async () => {
    const store = createFileStore(file);
    for (const state of completedRollout('v1', 0)) await store.save(KEY, state, state.version - 1);
    const restored = await store.restoreLastGood({ key: KEY, excludingRef: 'v1', reason: 'x', now: at(100) });
    expect(restored.ok && restored.value.status).toBe('none');
  });

  it('marks a rollout in progress failed, so the next tick cannot promote it', async () => {
    const store = createFileStore(file);
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await store.save(KEY, first!, 0);
    await store.markFailed({ key: KEY, ref: 'v2', reason: 'health checks failing', now: at(3) });
    const loaded = await store.load(KEY);
    expect(loaded.ok && loaded.value).toMatchObject({ version: 2, state: { phase: 'failed', weight: 0 } });
  });
});
