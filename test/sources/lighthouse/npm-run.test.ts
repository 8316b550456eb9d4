import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNpm, npmEnvironment, runNpm } from '../../../src/sources/lighthouse/npm-run.js';

describe('findNpm', () => {
  it('runs npm-cli.js with this node: beside node first (Unix and Windows layouts), then on PATH', () => {
    const unix = '/opt/node/lib/node_modules/npm/bin/npm-cli.js';
    expect(findNpm('/opt/node/bin/node', { PATH: '/usr/bin' }, (f) => f === unix)).toEqual({ file: '/opt/node/bin/node', args: [unix] });
    const onPath = '/usr/local/lib/node_modules/npm/bin/npm-cli.js';
    expect(findNpm('/runner/externals/node24/bin/node', { PATH: '/usr/local/bin' }, (f) => f === onPath)).toEqual({ file: '/runner/externals/node24/bin/node', args: [onPath] });
    expect(findNpm('/x/node', { PATH: '' }, () => false)).toBeNull();
  });
});

describe('npmEnvironment', () => {
  it("drops the step's inputs and the runner's credentials, keeps what reaches a registry", () => {
    const env = npmEnvironment({
      PATH: '/usr/bin',
      'INPUT_GITHUB-TOKEN': 'ghs_secret',
      input_lowercase: 'x',
      ACTIONS_RUNTIME_TOKEN: 'a',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'b',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'c',
      ACTIONS_RESULTS_URL: 'd',
      ACTIONS_CACHE_URL: 'e',
      ACTIONS_RUNTIME_URL: 'f',
      NODE_AUTH_TOKEN: 'npm_token',
      npm_config_registry: 'https://npm.example.internal/',
      HTTPS_PROXY: 'http://proxy:3128',
      NO_PROXY: 'localhost',
      RUNNER_TEMP: '/t',
    });
    expect(env).toEqual({ PATH: '/usr/bin', NODE_AUTH_TOKEN: 'npm_token', npm_config_registry: 'https://npm.example.internal/', HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost', RUNNER_TEMP: '/t' });
  });
});

describe('runNpm', () => {
  const script = async (source: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-npm-run-'));
    await writeFile(path.join(dir, 'npm-cli.cjs'), source);
    return { file: process.execPath, args: [path.join(dir, 'npm-cli.cjs')] };
  };

  it('is stopped at its deadline, and says so rather than what it printed', async () => {
    const npm = await script("process.stderr.write('npm warn still fetching\\n'); setInterval(() => {}, 1000);");
    expect(await runNpm(npm, [], {}, 500)).toEqual({ ok: false, error: { kind: 'deadline', timeoutMs: 500 } });
  });

  it("reads npm's cause from its stderr; an exit with no word from npm, or a node that cannot start, is named too", async () => {
    const failing = await script("process.stderr.write('npm error code E404\\nnpm error 404 Not Found - GET https://r.example/x.tgz\\nnpm error A complete log of this run can be found in: /x.log\\n'); process.exit(1);");
    expect(await runNpm(failing, [], {}, 30_000)).toEqual({ ok: false, error: { kind: 'npm', exitCode: 1, failure: { kind: 'not-found', code: 'E404', detail: 'Not Found - GET https://r.example/x.tgz', path: null } } });
    const silent = await script('process.exit(3);');
    expect(await runNpm(silent, [], {}, 30_000)).toEqual({ ok: false, error: { kind: 'npm', exitCode: 3, failure: { kind: 'other', code: null, detail: 'exited with code 3', path: null } } });
    const missing = await runNpm({ file: '/nonexistent/node', args: [] }, [], {}, 30_000);
    expect(missing).toMatchObject({ ok: false, error: { kind: 'npm', failure: { kind: 'other', detail: expect.stringMatching(/^ENOENT: /) } } });
    const fine = await script("process.stderr.write('npm warn deprecated x@1: old\\n');");
    expect(await runNpm(fine, [], {}, 30_000)).toEqual({ ok: true, value: undefined });
  });
});
