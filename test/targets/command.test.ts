import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { substitutePlaceholders } from '../../src/targets/command.js';
import { createTrafficTarget } from '../../src/targets/registry.js';
import type { TrafficTarget } from '../../src/targets/traffic-target.js';

const node = process.execPath;
let dir: string;
let script: string;
let recorded: string;

/** A target from action inputs, as the actions build it. */
function commandTarget(command: unknown[], timeout?: string): TrafficTarget {
  const inputs: Record<string, string> = { 'traffic-command': JSON.stringify(command), 'traffic-timeout': timeout ?? '' };
  const created = createTrafficTarget((name) => inputs[name] ?? '', { workspace: dir, env: { PATH: process.env.PATH } });
  if (!created.ok || created.value === null) throw new Error(created.ok ? 'no target' : created.error.message);
  return created.value;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-command-target-'));
  recorded = path.join(dir, 'args.json');
  script = path.join(dir, 'set-weight.mjs');
  // Records its arguments, prints a line, and exits with the code in EXIT_WITH (default 0).
  await writeFile(
    script,
    `#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(recorded)}, JSON.stringify(process.argv.slice(2)));
console.log('weights set');
const code = Number(process.argv.find((arg) => arg.startsWith('--exit='))?.slice(7) ?? 0);
if (code) console.error('load balancer said no');
if (process.argv.includes('--hang')) setInterval(() => {}, 1000);
process.exitCode = code;
`,
  );
  await chmod(script, 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readArgs = (): string[] => JSON.parse(readFileSync(recorded, 'utf8')) as string[];

describe('command target', () => {
  it('replaces placeholders inside each argument and records the evidence', async () => {
    const target = commandTarget(['./set-weight.mjs', '{weight}', '{stable-weight}', '--canary={canary}', '{stable}', '{canary-weight}%', 'a b']);
    const change = await target.setWeight({ canaryWeight: 25, canary: 'v2', stable: 'v1' });
    expect(readArgs()).toEqual(['25', '75', '--canary=v2', 'v1', '25%', 'a b']);
    expect(change.ok).toBe(true);
    if (!change.ok) return;
    expect(change.value).toMatchObject({ target: "command ./set-weight.mjs {weight} {stable-weight} --canary={canary} {stable} {canary-weight}% 'a b'", canaryWeight: 25, stableWeight: 75, dryRun: false, file: null, verification: null });
    expect(change.value.steps).toHaveLength(1);
    expect(change.value.steps[0]).toMatchObject({ name: 'set-weight', argv: ['./set-weight.mjs', '25', '75', '--canary=v2', 'v1', '25%', 'a b'], outcome: { exitCode: 0, timedOut: false, tail: ['weights set'] } });
  });

  it('passes shell syntax in a version name literally, never to a shell', async () => {
    const pwned = path.join(dir, 'pwned');
    const hostile = [`$(touch ${pwned})`, `\`touch ${pwned}\``, `v1; touch ${pwned}`, `v1 && touch ${pwned} #`];
    const target = commandTarget([node, script, '{canary}', '{stable}', hostile[2], hostile[3]]);
    const change = await target.setWeight({ canaryWeight: 5, canary: hostile[0]!, stable: hostile[1]! });
    expect(change.ok).toBe(true);
    expect(readArgs()).toEqual(hostile);
    expect(existsSync(pwned)).toBe(false);
  });

  it('fails a non-zero exit as a provider fault with the output and the step', async () => {
    const change = await commandTarget([node, script, '{weight}', '--exit=3']).setWeight({ canaryWeight: 50, canary: 'v2', stable: 'v1' });
    expect(change.ok).toBe(false);
    if (change.ok) return;
    expect(change.error.kind).toBe('provider');
    expect(change.error.message).toBe(`set-weight \`${node} ${script} 50 --exit=3\` exited with 3: load balancer said no`);
    expect(change.error.steps?.[0]?.outcome).toMatchObject({ exitCode: 3, tail: ['weights set', 'load balancer said no'] });
  });

  it('kills a command that outlives traffic-timeout', async () => {
    const change = await commandTarget([node, script, '--hang'], '300ms').setWeight({ canaryWeight: 50, canary: 'v2', stable: 'v1' });
    expect(!change.ok && [change.error.kind, change.error.message]).toEqual(['provider', `set-weight \`${node} ${script} --hang\` timed out after 300ms; killed it and its child processes: weights set`]);
  });

  it('runs nothing in a dry run and shows the command it would run', async () => {
    await rm(recorded, { force: true });
    const change = await commandTarget([node, script, '{weight}']).setWeight({ canaryWeight: 100, canary: 'v2', stable: 'v1', dryRun: true });
    expect(change.ok && change.value.steps).toEqual([{ name: 'set-weight', argv: [node, script, '100'], outcome: null }]);
    expect(change.ok && change.value.dryRun).toBe(true);
    expect(existsSync(recorded)).toBe(false);
  });

  it('refuses a weight that is not a whole percent', async () => {
    const target = commandTarget([node, script]);
    for (const canaryWeight of [-1, 101, 2.5, Number.NaN]) {
      expect(await target.setWeight({ canaryWeight, canary: 'v2', stable: 'v1' })).toEqual({ ok: false, error: { kind: 'config', message: `canary weight must be a whole percent from 0 to 100, got ${String(canaryWeight)}` } });
    }
  });

  it('says when the program does not exist', async () => {
    const change = await commandTarget(['./no-such-script.sh', '{weight}']).setWeight({ canaryWeight: 5, canary: 'v2', stable: 'v1' });
    expect(!change.ok && change.error).toEqual({ kind: 'missing', message: 'set-weight: command not found: ./no-such-script.sh (it runs without a shell, so it must be a program on PATH or a path to one)' });
  });
});

describe('substitutePlaceholders', () => {
  it('replaces in one pass, so a value holding a placeholder stays as written', () => {
    expect(substitutePlaceholders(['{canary}', '{stable}', '{weight}/{stable-weight}', '{"json": 1}', '{}'], { canaryWeight: 0, canary: '{stable}', stable: '{weight}' })).toEqual(['{stable}', '{weight}', '0/100', '{"json": 1}', '{}']);
  });
});
