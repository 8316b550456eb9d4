import { describe, expect, it } from 'vitest';
import { fromCollected } from '../../../src/sources/lighthouse/lhr-run.js';

const collected = (lhr: Record<string, unknown>) => ({ url: 'https://a.dev/', role: 'target' as const, index: 1, lhr, failure: null, attempts: 1 });

describe('fromCollected', () => {
  it('keeps a run the shared reader accepts, with its values', () => {
    const run = fromCollected(collected({ lighthouseVersion: '12.8.2', requestedUrl: 'https://a.dev/', finalUrl: 'https://a.dev/home', audits: { 'largest-contentful-paint': { numericValue: 1200 } } }));
    expect(run).toMatchObject({ id: 'run 1 of https://a.dev/', url: 'https://a.dev/home', failure: null, values: { 'largest-contentful-paint': 1200 } });
  });

  it('makes an LHR the reader refuses a failed run naming why, never a run LHCI would judge', () => {
    const run = fromCollected(collected({ requestedUrl: 'https://a.dev/', audits: {} }));
    expect(run).toMatchObject({
      url: 'https://a.dev/',
      values: null,
      failure: { code: 'MALFORMED_RESULT', message: 'run 1 of https://a.dev/ is not a Lighthouse result (no lighthouseVersion and audits)' },
    });
  });
});
