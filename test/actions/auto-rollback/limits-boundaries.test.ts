import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';

/**
 * dist/auto-rollback/index.js with inputs and files beyond what can be
 * honoured: a command timeout longer than a timer can wait, and an analysis
 * file that is a YAML alias bomb. Each stops the action with one line naming
 * the input or the file, and no stack; none waits or runs anything.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-limits-'));
});

const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[index]}`).join(',')}]`)].join('\n');

describe('auto-rollback bundle: limits are refused up front, in one line', () => {
  it('traffic-timeout: 30d is refused with the timer limit, and no command runs', async () => {
    const run = await runBundle('auto-rollback', { cwd: dir, inputs: { force: 'true', version: 'v2', 'traffic-command': JSON.stringify(['true']), 'traffic-timeout': '30d' } });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('input `traffic-timeout`: 30d is longer than a timer can wait; at most');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an analysis file that is an alias bomb is refused, naming the file, within seconds', async () => {
    const analysis = path.join(dir, 'bomb.yml');
    await writeFile(analysis, `${BOMB}\nsource: { type: file, path: m.json }\nmetrics:\n  e: { series: e, max: 1 }\n`);
    const started = Date.now();
    const run = await runBundle('auto-rollback', { cwd: dir, inputs: { analysis, duration: '0', version: 'v2', 'traffic-command': JSON.stringify(['true']) } });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([`::error::${analysis}: refused: its YAML aliases expand too far (more than 100 nodes through aliases), as an alias bomb would; write the repeated parts out`]);
    expect(run.stdout).not.toContain('internal error');
  });

  it('a traffic-command that is an alias bomb is refused, naming the input', async () => {
    const run = await runBundle('auto-rollback', { cwd: dir, inputs: { force: 'true', version: 'v2', 'traffic-command': `${BOMB}\nlist: [*h]` } });
    expect(run.code).toBe(1);
    expect(run.errors[0]).toContain('input `traffic-command`');
    expect(run.errors[0]).toContain('YAML aliases expand too far');
  });
});
