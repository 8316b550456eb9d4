import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../../src/state/file-store.js';
import { PROMOTE, canaryPlan, completedRollout, statesOf } from '../../state/support/rollout-states.js';
import { runBundle } from '../../support/run-bundle.js';

/**
 * Class guarded: a rollback always wins over a racing canary tick. A tick of
 * canary-promote saves 25% and then moves traffic, slowly; auto-rollback
 * restores traffic and marks the release failed while that move is still
 * running, and the move lands after both. Auto-rollback applies the stable
 * weight once more after marking the release failed, so traffic ends on the
 * stable version whichever move lands last (canary-promote covers the other
 * order: it re-reads the state after its move).
 */
const TRAFFIC = `import { appendFileSync, writeFileSync } from 'node:fs';
const [target, weight] = process.argv.slice(2);
writeFileSync(target, weight);
appendFileSync(target + '.log', weight + '\\n');
`;

/** The tick's move to 25%: slow, it lands only once the state says the release failed (or gives up after 20 s). */
const SLOW_TICK_MOVE = `import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
const [target, state] = process.argv.slice(2);
const phase = () => { try { return JSON.parse(readFileSync(state, 'utf8')).rollouts.production.state.phase; } catch { return null; } };
const deadline = Date.now() + 20000;
while (phase() !== 'failed' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
writeFileSync(target, '25');
appendFileSync(target + '.log', '25\\n');
`;

/** The platform's rollback command: slow too, here until the tick's move has landed, so the order is certain. */
const SLOW_ROLLBACK_COMMAND = `import { readFileSync } from 'node:fs';
const [target] = process.argv.slice(2);
const deadline = Date.now() + 20000;
while (readFileSync(target, 'utf8') !== '25' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
`;

describe('a rollback always wins over a racing canary tick', () => {
  it('traffic ends on the stable version and the state says failed at 0%, though the tick moved traffic last', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-race-'));
    const stateFile = path.join(dir, 'state.json');
    const target = path.join(dir, 'weight.txt');
    await writeFile(path.join(dir, 'traffic.mjs'), TRAFFIC);
    await writeFile(path.join(dir, 'tick-move.mjs'), SLOW_TICK_MOVE);
    await writeFile(path.join(dir, 'rollback.mjs'), SLOW_ROLLBACK_COMMAND);
    // v1 completed; v2 rolling out: the tick has just saved 25%, its traffic still at 5%.
    const store = createFileStore(stateFile);
    const v1 = completedRollout('v1', 0);
    const v2 = statesOf(canaryPlan('v2'), [[60, null], [70, PROMOTE]], v1.at(-1)!);
    for (const state of [...v1, ...v2]) expect(await store.save('production', state, state.version - 1)).toEqual({ ok: true, value: 'saved' });
    expect(v2.at(-1)!.weight).toBe(25);
    await writeFile(target, '5');

    // The tick's move, already under way when the rollback starts.
    const tick = spawn(process.execPath, [path.join(dir, 'tick-move.mjs'), target, stateFile], { stdio: 'ignore' });
    const tickDone = new Promise((resolve) => tick.on('exit', resolve));
    const run = await runBundle('auto-rollback', {
      inputs: {
        force: 'true',
        reason: 'checkout is broken',
        version: 'v2',
        state: `file:${stateFile}`,
        'traffic-command': JSON.stringify(['node', path.join(dir, 'traffic.mjs'), target, '{weight}']),
        'rollback-command': JSON.stringify(['node', path.join(dir, 'rollback.mjs'), target]),
      },
    });
    await tickDone;
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('rolled-back');
    // 0 (the rollback), 25 (the tick's move, landing late), 0 (applied once more after marking the release failed).
    expect((await readFile(`${target}.log`, 'utf8')).trim().split('\n').slice(-3)).toEqual(['0', '25', '0']);
    expect(await readFile(target, 'utf8')).toBe('0');
    const loaded = await store.load('production');
    expect(loaded.ok && loaded.value?.state).toMatchObject({ phase: 'failed', weight: 0 });
  });
});
