import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRollbackInputs } from '../../src/actions/auto-rollback/inputs.js';
import { commandCheck } from '../../src/actions/gate-checks/checks/command.js';
import { evaluateCheck } from '../../src/actions/gate-checks/evaluate-check.js';
import { createTrafficTarget } from '../../src/targets/registry.js';

/**
 * On a Windows runner every input that names a command is refused when it
 * is read, with one line naming it, before anything runs or moves; the
 * platform is injected by overriding `process.platform` for each test.
 */
const REFUSAL = 'runs a command, and rollout-guard runs commands on Linux and macOS runners only, not on Windows: run this job on ubuntu-latest or macos-latest';
const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
const context = { workspace: os.tmpdir(), env: { GITHUB_SHA: 'abc123' } };

beforeEach(() => Object.defineProperty(process, 'platform', { ...real, value: 'win32' }));
afterEach(() => Object.defineProperty(process, 'platform', real));

describe('on a Windows runner', () => {
  it('canary-promote and auto-rollback refuse traffic-command and the nginx target, naming the input', () => {
    const target = (inputs: Record<string, string>) => createTrafficTarget((name) => inputs[name] ?? '', context);
    expect(target({ 'traffic-command': '["./set-weight.sh", "{weight}"]' })).toEqual({ ok: false, error: { kind: 'config', message: `input \`traffic-command\` ${REFUSAL}` } });
    const nginx = { 'traffic-target': 'nginx', 'upstream-file': 'u.conf', 'upstream-name': 'app', 'stable-server': '127.0.0.1:1', 'canary-server': '127.0.0.1:2' };
    expect(target(nginx)).toEqual({ ok: false, error: { kind: 'config', message: `traffic-target \`nginx\` (\`nginx -t\`, \`nginx -s reload\`) ${REFUSAL}` } });
  });

  it('targets that run no command still work there', () => {
    const vercel = createTrafficTarget((name) => ({ 'traffic-target': 'vercel', 'vercel-token': 'tok', 'vercel-project': 'shop' })[name] ?? '', context);
    expect(vercel.ok && vercel.value?.kind).toBe('vercel');
  });

  it('auto-rollback refuses rollback-command when its inputs are read', () => {
    const read = () => readRollbackInputs((name) => ({ 'health-urls': 'https://shop.example/healthz', 'rollback-command': '["./rollback.sh", "{version}"]' })[name] ?? '', context);
    expect(read).toThrow(`input \`rollback-command\` ${REFUSAL}`);
  });

  it('gate-checks refuses a command check, naming the check', async () => {
    const spec = { name: 'smoke', type: 'command', level: 'required' as const, entry: { type: 'command', run: ['npm', 'run', 'smoke'] } };
    const { report } = await evaluateCheck(spec, commandCheck, { workspace: os.tmpdir(), now: new Date(), override: false, env: {} });
    expect([report.status, report.message]).toEqual(['error', `check \`smoke\`: type \`command\` ${REFUSAL}`]);
  });
});
