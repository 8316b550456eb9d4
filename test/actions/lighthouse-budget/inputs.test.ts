import { describe, expect, it } from 'vitest';
import { readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { fraction } from '../../../src/engine/exact.js';
import { ConfigError } from '../../../src/engine/result.js';

const read = (inputs: Record<string, string>) => readBudgetInputs((name) => inputs[name] ?? '');
const problem = (inputs: Record<string, string>): string => {
  try {
    read(inputs);
  } catch (thrown) {
    if (thrown instanceof ConfigError) return thrown.message;
    throw thrown;
  }
  throw new Error('expected a ConfigError');
};

describe('readBudgetInputs', () => {
  it('reads a collection with simple budgets; runs and preset left empty for the config or the defaults (collect-plan.ts)', () => {
    const inputs = read({ urls: 'https://pr-7.app.dev/\n# a comment\nhttps://pr-7.app.dev/pricing', 'min-performance': '0.9', 'max-lcp': '2.5s', 'max-cls': '0.1' });
    expect(inputs).toMatchObject({
      mode: { kind: 'collect', urls: ['https://pr-7.app.dev/', 'https://pr-7.app.dev/pricing'], runs: undefined, preset: undefined, chromePath: undefined, lighthousePath: undefined, runTimeoutMs: 180_000, installTimeoutMs: 180_000, baselineOf: new Map() },
      simple: { 'min-performance': { value: 0.9, exact: fraction(9, 10) }, 'max-lcp': { value: 2500, exact: fraction(2500, 1) }, 'max-cls': { value: 0.1, exact: fraction(1, 10) } },
      maxRegression: null,
      comment: false,
      title: 'Lighthouse budget',
      failOnFail: true,
    });
  });

  it('pairs baseline-url with the urls and reads max-regression', () => {
    const inputs = read({ urls: 'https://pr.dev/\nhttps://pr.dev/x', 'baseline-url': 'https://app.com', 'max-regression': 'lcp=10%', runs: '5', preset: 'desktop' });
    expect(inputs.mode).toMatchObject({ kind: 'collect', runs: 5, preset: 'desktop', baselineOf: new Map([['https://pr.dev/', 'https://app.com/'], ['https://pr.dev/x', 'https://app.com/x']]) });
    expect(inputs.maxRegression).toEqual({ 'largest-contentful-paint': fraction(1, 10) });
  });

  it('reads an evaluation of saved results against an earlier run', () => {
    expect(read({ 'results-path': '.lighthouseci', 'baseline-results-path': 'main-results', 'max-regression': '20%', config: '.lighthouserc.json' })).toMatchObject({
      mode: { kind: 'evaluate', resultsPath: '.lighthouseci' },
      baselineResultsPath: 'main-results',
      config: '.lighthouserc.json',
    });
  });

  it('accepts a run with no budget at all: the default budgets judge it (see budgets.ts), never nothing', () => {
    expect(read({ urls: 'https://a.dev/' })).toMatchObject({ config: undefined, budgetPath: undefined, simple: {}, maxRegression: null });
  });

  it('reads lighthouse-install-timeout as a duration, from 10 s to what a timer can wait', () => {
    expect(read({ urls: 'https://a.dev/', 'lighthouse-install-timeout': '90s' }).mode).toMatchObject({ installTimeoutMs: 90_000 });
    expect(read({ urls: 'https://a.dev/', 'lighthouse-install-timeout': '10m' }).mode).toMatchObject({ installTimeoutMs: 600_000 });
    expect(problem({ urls: 'https://a.dev/', 'lighthouse-install-timeout': '5s' })).toBe('input `lighthouse-install-timeout` must be at least 10s: npm takes several seconds even from its cache, got `5s`');
    expect(problem({ urls: 'https://a.dev/', 'lighthouse-install-timeout': '30d' })).toBe('input `lighthouse-install-timeout`: 30d is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms)');
    expect(problem({ urls: 'https://a.dev/', 'lighthouse-install-timeout': 'soon' })).toMatch(/^input `lighthouse-install-timeout`: got "soon"; expected a duration/);
  });

  it('reads run-timeout as a duration, from 10 s to what a timer can wait', () => {
    expect(read({ urls: 'https://a.dev/', 'run-timeout': '90s' }).mode).toMatchObject({ runTimeoutMs: 90_000 });
    expect(problem({ urls: 'https://a.dev/', 'run-timeout': '5s' })).toBe('input `run-timeout` must be at least 10s: one Lighthouse run takes several seconds, got `5s`');
    expect(problem({ urls: 'https://a.dev/', 'run-timeout': '30d' })).toBe('input `run-timeout`: 30d is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms)');
    expect(problem({ urls: 'https://a.dev/', 'run-timeout': 'soon' })).toMatch(/^input `run-timeout`: got "soon"; expected a duration/);
  });

  it('reports every bad input at once, naming each', () => {
    expect(problem({ urls: 'pr-7.app.dev\nftp://x/', runs: '0', preset: 'tablet', 'max-lcp': 'fast', 'min-performance': '90' })).toBe(
      'input `urls`: `pr-7.app.dev` is not an http(s) URL; input `urls`: `ftp://x/` is not an http(s) URL; input `runs` must be from 1 to 50, got `0`; input `preset` must be one of mobile, desktop, got `tablet`; input `min-performance`: got "90"; expected a score from 0 to 1 such as 0.9 (or 90%); input `max-lcp`: got "fast"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)',
    );
  });

  it.each([
    [{ urls: 'https://a.dev/\nhttps://a.dev/', 'min-seo': '1' }, 'input `urls`: `https://a.dev/` is listed twice'],
    [{ 'min-performance': '0.9' }, 'input `urls` is required (one URL per line), unless `results-path` names saved Lighthouse results or `config` has ci.collect.url or staticDistDir'],
    [{ urls: 'https://a.dev/', 'results-path': 'r', 'min-performance': '0.9' }, 'give `urls` (to collect) or `results-path` (to judge saved results), not both'],
    [{ urls: 'https://a.dev/', 'max-regression': '20%' }, 'input `max-regression` needs a baseline: set `baseline-url` or `baseline-results-path`'],
    [{ urls: 'https://a.dev/', 'baseline-url': 'https://b.dev/', 'baseline-results-path': 'r', 'max-regression': '20%' }, 'give `baseline-url` (collected now) or `baseline-results-path` (an earlier run), not both'],
    [{ 'results-path': 'r', 'baseline-url': 'https://b.dev/', 'min-seo': '1' }, '`baseline-url` is collected beside `urls`; with `results-path` give the baseline as `baseline-results-path`'],
    [{ urls: 'https://a.dev/\nhttps://a.dev/x', 'baseline-url': 'https://b.dev/home', 'min-seo': '1' }, "input `baseline-url`: with 2 urls, baseline-url must be an origin such as https://b.dev (each URL's path is compared on it), got https://b.dev/home"],
    [{ urls: 'https://a.dev/', 'baseline-url': 'https://b.dev/', 'max-regression': 'lots' }, 'input `max-regression`: got "lots"; expected a percentage such as 20% for every metric, or per metric such as performance=5%, lcp=20%, tbt=50%, fcp=20%, cls=25% (metrics: performance, lcp, tbt, fcp, cls)'],
  ])('%j is refused: %s', (inputs, message) => {
    expect(problem(inputs)).toBe(message);
  });
});
