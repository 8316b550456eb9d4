import { describe, expect, it } from 'vitest';
import { hasAssertions, validateAssertion, validateAssertOptions } from '../../../src/engine/lighthouse/assert-options.js';

const W = 'rc ci.assert';

describe('validateAssertOptions', () => {
  it('accepts every form LHCI accepts: a level, [level], [level, options], presets, aggregation, URL patterns', () => {
    const raw = {
      preset: 'lighthouse:no-pwa',
      aggregationMethod: 'median-run',
      matchingUrlPattern: '^https://shop\\.',
      includePassedAssertions: true,
      assertions: {
        'categories:performance': ['error', { minScore: 0.9, aggregationMethod: 'pessimistic' }],
        'uses-http2': 'off',
        'image-alt': ['warn'],
        'dom-size': ['error', { maxNumericValue: 1500, maxLength: 0 }],
      },
    };
    expect(validateAssertOptions(raw, W)).toEqual({
      ok: true,
      value: {
        preset: 'lighthouse:no-pwa',
        aggregationMethod: 'median-run',
        matchingUrlPattern: '^https://shop\\.',
        assertions: {
          'categories:performance': ['error', { minScore: 0.9, aggregationMethod: 'pessimistic' }],
          'uses-http2': 'off',
          'image-alt': ['warn'],
          'dom-size': ['error', { maxNumericValue: 1500, maxLength: 0 }],
        },
      },
    });
  });

  it('accepts an assertMatrix alone and checks each entry', () => {
    const raw = { assertMatrix: [{ matchingUrlPattern: 'a', assertions: { 'image-alt': 'error' } }, { preset: 'lighthouse:all' }] };
    expect(validateAssertOptions(raw, W)).toEqual({ ok: true, value: raw });
    expect(validateAssertOptions({ assertMatrix: [{ preset: 'lighthouse:some' }] }, W)).toEqual({
      ok: false,
      error: 'rc ci.assert.assertMatrix[0].preset must be one of lighthouse:all, lighthouse:recommended, lighthouse:no-pwa, got "lighthouse:some"',
    });
  });

  it.each([
    ['not an object', ['error'], 'rc ci.assert must be an object with assertions, preset or assertMatrix, got ["error"]'],
    ['a typo in a key', { assertion: {} }, 'rc ci.assert: unknown key `assertion`; LHCI reads preset, assertions, matchingUrlPattern, aggregationMethod, assertMatrix, budgetsFile, includePassedAssertions'],
    ['assertMatrix beside assertions', { assertMatrix: [], assertions: {} }, 'rc ci.assert: assertMatrix cannot be combined with assertions (LHCI rejects it); move them into the matrix entries'],
    ['an empty assertMatrix', { assertMatrix: [] }, 'rc ci.assert.assertMatrix must be a non-empty list of {matchingUrlPattern, assertions, preset}'],
    ['a bad aggregation', { aggregationMethod: 'mean' }, 'rc ci.assert.aggregationMethod must be one of median, optimistic, pessimistic, median-run, got "mean"'],
    ['a pattern that is not a regex', { matchingUrlPattern: '(' }, 'rc ci.assert.matchingUrlPattern is not a valid regular expression: "("'],
    ['assertions that are a list', { assertions: ['image-alt'] }, 'rc ci.assert.assertions must be an object of assertion keys, got ["image-alt"]'],
  ])('rejects %s', (_name, raw, error) => {
    expect(validateAssertOptions(raw, W)).toEqual({ ok: false, error });
  });
});

describe('validateAssertion', () => {
  it.each([
    ['fail', 'x: level must be off, warn or error, got "fail"'],
    [['error', { minscore: 0.9 }], 'x: unknown option `minscore`; accepted: aggregationMethod, minScore, maxNumericValue, maxLength'],
    [['error', { minScore: '0.9' }], 'x.minScore must be a number, got "0.9"'],
    [['error', 0.9], 'x: options must be an object such as {"minScore": 0.9}, got 0.9'],
    [['error', {}, {}], 'x must be a level or [level, options], got ["error",{},{}]'],
    [['warn', { aggregationMethod: 'best' }], 'x.aggregationMethod must be one of median, optimistic, pessimistic, median-run, got "best"'],
  ])('rejects %j: LHCI would silently assert something else', (raw, error) => {
    expect(validateAssertion(raw, 'x')).toEqual({ ok: false, error });
  });
});

describe('hasAssertions', () => {
  it('is false for nothing to assert (LHCI: "No assertions to use")', () => {
    expect(hasAssertions({})).toBe(false);
    expect(hasAssertions({ assertions: {} })).toBe(false);
    expect(hasAssertions({ preset: 'lighthouse:all' })).toBe(true);
    expect(hasAssertions({ assertions: { 'image-alt': 'off' } })).toBe(true);
    expect(hasAssertions({ assertMatrix: [{}] })).toBe(true);
  });
});
