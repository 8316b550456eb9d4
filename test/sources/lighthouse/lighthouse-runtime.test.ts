import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { findNpm, installLighthouse, loadLighthouse, npmInstallArgs, useExistingInstall } from '../../../src/sources/lighthouse/lighthouse-runtime.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

/**
 * A stand-in for npm-cli.js: records its arguments and "installs" by writing
 * the two package.json files npm would, or fails as npm does. The real
 * install (npm from the registry) is measured in the closing note, not here:
 * tests reach no registry.
 */
const FAKE_NPM = `
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_NPM_LOG, JSON.stringify(args) + '\\n');
if (process.env.FAKE_NPM_FAIL) { process.stderr.write('npm warn Unknown user config "nodedir"\\nnpm error code E404\\nnpm error 404 Not Found - GET https://registry.npmjs.org/lighthouse\\n'); process.exit(1); }
const prefix = args[args.indexOf('--prefix') + 1];
for (const [name, version] of [['lighthouse', process.env.FAKE_NPM_VERSION || '12.8.2'], ['chrome-launcher', '1.2.1']]) {
  fs.mkdirSync(path.join(prefix, 'node_modules', name), { recursive: true });
  fs.writeFileSync(path.join(prefix, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
}
`;

let dir: string;
let log: string;
let npm: { file: string; args: string[] };
const calls = async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lh-runtime-'));
  log = path.join(dir, 'npm.log');
  await writeFile(path.join(dir, 'npm-cli.cjs'), FAKE_NPM);
  npm = { file: process.execPath, args: [path.join(dir, 'npm-cli.cjs')] };
});

describe('installLighthouse', () => {
  it('installs the pinned lockfile with npm, no shell and no install scripts, then reuses it', async () => {
    const env = { ...process.env, FAKE_NPM_LOG: log };
    const root = path.join(dir, 'temp');
    const prefix = path.join(root, 'lighthouse-12.8.2');
    expect(await installLighthouse(root, npm, env)).toEqual({ ok: true, value: { modules: path.join(prefix, 'node_modules'), version: '12.8.2', source: 'installed' } });
    expect(await calls()).toEqual([['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']]);
    expect(npmInstallArgs(prefix)).toEqual((await calls())[0]);
    const manifest = JSON.parse(await readFile(path.join(prefix, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies).toEqual({ 'chrome-launcher': '1.2.1', lighthouse: '12.8.2' });
    const lock = JSON.parse(await readFile(path.join(prefix, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    expect(lock.packages['node_modules/lighthouse']!.version).toBe('12.8.2');

    expect(await installLighthouse(root, npm, env)).toMatchObject({ ok: true, value: { source: 'reused' } });
    expect(await calls()).toHaveLength(1);
  });

  it('says what npm said, in one line, and how to avoid the install', async () => {
    const installed = await installLighthouse(path.join(dir, 'temp'), npm, { ...process.env, FAKE_NPM_LOG: log, FAKE_NPM_FAIL: '1' });
    expect(installed).toEqual({
      ok: false,
      error: `could not install Lighthouse 12.8.2 with npm into ${path.join(dir, 'temp', 'lighthouse-12.8.2')}: npm error 404 Not Found - GET https://registry.npmjs.org/lighthouse; set input \`lighthouse-path\` to a folder where lighthouse and chrome-launcher are installed`,
    });
  });

  it('refuses an install that is not the pinned version, and a machine without npm', async () => {
    const wrong = await installLighthouse(path.join(dir, 'temp'), npm, { ...process.env, FAKE_NPM_LOG: log, FAKE_NPM_VERSION: '11.0.0' });
    expect(wrong.ok ? '' : wrong.error).toMatch(/has lighthouse 11\.0\.0, not 12\.8\.2; set input `lighthouse-path`/);
    expect(await installLighthouse(path.join(dir, 'other'), null, process.env)).toEqual({
      ok: false,
      error: 'cannot install Lighthouse 12.8.2: no npm found beside node or on PATH; set input `lighthouse-path` to a folder where lighthouse and chrome-launcher are installed',
    });
  });
});

describe('findNpm', () => {
  it('runs npm-cli.js with this node: beside node first (Unix and Windows layouts), then on PATH', () => {
    const unix = '/opt/node/lib/node_modules/npm/bin/npm-cli.js';
    expect(findNpm('/opt/node/bin/node', { PATH: '/usr/bin' }, (f) => f === unix)).toEqual({ file: '/opt/node/bin/node', args: [unix] });
    const onPath = '/usr/local/lib/node_modules/npm/bin/npm-cli.js';
    expect(findNpm('/runner/externals/node24/bin/node', { PATH: '/usr/local/bin' }, (f) => f === onPath)).toEqual({ file: '/runner/externals/node24/bin/node', args: [onPath] });
    expect(findNpm('/x/node', { PATH: '' }, () => false)).toBeNull();
  });
});

describe('useExistingInstall and loadLighthouse', () => {
  it('uses the repository\'s own Lighthouse, given the project folder or its node_modules', async () => {
    const modules = path.join(REPO_ROOT, 'node_modules');
    expect(await useExistingInstall(REPO_ROOT)).toEqual({ ok: true, value: { modules, version: '12.8.2', source: 'lighthouse-path' } });
    expect(await useExistingInstall(modules)).toMatchObject({ ok: true, value: { modules } });
    const api = await loadLighthouse({ modules, version: '12.8.2', source: 'lighthouse-path' });
    expect(api).toMatchObject({
      ok: true,
      value: {
        version: '12.8.2',
        modules,
        entries: { lighthouse: pathToFileURL(path.join(modules, 'lighthouse/core/index.js')).href, desktopConfig: pathToFileURL(path.join(modules, 'lighthouse/core/config/desktop-config.js')).href },
        Launcher: expect.any(Function),
      },
    });
  });

  it('names the folders it looked in', async () => {
    expect(await useExistingInstall(dir)).toEqual({ ok: false, error: `input \`lighthouse-path\`: no lighthouse package in ${path.join(dir, 'node_modules')} or ${dir}` });
    expect(await loadLighthouse({ modules: dir, version: '12.8.2', source: 'lighthouse-path' })).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`^cannot load Lighthouse from ${dir}: `)) });
  });
});
