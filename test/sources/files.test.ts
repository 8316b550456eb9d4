import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFiles, readJson, readText, resolveReadPath, setReadRoots } from '../../src/sources/files.js';

/**
 * The workspace rule: user-named paths are read only under the read roots,
 * symlinks resolved; and a file that is not JSON is named with a line and
 * column, never quoted.
 */
let base: string;
let workspace: string;
let temp: string;
let outside: string;
let roots: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rg-files-'));
  [workspace, temp, outside] = ['ws', 'runner-temp', 'outside'].map((name) => path.join(base, name)) as [string, string, string];
  for (const dir of [path.join(workspace, 'reports', 'nested'), temp, path.join(outside, 'dir')]) await mkdir(dir, { recursive: true });
  await writeFile(path.join(outside, 'secret.json'), '{"secret": "outside-content"}');
  await writeFile(path.join(outside, 'dir', 'leak.xml'), '<x/>');
  await writeFile(path.join(workspace, 'reports', 'ok.json'), '{"fine": true}');
  await writeFile(path.join(workspace, 'reports', 'nested', 'a.xml'), '<a/>');
  await writeFile(path.join(workspace, 'reports', 'passwd.json'), 'root:x:0:0:root:/root:/bin/bash\n');
  await writeFile(path.join(temp, 'from-earlier-step.json'), '[1]');
  await symlink(path.join(outside, 'secret.json'), path.join(workspace, 'reports', 'link.json'));
  await symlink(path.join(outside, 'dir'), path.join(workspace, 'reports', 'linked'));
  await symlink(path.join(workspace, 'reports', 'ok.json'), path.join(workspace, 'inside-link.json'));
  setReadRoots([
    { name: 'GITHUB_WORKSPACE', path: workspace },
    { name: 'RUNNER_TEMP', path: temp },
  ]);
  roots = `files are read only under ${workspace} (GITHUB_WORKSPACE) and ${temp} (RUNNER_TEMP)`;
});
afterAll(() => setReadRoots([{ name: 'the working directory', path: process.cwd() }, { name: 'the temp folder', path: os.tmpdir() }]));

describe('resolveReadPath: the workspace rule', () => {
  it('accepts paths in the workspace and the runner temp folder, and symlinks that stay inside', async () => {
    expect(await resolveReadPath('reports/ok.json', workspace)).toEqual({ ok: true, value: path.join(workspace, 'reports', 'ok.json') });
    expect((await resolveReadPath(path.join(temp, 'from-earlier-step.json'), workspace)).ok).toBe(true);
    expect((await resolveReadPath('inside-link.json', workspace)).ok).toBe(true);
    expect((await resolveReadPath('reports/not-yet-written.json', workspace)).ok).toBe(true);
  });

  it('refuses ../, absolute paths elsewhere and symlinks leading out, naming the path and the roots', async () => {
    expect(await resolveReadPath('../outside/secret.json', workspace)).toEqual({ ok: false, error: { kind: 'config', message: `../outside/secret.json is outside the folders rollout-guard reads: ${roots}` } });
    expect(await resolveReadPath('/etc/passwd', workspace)).toEqual({ ok: false, error: { kind: 'config', message: `/etc/passwd is outside the folders rollout-guard reads: ${roots}` } });
    expect(await resolveReadPath('reports/link.json', workspace)).toEqual({ ok: false, error: { kind: 'config', message: `reports/link.json is outside the folders rollout-guard reads (through a symlink): ${roots}` } });
    // A file that does not exist yet, under a symlinked folder that leads out.
    expect((await resolveReadPath('reports/linked/new.json', workspace)).ok).toBe(false);
  });

  it('is not fooled by a sibling whose name starts with the root’s', async () => {
    await mkdir(`${workspace}-evil`, { recursive: true });
    expect((await resolveReadPath(`${workspace}-evil/x.json`, workspace)).ok).toBe(false);
  });
});

describe('findFiles, readText, readJson', () => {
  it('findFiles refuses a glob that matches a file through a symlinked folder', async () => {
    expect(await findFiles('reports/**/*.xml', workspace)).toEqual({
      ok: false,
      error: { kind: 'config', message: `reports/**/*.xml: reports/linked/leak.xml is outside the folders rollout-guard reads (through a symlink): ${roots}` },
    });
    expect(await findFiles('reports/nested/*.xml', workspace)).toEqual({ ok: true, value: [path.join(workspace, 'reports', 'nested', 'a.xml')] });
  });

  it('findFiles refuses a plain path outside before looking for it', async () => {
    expect(await findFiles('../outside/missing.json', workspace)).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(await findFiles('reports/missing.json', workspace)).toEqual({ ok: false, error: { kind: 'missing', message: 'file not found: reports/missing.json' } });
  });

  it('readText and readJson refuse what lies outside, so readers that resolve paths themselves are covered', async () => {
    expect(await readText(path.join(outside, 'secret.json'))).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(await readJson(path.join(workspace, 'reports', 'link.json'))).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(await readJson(path.join(workspace, 'reports', 'ok.json'))).toEqual({ ok: true, value: { fine: true } });
  });

  it('readJson names the line and column of a file that is not JSON, and never quotes it', async () => {
    const file = path.join(workspace, 'reports', 'passwd.json');
    const read = await readJson(file);
    expect(read).toEqual({ ok: false, error: { kind: 'malformed', message: `${file}:1:1: not valid JSON: expected a value` } });
    expect(JSON.stringify(read)).not.toContain('root:x');
  });
});
