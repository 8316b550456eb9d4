import { describe, expect, it } from 'vitest';
import { redactHeaderValues } from '../../../src/sources/lighthouse/lhr-redaction.js';

describe('redactHeaderValues', () => {
  const headers = { Authorization: 'Bearer s3cret-token', Cookie: 'session=abc123', DNT: '1', 'X-Empty': '' };
  const lhr = () => ({
    requestedUrl: 'https://a.dev/1',
    configSettings: { formFactor: 'desktop', extraHeaders: { ...headers } },
    runWarnings: ['The page printed Bearer s3cret-token in its title'],
    audits: { 'network-requests': { details: { items: [{ url: 'https://a.dev/?c=session=abc123' }] } } },
  });

  it('masks every header value in configSettings, keeping the names, and any value quoted elsewhere in the LHR', () => {
    const redacted = redactHeaderValues(lhr(), headers);
    expect(redacted.configSettings).toEqual({ formFactor: 'desktop', extraHeaders: { Authorization: '***', Cookie: '***', DNT: '***', 'X-Empty': '***' } });
    expect(JSON.stringify(redacted)).not.toMatch(/s3cret-token|abc123/);
    expect(redacted.runWarnings).toEqual(['The page printed *** in its title']);
    // A short value (DNT: 1) is no credential: masked in configSettings only, never in the rest of the LHR.
    expect(redacted.requestedUrl).toBe('https://a.dev/1');
  });

  it('leaves an LHR without extra headers as it is', () => {
    const original = lhr();
    expect(redactHeaderValues(original, undefined)).toBe(original);
    expect(redactHeaderValues(original, {})).toBe(original);
  });
});
