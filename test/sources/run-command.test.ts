import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamCommandOutput } from '../../src/sources/command-output.js';
import { commandPlatformProblem } from '../../src/sources/command-platform.js';
import { formatCommand, runCommand } from '../../src/sources/run-command.js';

const env = { PATH: process.env.PATH ?? '' };
const node = process.execPath;
const run = (script: string, timeoutMs = 30_000) => runCommand({ argv: [node, '-e', script], cwd: os.tmpdir(), env, timeoutMs, killGraceMs: 200 });

/** Running, and not a zombie waiting for an init that may not reap it. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Signals are delivered asynchronously: give the grandchild up to 5 s to go. */
async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isRunning(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isRunning(pid);
}

describe('runCommand', () => {
  it('reports exit code and interleaved output tail', async () => {
    const result = await run('console.log("one"); console.error("two"); process.exitCode = 3');
    expect(result.ok && [result.value.exitCode, result.value.signal, result.value.timedOut, result.value.tail]).toEqual([3, null, false, ['one', 'two']]);
  });

  it('keeps the last 20 lines', async () => {
    const result = await run('for (let i = 1; i <= 50; i++) console.log("line " + i)');
    expect(result.ok && result.value.tail).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 31}`));
  });

  it('passes arguments verbatim, with no shell to expand them', async () => {
    const result = await runCommand({ argv: [node, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '$HOME', '; rm -rf /', '`id`'], cwd: os.tmpdir(), env, timeoutMs: 30_000 });
    expect(result.ok && result.value.tail).toEqual(['["$HOME","; rm -rf /","`id`"]']);
  });

  it('kills the whole process tree on timeout', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-cmd-'));
    const pidFile = path.join(dir, 'grandchild.pid');
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(grandchild.pid));
      console.log('started');
      setInterval(() => {}, 1000);`;
    const result = await run(script, 1_000);
    expect(result.ok && [result.value.timedOut, result.value.exitCode, result.value.tail]).toEqual([true, null, ['started']]);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(await waitUntilGone(grandchild)).toBe(true);
  });

  it('is a missing fault naming a program that does not exist', async () => {
    expect(await runCommand({ argv: ['no-such-program-rg'], cwd: os.tmpdir(), env, timeoutMs: 1_000 })).toEqual({
      ok: false,
      error: { kind: 'missing', message: 'command not found: no-such-program-rg (it runs without a shell, so it must be a program on PATH or a path to one)' },
    });
  });

  it('is a config fault for a file that is not executable, and for a missing cwd', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-cmd-'));
    const script = path.join(dir, 'smoke.sh');
    await writeFile(script, '#!/bin/sh\nexit 0\n');
    await chmod(script, 0o644);
    expect(await runCommand({ argv: [script], cwd: dir, env, timeoutMs: 1_000 })).toEqual({
      ok: false,
      error: { kind: 'config', message: `cannot run ${script}: permission denied (EACCES); is it executable?` },
    });
    expect(await runCommand({ argv: [node], cwd: path.join(dir, 'nope'), env, timeoutMs: 1_000 })).toEqual({
      ok: false,
      error: { kind: 'config', message: `cwd ${path.join(dir, 'nope')} is not a folder` },
    });
  });
});

describe('the child environment', () => {
  it('withholds every INPUT_*, the runner tokens and its command files, and keeps the rest', async () => {
    const given = {
      PATH: process.env.PATH ?? '',
      'INPUT_GITHUB-TOKEN': 'ghs_secret',
      'INPUT_SLACK-WEBHOOK': 'https://hooks.slack.com/services/T/B/x',
      input_lower: 'also an input',
      ACTIONS_RUNTIME_TOKEN: 'runtime',
      ACTIONS_RUNTIME_URL: 'https://pipelines.example/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/',
      ACTIONS_CACHE_URL: 'https://cache.example/',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      GITHUB_ENV: '/tmp/env',
      GITHUB_OUTPUT: '/tmp/out',
      GITHUB_PATH: '/tmp/path',
      GITHUB_STATE: '/tmp/state',
      GITHUB_STEP_SUMMARY: '/tmp/summary',
      GITHUB_SHA: 'abc',
      DEPLOY_TOKEN: 'given on purpose',
    };
    const result = await runCommand({ argv: [node, '-e', 'console.log(Object.keys(process.env).sort().join(","))'], cwd: os.tmpdir(), env: given, timeoutMs: 30_000 });
    const seen = (result.ok && result.value.tail[0]?.split(',')) || [];
    expect(seen.filter((name) => name !== 'LD_LIBRARY_PATH' && name !== '__CF_USER_TEXT_ENCODING')).toEqual(['DEPLOY_TOKEN', 'GITHUB_SHA', 'PATH']);
  });
});

describe('runCommand: output line by line', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

  /** What the installed writer was given: one `open` per command, then its lines. */
  function capture(): string[] {
    const seen: string[] = [];
    stop = streamCommandOutput((label, argv) => {
      seen.push(`open ${label} ${argv.length}`);
      return { line: (text) => void seen.push(text) };
    });
    return seen;
  }

  it('passes every line on, not only the tail, and drops the empty line of a trailing newline', async () => {
    const seen = capture();
    const result = await runCommand({ argv: [node, '-e', 'for (let i = 1; i <= 30; i++) console.log("line " + i)'], cwd: os.tmpdir(), env, timeoutMs: 30_000, label: 'many' });
    expect(seen).toEqual(['open many 3', ...Array.from({ length: 30 }, (_, i) => `line ${i + 1}`)]);
    expect(result.ok && result.value.tail).toHaveLength(20);
  });

  it('splits CRLF, keeps a last line without a break, and decodes a character split across writes', async () => {
    const seen = capture();
    const script = 'const b = Buffer.from("é\\n"); process.stdout.write("a\\r\\n"); process.stdout.write(b.subarray(0, 1)); setTimeout(() => { process.stdout.write(b.subarray(1)); process.stdout.write("last"); }, 50)';
    const result = await runCommand({ argv: [node, '-e', script], cwd: os.tmpdir(), env, timeoutMs: 30_000 });
    expect(seen).toEqual([`open ${path.basename(node)} 3`, 'a', 'é', 'last']);
    expect(result.ok && result.value.tail).toEqual(['a', 'é', 'last']);
  });
});

describe('runCommand on a Windows runner', () => {
  it('says which runners run commands, naming what asked for one', () => {
    expect(commandPlatformProblem('input `rollback-command`', 'win32')).toBe(
      'input `rollback-command` runs a command, and rollout-guard runs commands on Linux and macOS runners only, not on Windows: run this job on ubuntu-latest or macos-latest',
    );
    expect(commandPlatformProblem('input `rollback-command`', 'linux')).toBeNull();
    expect(commandPlatformProblem('input `rollback-command`', 'darwin')).toBeNull();
  });

  it('refuses to start a command there, before spawning anything', async () => {
    const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...real, value: 'win32' });
    try {
      const result = await runCommand({ argv: ['vercel', 'promote'], cwd: os.tmpdir(), env, timeoutMs: 1_000 });
      expect(result).toEqual({ ok: false, error: { kind: 'config', message: expect.stringMatching(/^`vercel promote` runs a command, and rollout-guard runs commands on Linux and macOS runners only/) as unknown } });
    } finally {
      Object.defineProperty(process, 'platform', real);
    }
  });
});

describe('formatCommand', () => {
  it('quotes arguments a reader could misread', () => {
    expect(formatCommand(['npm', 'run', 'smoke', '--', '--url', 'https://x y', "it's", ''])).toBe(`npm run smoke -- --url 'https://x y' 'it'\\''s' ''`);
  });
});
