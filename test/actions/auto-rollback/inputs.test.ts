import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULTS, healthRule, readRollbackInputs } from '../../../src/actions/auto-rollback/inputs.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

/** The inputs of actions/auto-rollback/action.yml: defaults from the runbooks, every mistake at once. */
const context = { workspace: '/srv/app', env: { GITHUB_SHA: 'abc123' } };
const read = (inputs: Record<string, string>) => readRollbackInputs((name) => inputs[name] ?? '', context);
const BASE = { analysis: 'analysis.yml', 'traffic-command': '["./set-weight.sh", "{weight}"]' };

describe('auto-rollback inputs', () => {
  it('defaults follow the runbooks: 15m watch, more than 3 health failures in 5 minutes, 5m outage budget', () => {
    const inputs = read(BASE);
    expect(inputs).toMatchObject({
      analysis: 'analysis.yml',
      durationMs: 15 * 60_000,
      intervalMs: undefined,
      health: { urls: [], expectedStatus: [200], timeoutMs: 10_000, maxFailures: 3, windowMs: 5 * 60_000 },
      force: false,
      state: null,
      environment: 'production',
      version: 'abc123',
      rollbackCommand: null,
      verifyTimeoutMs: 120_000,
      maxMetricsOutageMs: 300_000,
      createIssue: false,
    });
    expect(inputs.trafficTarget?.describe()).toBe('command ./set-weight.sh {weight}');
    expect(healthRule(inputs.health, 60_000)).toEqual({ kind: 'n-of-m', n: 4, m: 5 });
  });

  it('reads what the runner passes: every action.yml default set, and they agree with the code', () => {
    const metadata = parse(readFileSync(path.join(REPO_ROOT, 'actions/auto-rollback/action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    const defaults = Object.fromEntries(Object.entries(metadata.inputs).map(([name, input]) => [name, input.default ?? '']));
    // A default on a traffic target's input would make that target look configured; they stay empty.
    const inputs = read({ ...defaults, ...BASE });
    expect(inputs.trafficTarget?.kind).toBe('command');
    expect(inputs).toEqual(read(BASE));
    expect(defaults).toMatchObject({ duration: DEFAULTS.duration, window: DEFAULTS.window, 'verify-timeout': DEFAULTS.verifyTimeout, 'health-timeout': DEFAULTS.healthTimeout });
  });

  it('reads a one-shot health watch with a rollback command and GitHub state', () => {
    const inputs = read({
      duration: '0',
      'health-urls': 'https://app.example.com/healthz\n# the API too\nhttps://api.example.com/health',
      'expected-status': '2xx',
      // A one-shot watch makes one check per URL: only a rule of one failure can fire (see the timing tests).
      'max-failures': '0',
      'rollback-command': '["vercel", "rollback", "--yes"]',
      'github-token': 'ghs_x',
      version: 'v2',
    });
    expect(inputs).toMatchObject({ durationMs: 0, state: { kind: 'github' }, rollbackCommand: ['vercel', 'rollback', '--yes'], trafficTarget: null, version: 'v2' });
    expect(inputs.health.urls).toEqual(['https://app.example.com/healthz', 'https://api.example.com/health']);
    expect(inputs.health.expectedStatus).toHaveLength(100);
  });

  it('counts the health window in checks, never fewer than the failures it needs', () => {
    expect(healthRule({ urls: [], expectedStatus: [200], timeoutMs: 1, maxFailures: 3, windowMs: 10_000 }, 1_000)).toEqual({ kind: 'n-of-m', n: 4, m: 10 });
    expect(healthRule({ urls: [], expectedStatus: [200], timeoutMs: 1, maxFailures: 3, windowMs: 2_000 }, 1_000)).toEqual({ kind: 'n-of-m', n: 4, m: 4 });
  });

  it('names every bad input at once, never repeating a webhook URL', () => {
    expect(() =>
      read({
        duration: 'forever',
        interval: '0s',
        'health-urls': 'app.example.com/healthz',
        'expected-status': 'ok',
        'max-failures': '-1',
        force: 'maybe',
        state: 'redis',
        'rollback-command': '["./rollback.sh", "{versoin}"]',
        'slack-webhook': 'hooks.slack.com/services/T/B/secret',
        'create-issue': 'true',
      }),
    ).toThrow(
      [
        'input `duration`: got "forever"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)',
        'input `interval` must be more than 0, got `0s`',
        'input `force` must be true or false, got `maybe`',
        'input `health-urls`: each line must be one http:// or https:// URL, got `app.example.com/healthz`',
        'input `expected-status`: got `ok`; expected HTTP statuses such as 200, 200,204 or 2xx',
        'input `max-failures`: got "-1"; expected a whole number such as 0 or 12',
        'input `state` must be `github` or `file:<path>` (e.g. file:.rollout-guard/state.json), got `redis`',
        'input `rollback-command`: unknown placeholder `{versoin}` in item 2; accepted: {version}, {stable}, {environment}, {reason}',
        'input `slack-webhook` must be an http:// or https:// URL',
        'input `create-issue` is true but no `github-token` was given (it needs `issues: write`)',
      ].join('; '),
    );
  });

  it('refuses a watch that could not roll anything back, or has nothing to watch', () => {
    expect(() => read({ analysis: 'analysis.yml' })).toThrow(
      'nothing to roll back with: give `traffic-command` or `traffic-target` (put traffic back on the stable version), `rollback-target` (the platform restores its last good deployment), or `rollback-command`',
    );
    expect(() => read({ 'traffic-command': '["x"]' })).toThrow('nothing to watch: give `analysis` (metrics) or `health-urls`, or `force: true` to roll back at once');
    expect(read({ 'traffic-command': '["x"]', force: 'true', reason: 'checkout broken' })).toMatchObject({ force: true, reason: 'checkout broken' });
  });

  it('passes the traffic target’s own problems through', () => {
    expect(() => read({ analysis: 'a.yml', 'traffic-target': 'nginx', 'upstream-name': 'app' })).toThrow(
      'input `upstream-file` is required with traffic-target nginx; input `stable-server` is required with traffic-target nginx; input `canary-server` is required with traffic-target nginx',
    );
  });

  it('min-coverage is a share from 0% to 100%, kept exactly as written', () => {
    expect(read(BASE).minCoverage).toEqual({ exact: { n: 1n, d: 2n }, text: '50%' });
    expect(read({ ...BASE, 'min-coverage': '0.7%' }).minCoverage).toEqual({ exact: { n: 7n, d: 1000n }, text: '0.7%' });
    expect(() => read({ ...BASE, 'min-coverage': '150%' })).toThrow('input `min-coverage` must be a share from 0% to 100% such as 50%, got `150%`');
  });

  it('refuses durations a timer cannot wait, and sensible-looking timings that cannot watch', () => {
    expect(() => read({ ...BASE, duration: '25d' })).toThrow('input `duration`: 25d is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms)');
    expect(read({ ...BASE, duration: '24d' }).durationMs).toBe(24 * 86_400_000);
    expect(() => read({ 'traffic-command': '["x"]', 'health-urls': 'https://app/healthz', interval: '1m', duration: '0' })).toThrow(/^input `max-failures`: 3 means a health URL rolls back after 4 failed checks/);
    // With the interval from the analysis file, the guard checks once the file is loaded.
    expect(read({ ...BASE, duration: '30s' }).intervalMs).toBeUndefined();
    expect(() => read({ 'traffic-command': '["x"]', 'health-urls': 'https://app/healthz', 'max-failures': '0', duration: '30s' })).toThrow('the default `interval` (1m) is longer than `duration` (30s)');
  });

  it('never repeats a health URL’s credentials in a message', () => {
    expect(() => read({ ...BASE, 'health-urls': 'ftp://alice:hunter2@app/healthz?token=s3cr3t' })).toThrow('input `health-urls`: each line must be one http:// or https:// URL, got `ftp://***@app/healthz?token=***`');
  });
});
