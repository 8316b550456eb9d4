import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/actions/gate-checks/main.js';
import { noteSecret } from '../../../src/sources/secret-registry.js';

/**
 * gate-checks in process, as the bundle runs it: a failing `command` check
 * prints 30 lines, every third on stderr, and each one is in the step's log,
 * in the order it was printed, as it was printed. The script waits, after
 * each line, until the log has shown it (the log writes an acknowledgement
 * file), so the order asserted is the order of arrival, not a race between
 * two pipes.
 */
const SECRET = 'deploy-secret-value-42';
const CHILD = `
const fs = require('node:fs');
const ack = process.argv[1];
const shown = () => Number(fs.readFileSync(ack, 'utf8') || '0');
for (let i = 1; i <= 30; i++) {
  const toStderr = i % 3 === 0;
  fs.writeSync(toStderr ? 2 : 1, 'line ' + i + (toStderr ? ' on stderr' : '') + (i === 7 ? ' token ' + process.env.DEPLOY_TOKEN : '') + (i === 8 ? ' ::error::forged' : '') + '\\n');
  while (shown() < i) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}
process.exit(1);
`;

let dir: string;
let log: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-command-log-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('gate-checks: a command check streams its output to the log', () => {
  it('shows all 30 lines of a failing script, in the order printed, stdout and stderr interleaved, secrets masked, no workflow command', async () => {
    const ack = path.join(dir, 'ack');
    await writeFile(ack, '0');
    // JSON is YAML: the script goes in as one string argument.
    await writeFile(path.join(dir, 'gates.yml'), JSON.stringify({ checks: { long: { type: 'command', run: [process.execPath, '-e', CHILD, ack], timeout: '10s', env: { DEPLOY_TOKEN: SECRET } } } }));
    for (const [name, value] of Object.entries({ INPUT_POLICY: 'gates.yml', 'INPUT_FAIL-ON-NO-GO': 'false', GITHUB_WORKSPACE: dir, RUNNER_TEMP: dir, GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') })) {
      vi.stubEnv(name, value);
    }
    await writeFile(path.join(dir, 'output'), '');
    await writeFile(path.join(dir, 'summary'), '');
    noteSecret(SECRET);
    log = [];
    let acknowledged = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split(/\r?\n/).filter(Boolean)) {
        log.push(line);
        if (/^\[long\] line \d+/.test(line)) writeFileSync(ack, String(++acknowledged));
      }
      return true;
    });

    await run();

    vi.restoreAllMocks();
    const streamed = log.filter((line) => line.startsWith('[long] '));
    const expected = Array.from({ length: 30 }, (_, i) => {
      const n = i + 1;
      const text = `line ${n}${n % 3 === 0 ? ' on stderr' : ''}${n === 7 ? ' token ***' : ''}${n === 8 ? ' :\u200b:error:\u200b:forged' : ''}`;
      return `[long] ${text}`;
    });
    // First the command, on one line, then what it printed.
    expect(streamed[0]).toMatch(new RegExp(`^\\[long\\] \\$ ${process.execPath} -e '.*' ${ack}$`));
    expect(streamed.slice(1)).toEqual(expected);
    // Only the runner is told the secret, to mask it too.
    expect(log.filter((line) => line.includes(SECRET))).toEqual([`::add-mask::${SECRET}`]);
    expect(log.some((line) => line.startsWith('::error::forged'))).toBe(false);
    // The verdict still has the tail: the last 20 lines, and the last line in its message.
    const report = JSON.parse(await readFile(path.join(dir, 'rollout-guard', 'gate-checks-report.json'), 'utf8')) as { decision: string; checks: { message: string; evidence: { outputTail: string[] } }[] };
    expect(report.decision).toBe('no-go');
    expect(report.checks[0]?.evidence.outputTail).toHaveLength(20);
    expect(report.checks[0]?.message).toMatch(/exited with 1 \(expected 0\) after .*: line 30 on stderr$/);
  });
});
