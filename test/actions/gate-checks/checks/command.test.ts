import { mkdtemp, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { commandCheck } from '../../../../src/actions/gate-checks/checks/command.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';

const node = process.execPath;
let environment: CheckEnvironment;
beforeAll(async () => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-command-check-'));
  await mkdir(path.join(workspace, 'app'));
  environment = { workspace, now: new Date('2026-11-24T10:00:00Z'), override: false, env: { PATH: process.env.PATH, FROM_RUNNER: 'runner' } };
});

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'smoke', type: 'command', level: 'required', entry: { type: 'command', ...entry } });
const evaluate = async (entry: Record<string, unknown>) => (await evaluateCheck(spec(entry), commandCheck, environment)).report;

describe('command check', () => {
  it('passes on exit 0 and records duration and output', async () => {
    const report = await evaluate({ run: [node, '-e', 'console.log("smoke ok")'] });
    expect(report.status).toBe('pass');
    expect(report.value).toBe(0);
    expect(report.message).toMatch(/^`\S+ -e 'console.log\("smoke ok"\)'` exited with 0 in \d+(ms|s)/);
    expect(report.evidence).toMatchObject({ exitCode: 0, signal: null, timedOut: false, expectExit: [0], outputTail: ['smoke ok'], cwd: '.' });
    expect((report.evidence.measurements as Record<string, unknown>)['exit-code']).toBe(0);
  });

  it('fails with the exit code and the last line of output', async () => {
    const report = await evaluate({ run: [node, '-e', 'console.log("GET /health"); console.error("expected 200, got 503"); process.exit(2)'] });
    expect(report.status).toBe('fail');
    expect(report.value).toBe(2);
    expect(report.message).toMatch(/exited with 2 \(expected 0\) after \d+(ms|s): expected 200, got 503$/);
    expect(report.evidence.outputTail).toEqual(['GET /health', 'expected 200, got 503']);
  });

  it('accepts the codes in expect-exit', async () => {
    expect((await evaluate({ run: [node, '-e', 'process.exit(3)'], 'expect-exit': [0, 3] })).status).toBe('pass');
  });

  it('runs in cwd with env added to the runner environment', async () => {
    const report = await evaluate({ run: [node, '-e', 'console.log(process.cwd().endsWith("app"), process.env.FROM_RUNNER, process.env.TARGET)'], cwd: 'app', env: { TARGET: 'staging' } });
    expect(report.evidence.outputTail).toEqual(['true runner staging']);
    expect(report.evidence.cwd).toBe('app');
  });

  it('fails on timeout, saying the process tree was killed', async () => {
    const report = await evaluate({ run: [node, '-e', 'console.log("waiting"); setInterval(() => {}, 1000)'], timeout: '500ms' });
    expect(report.status).toBe('fail');
    expect(report.message).toMatch(/timed out after 500ms; killed it and its child processes: waiting$/);
    expect(report.evidence).toMatchObject({ timedOut: true, exitCode: null });
  });

  it('holds duration-ms to a threshold', async () => {
    const report = await evaluate({ run: [node, '-e', ''], 'max-duration-ms': '0ms' });
    expect(report.status).toBe('fail');
    expect(report.message).toMatch(/exited with 0 in .*; duration-ms \d+ ms > max-duration-ms 0 ms$/);
  });

  it('fails with one line when the program does not exist', async () => {
    expect(await evaluate({ run: ['smoke-test-that-is-not-there'] })).toMatchObject({
      status: 'fail',
      message: 'command not found: smoke-test-that-is-not-there (it runs without a shell, so it must be a program on PATH or a path to one)',
    });
  });

  it('refuses a string, since it would need a shell', async () => {
    expect(await evaluate({ run: 'npm run smoke && echo ok' })).toMatchObject({
      status: 'error',
      message:
        'check `smoke`: `run` must be a list of arguments such as [npm, run, smoke], got the string "npm run smoke && echo ok"; commands never go through a shell, so give the program and each argument as list items',
    });
  });

  it('names each bad key', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'check `smoke`: `run` must be a non-empty list: the program, then its arguments, e.g. [npm, run, smoke]'],
      [{ run: [] }, 'check `smoke`: `run` must be a non-empty list: the program, then its arguments, e.g. [npm, run, smoke]'],
      [{ run: ['npm', { x: 1 }] }, 'check `smoke`: `run` must be a non-empty list: the program, then its arguments, e.g. [npm, run, smoke]'],
      [{ run: ['true'], timeout: 'later' }, 'check `smoke`: `timeout`: got "later"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)'],
      [{ run: ['true'], timeout: 0 }, 'check `smoke`: `timeout`: must be more than 0'],
      [{ run: ['true'], env: ['A=1'] }, 'check `smoke`: `env` must be a mapping of names to values, got ["A=1"]'],
      [{ run: ['true'], 'expect-exit': 'zero' }, 'check `smoke`: `expect-exit` must be an exit code or a list of them (0–255), got "zero"'],
      [{ run: ['true'], cwd: 'nope' }, `cwd ${path.join(environment.workspace, 'nope')} is not a folder`],
    ];
    for (const [entry, message] of cases) expect(await evaluate(entry)).toMatchObject({ status: 'error', message });
  });
});
