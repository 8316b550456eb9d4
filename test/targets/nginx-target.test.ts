import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrafficTarget } from '../../src/targets/registry.js';
import type { TrafficTarget } from '../../src/targets/traffic-target.js';

/**
 * The nginx target's undo paths, with a stand-in `nginx` whose `-t` and
 * `-s reload` fail on demand (the real nginx is exercised in nginx.test.ts).
 */
let dir: string;
let fakeNginx: string;
const versions = { canary: 'v2', stable: 'v1' };

function nginxTarget(upstreamFile: string, nginxArgs: string[]): TrafficTarget {
  const inputs: Record<string, string> = {
    'traffic-target': 'nginx',
    'upstream-file': upstreamFile,
    'upstream-name': 'app',
    'stable-server': '127.0.0.1:8001',
    'canary-server': '127.0.0.1:8002',
    'nginx-bin': fakeNginx,
    'nginx-args': JSON.stringify(nginxArgs),
  };
  const created = createTrafficTarget((name) => inputs[name] ?? '', { workspace: dir, env: {} });
  if (!created.ok || created.value === null) throw new Error(created.ok ? 'no target' : created.error.message);
  return created.value;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-nginx-target-'));
  fakeNginx = path.join(dir, 'fake-nginx.mjs');
  await writeFile(
    fakeNginx,
    `#!${process.execPath}
const args = process.argv.slice(2);
if (args.includes('-t') && args.includes('--fail-test')) { console.error('nginx: [emerg] unexpected "}" in upstream.conf:3'); console.error('nginx: configuration file nginx.conf test failed'); process.exit(1); }
if (args.includes('reload') && args.includes('--fail-reload')) { console.error('nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)'); process.exit(1); }
console.error(args.includes('-t') ? 'nginx: configuration file nginx.conf test is successful' : 'signalled');
`,
  );
  await chmod(fakeNginx, 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nginx target undo', () => {
  it('writes the file, keeps a backup and reports both steps', async () => {
    const file = path.join(dir, 'ok.conf');
    const target = nginxTarget('ok.conf', []);
    const first = await target.setWeight({ ...versions, canaryWeight: 5 });
    expect(first.ok && first.value.file?.backup).toBeNull();
    const second = await target.setWeight({ ...versions, canaryWeight: 25 });
    expect(second.ok && second.value.file?.backup).toBe(`${file}.bak`);
    expect(await readFile(`${file}.bak`, 'utf8')).toContain('weight=5;');
    expect(await readFile(file, 'utf8')).toContain('weight=25;');
    expect(second.ok && second.value.steps.map((step) => [step.name, step.argv.slice(1), step.outcome?.tail])).toEqual([
      ['nginx -t', ['-t'], ['nginx: configuration file nginx.conf test is successful']],
      ['reload', ['-s', 'reload'], ['signalled']],
    ]);
    expect(await target.currentWeight?.()).toEqual({ ok: true, value: 25 });
  });

  it('swaps the file in whole, keeping its mode and leaving no temp file', async () => {
    const file = path.join(dir, 'mode.conf');
    await writeFile(file, 'upstream app { server 127.0.0.1:8001; }\n');
    await chmod(file, 0o640);
    await nginxTarget('mode.conf', []).setWeight({ ...versions, canaryWeight: 50 });
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).filter((name) => name.startsWith('mode.conf'))).toEqual(['mode.conf', 'mode.conf.bak']);
  });

  it('puts the previous file back when reload fails, as a provider fault', async () => {
    const file = path.join(dir, 'reload.conf');
    await nginxTarget('reload.conf', []).setWeight({ ...versions, canaryWeight: 5 });
    const before = await readFile(file, 'utf8');
    const change = await nginxTarget('reload.conf', ['--fail-reload']).setWeight({ ...versions, canaryWeight: 50 });
    expect(!change.ok && [change.error.kind, change.error.message]).toEqual([
      'provider',
      'nginx upstream app in reload.conf: reload failed: nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory); restored the previous reload.conf; traffic unchanged',
    ]);
    expect(!change.ok && change.error.steps?.map((step) => [step.name, step.outcome?.exitCode])).toEqual([
      ['nginx -t', 0],
      ['reload', 1],
    ]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('removes a first file nginx rejects, since there was nothing to restore', async () => {
    const change = await nginxTarget('first.conf', ['--fail-test']).setWeight({ ...versions, canaryWeight: 5 });
    expect(!change.ok && [change.error.kind, change.error.message]).toEqual([
      'config',
      'nginx upstream app in first.conf: nginx -t failed: nginx: [emerg] unexpected "}" in upstream.conf:3; removed first.conf (there was none before); traffic unchanged',
    ]);
    expect(existsSync(path.join(dir, 'first.conf'))).toBe(false);
  });

  it('reads no weight before the first change, and names a file it cannot read', async () => {
    expect(await nginxTarget('never-written.conf', []).currentWeight?.()).toEqual({ ok: true, value: null });
    await writeFile(path.join(dir, 'other.conf'), 'upstream web { server 10.0.0.1:80; }\n');
    expect(await nginxTarget('other.conf', []).currentWeight?.()).toEqual({ ok: false, error: { kind: 'malformed', message: 'other.conf: no `upstream app { … }` block' } });
  });

  it('says when the nginx program is missing, and leaves the previous file', async () => {
    const file = path.join(dir, 'missing-bin.conf');
    await nginxTarget('missing-bin.conf', []).setWeight({ ...versions, canaryWeight: 5 });
    const inputs: Record<string, string> = { 'traffic-target': 'nginx', 'upstream-file': 'missing-bin.conf', 'upstream-name': 'app', 'stable-server': '127.0.0.1:8001', 'canary-server': '127.0.0.1:8002', 'nginx-bin': '/nonexistent/nginx' };
    const created = createTrafficTarget((name) => inputs[name] ?? '', { workspace: dir, env: {} });
    const change = created.ok && created.value ? await created.value.setWeight({ ...versions, canaryWeight: 50 }) : null;
    expect(change && !change.ok && [change.error.kind, change.error.message]).toEqual([
      'missing',
      'nginx upstream app in missing-bin.conf: nginx -t: command not found: /nonexistent/nginx (it runs without a shell, so it must be a program on PATH or a path to one); restored the previous missing-bin.conf; traffic unchanged',
    ]);
    expect(await readFile(file, 'utf8')).toContain('weight=5;');
  });
});
