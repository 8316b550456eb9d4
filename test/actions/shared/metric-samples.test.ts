import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCanarySamples, loadAnalysis } from '../../../src/actions/shared/metric-samples.js';
import { judgeCanary } from '../../../src/engine/judge/judge-canary.js';
import { ConfigError } from '../../../src/engine/result.js';
import { workspaceDir } from '../../support/workspace-dir.js';

const fixture = new URL('../../fixtures/metrics/histogram.json', import.meta.url);

describe('histogram metrics read through a source', () => {
  it('reads both variants’ buckets from a file and judges them', async () => {
    const dir = await workspaceDir('metric-samples');
    await copyFile(fixture, path.join(dir, 'm.json'));
    await writeFile(path.join(dir, 'a.yml'), 'source: { type: file, path: m.json }\nmetrics:\n  latency: { histogram: latency_seconds, max: 2s, max-increase: 50%, min-samples: 2 }\n');
    const loaded = await loadAnalysis('a.yml', dir, {});
    const samples = await collectCanarySamples(loaded, { windowMs: 120_000, now: new Date() });
    // The canary's keys ("1.0", "1e-1") are read as numbers and put in order.
    expect(samples.latency).toEqual({
      baseline: { buckets: [{ le: 0.1, values: [80, 90] }, { le: 0.25, values: [95, 110] }, { le: 1, values: [99, 119] }, { le: Infinity, values: [100, 120] }] },
      canary: { buckets: [{ le: 0.1, values: [4, 5] }, { le: 0.25, values: [6, 8] }, { le: 1, values: [9, 12] }, { le: Infinity, values: [10, 12] }] },
    });
    const judged = judgeCanary(loaded.config, samples).metrics[0]!;
    expect(judged).toMatchObject({ kind: 'histogram', samples: { canary: 2, baseline: 2 } });
    // 1 of the canary's 22 requests is slower than 1 s, the last finite bound: its p99 is beyond the histogram, which breaches any max.
    expect(judged).toMatchObject({ status: 'fail', value: Infinity, reason: 'latency beyond the last bucket exceeds max 2000 ms (baseline 988.5 ms)' });
  });

  it('refuses, when the analysis is read, a histogram on a source that cannot read buckets', async () => {
    const dir = await workspaceDir('metric-samples');
    await writeFile(
      path.join(dir, 'b.yml'),
      "source: { type: datadog, site: datadoghq.com, api-key-env: DD_API, app-key-env: DD_APP }\nmetrics:\n  latency: { histogram: latency, query: 'avg:x{version:{{variant}}}', max: 2s }\n",
    );
    const loading = loadAnalysis('b.yml', dir, { DD_API: 'a', DD_APP: 'b' });
    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loading).rejects.toThrow("b.yml: metrics.latency.histogram: a datadog source cannot read a histogram's bucket counters; use a prometheus or file source, or a `query` with a quantile");
  });
});
