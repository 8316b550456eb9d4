import { describe, expect, it } from 'vitest';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import { judgeCanary } from '../../../src/engine/judge/judge-canary.js';
import { analysis, metric } from './support.js';

const SEQUENTIAL = `  error-rate: { ratio: { numerator: e, denominator: r }, max-increase: 50%, method: sequential }\n`;
const perMinute = (events: number[], total: number) => ({ numerator: events, denominator: events.map(() => total) });

describe('method: sequential', () => {
  it('is asked for: analysis files without it keep Fisher and min-samples 3', () => {
    expect(metric('{ ratio: { numerator: e, denominator: r }, max-increase: 50% }')).toMatchObject({ method: 'fixed', minSamples: 3 });
    expect(metric('{ ratio: { numerator: e, denominator: r }, max-increase: 50%, method: sequential }')).toMatchObject({ method: 'sequential', minSamples: 1 });
    expect(metric('{ ratio: { numerator: e, denominator: r }, max-increase: 50%, method: sequential, min-samples: 4 }').minSamples).toBe(4);
  });

  it('is refused on a series, naming the key', () => {
    const parsed = parseAnalysis('source: { type: file, path: m.json }\nmetrics:\n  latency: { series: p99, max-increase: 20%, method: sequential }\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/method.*ratio/s);
  });

  it('rolls back a 10× canary in its second minute of the bake', () => {
    const samples = { 'error-rate': { canary: perMinute([22, 25], 480), baseline: perMinute([45, 47], 9120) } };
    const judgement = judgeCanary(analysis(SEQUENTIAL), samples, { look: { index: 2, count: 10 }, stage: { index: 1, count: 3 }, isInterim: true });
    expect(judgement.verdict).toBe('rollback');
    expect(judgement.metrics[0]!.statistic).toMatchObject({ test: 'mixture-sprt', sided: 'one-sided' });
  });

  it('spends Fisher’s share once, at the end of the bake: a held look after it needs the anytime evidence', () => {
    // +67% over ten minutes: Fisher clears its share at the planned end (p ≈ 0.002 < 0.0038), the mixture SPRT not its smaller one (p ≈ 0.05).
    const samples = { 'error-rate': { canary: perMinute([4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 480), baseline: perMinute([46, 44, 45, 47, 46, 45, 44, 46, 45, 46], 9120) } };
    const config = analysis(SEQUENTIAL);
    const end = judgeCanary(config, samples, { look: { index: 10, count: 10 }, stage: { index: 1, count: 3 } });
    expect(end.verdict).toBe('rollback');
    expect(end.metrics[0]!.statistic?.test).toBe('fisher-exact');
    const held = judgeCanary(config, samples, { look: { index: 11, count: 10 }, stage: { index: 1, count: 3 } });
    expect(held.verdict).not.toBe('rollback');
    expect(held.metrics[0]!.statistic?.test).toBe('mixture-sprt');
  });

  it('holds on too little data rather than promote: one canary error that could not be significant', () => {
    const samples = { 'error-rate': { canary: perMinute([1], 20), baseline: perMinute([0], 380) } };
    const judgement = judgeCanary(analysis(SEQUENTIAL), samples, { look: { index: 10, count: 10 }, stage: { index: 1, count: 3 } });
    expect(judgement.verdict).toBe('hold');
    expect(judgement.metrics[0]!.status).toBe('inconclusive');
  });

  it('promotes a canary no worse than its baseline at the end of the bake', () => {
    const samples = { 'error-rate': { canary: perMinute([2, 3, 2, 3, 2, 2, 3, 2, 3, 2], 480), baseline: perMinute([46, 44, 45, 47, 46, 45, 44, 46, 45, 46], 9120) } };
    expect(judgeCanary(analysis(SEQUENTIAL), samples, { look: { index: 10, count: 10 }, stage: { index: 1, count: 3 } }).verdict).toBe('promote');
  });
});
