import { describe, expect, it } from 'vitest';
import { matchBaselineUrl, pairBaselineUrls } from '../../../src/engine/lighthouse/baseline-pairing.js';

describe('pairBaselineUrls', () => {
  it('pairs line by line when the counts match', () => {
    const paired = pairBaselineUrls(['https://pr-7.app.dev/', 'https://pr-7.app.dev/pricing'], ['https://app.com/', 'https://app.com/plans']);
    expect(paired).toEqual({ ok: true, value: new Map([['https://pr-7.app.dev/', 'https://app.com/'], ['https://pr-7.app.dev/pricing', 'https://app.com/plans']]) });
  });

  it('rebases every target path (and query) on a single baseline origin', () => {
    const paired = pairBaselineUrls(['https://pr-7.app.dev/', 'https://pr-7.app.dev/pricing?plan=pro'], ['https://app.com']);
    expect(paired).toEqual({ ok: true, value: new Map([['https://pr-7.app.dev/', 'https://app.com/'], ['https://pr-7.app.dev/pricing?plan=pro', 'https://app.com/pricing?plan=pro']]) });
  });

  it('refuses a single baseline page for several targets, and mismatched counts', () => {
    expect(pairBaselineUrls(['https://a.dev/', 'https://a.dev/x'], ['https://app.com/home'])).toEqual({
      ok: false,
      error: 'with 2 urls, baseline-url must be an origin such as https://app.com (each URL\'s path is compared on it), got https://app.com/home',
    });
    expect(pairBaselineUrls(['https://a.dev/', 'https://a.dev/x', 'https://a.dev/y'], ['https://b/', 'https://b/x'])).toEqual({
      ok: false,
      error: 'give one baseline-url per line of urls (3), or one origin such as https://www.example.com; got 2',
    });
  });
});

describe('matchBaselineUrl', () => {
  it('prefers the same URL, then the same path on another host, then the only pair', () => {
    expect(matchBaselineUrl('https://a.dev/x', ['https://a.dev/x'], ['https://b.com/x', 'https://a.dev/x'])).toBe('https://a.dev/x');
    expect(matchBaselineUrl('https://pr.dev/x', ['https://pr.dev/x', 'https://pr.dev/y'], ['https://b.com/y', 'https://b.com/x'])).toBe('https://b.com/x');
    expect(matchBaselineUrl('https://pr.dev/new', ['https://pr.dev/new'], ['https://b.com/old'])).toBe('https://b.com/old');
    expect(matchBaselineUrl('https://pr.dev/new', ['https://pr.dev/new', 'https://pr.dev/x'], ['https://b.com/old', 'https://b.com/y'])).toBeNull();
  });
});
