import { describe, expect, it } from 'vitest';
import { createMetricSource, METRIC_SOURCE_KINDS } from '../../../src/sources/metrics/registry.js';

const context = { workspace: '/work', env: {} };

describe('createMetricSource', () => {
  it('lists the kinds it knows', () => {
    expect(METRIC_SOURCE_KINDS).toEqual(['file', 'http-json', 'prometheus', 'datadog', 'sentry', 'posthog']);
  });

  it('builds each kind from its config', () => {
    const file = createMetricSource({ type: 'file', path: 'm.json' }, context);
    expect(file.ok && [file.value.kind, file.value.where]).toEqual(['file', 'm.json']);
    const http = createMetricSource({ type: 'http-json', url: 'https://m.example/q', 'json-path': '$.v', timeout: '5s', interval: '1m' }, context);
    expect(http.ok && [http.value.kind, http.value.where]).toEqual(['http-json', 'https://m.example/q']);
  });

  it('names the key at fault', () => {
    const cases: Array<[unknown, string]> = [
      ['m.json', '`source` must be a mapping with a `type` (file, http-json, prometheus, datadog, sentry, posthog), got "m.json"'],
      [{ path: 'm.json' }, '`source.type` must be one of file, http-json, prometheus, datadog, sentry, posthog, got null'],
      [{ type: 'graphite' }, '`source.type` must be one of file, http-json, prometheus, datadog, sentry, posthog, got "graphite"'],
      [{ type: 'file' }, '`source.path` is missing (expected string)'],
      [{ type: 'file', path: 'm.json', pth: 'x' }, 'unknown key `source.pth`'],
      [{ type: 'http-json', url: 'ftp://x', 'json-path': '$' }, '`source.url`: must be an http:// or https:// URL; got "ftp://x"'],
      [{ type: 'http-json', url: 'http://x', 'json-path': '$', timeout: 'soon' }, '`source.timeout`: got "soon"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)'],
      [{ type: 'http-json', url: 'http://x', 'json-path': '$', 'token-env': 'my token' }, '`source.token-env`: must be the name of an environment variable, e.g. METRICS_TOKEN; got "my token"'],
    ];
    for (const [raw, message] of cases) expect(createMetricSource(raw, context)).toEqual({ ok: false, error: { kind: 'config', message } });
  });
});
