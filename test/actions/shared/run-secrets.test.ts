import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeRedactor, Redactor, useRedactor } from '../../../src/actions/shared/redactor.js';
import { protectRun } from '../../../src/actions/shared/run-secrets.js';
import { readCredential } from '../../../src/sources/secret-registry.js';

/** What protectRun told the runner to mask (`::add-mask::…` lines). */
function masksOf(body: () => void): string[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
  body();
  spy.mockRestore();
  return written.flatMap((chunk) => chunk.split(/\r?\n/)).flatMap((line) => (line.startsWith('::add-mask::') ? [line.slice('::add-mask::'.length)] : []));
}

afterEach(() => useRedactor(new Redactor()));

describe('protectRun', () => {
  it('auto-rollback: secret inputs, a webhook’s path, the secret parts of health URLs and the runner’s tokens', () => {
    const inputs: Record<string, string> = {
      'github-token': 'ghs_token0123456789',
      'slack-webhook': 'https://hooks.slack.com/services/T0000/B0000/abcdefghijklmnopqrstuvwx',
      'health-urls': 'https://watch:pw1@app.example/healthz?token=long-token-value&v=1\nhttps://app.example/ready',
    };
    const masks = masksOf(() => protectRun('auto-rollback', (name) => inputs[name] ?? '', { ACTIONS_RUNTIME_TOKEN: 'runtime-0123456789' }));
    expect(masks).toEqual(
      expect.arrayContaining(['ghs_token0123456789', inputs['slack-webhook'], '/services/T0000/B0000/abcdefghijklmnopqrstuvwx', 'abcdefghijklmnopqrstuvwx', 'watch', 'pw1', 'long-token-value', 'runtime-0123456789']),
    );
    // A short query value is no secret: masking `1` would mask every 1 in the log.
    expect(masks).not.toContain('1');
    expect(masks).not.toContain('services');
    expect(activeRedactor().redact('posted to /services/T0000/B0000/abcdefghijklmnopqrstuvwx with ghs_token0123456789')).toBe('posted to *** with ***');
  });

  it('masks a credential a metric source reads later, as it reads it', () => {
    const masks = masksOf(() => {
      protectRun('canary-promote', () => '', {});
      readCredential({ METRICS_TOKEN: 'metrics-token-0123' }, 'METRICS_TOKEN');
    });
    expect(masks).toContain('metrics-token-0123');
    expect(activeRedactor().redact('Bearer metrics-token-0123')).toBe('Bearer ***');
  });

  it('gate-checks: the token input and PERCY_TOKEN', () => {
    const masks = masksOf(() => protectRun('gate-checks', (name) => (name === 'github-token' ? 'ghs_gate0123456789' : ''), { PERCY_TOKEN: 'percy-0123456789' }));
    expect(masks).toEqual(expect.arrayContaining(['ghs_gate0123456789', 'percy-0123456789']));
  });
});
