import { describe, expect, it } from 'vitest';
import { scrubUrls, showUrl, shownResult, shownUrls } from '../../../src/actions/auto-rollback/shown-url.js';

/** Health URLs are shown without credentials or secret query values, and stay distinct as names. */
describe('shown health URLs', () => {
  it('masks user:pass@ and a token; a plain URL is unchanged', () => {
    expect(showUrl('https://alice:hunter2@app.example.com/healthz?token=s3cr3t')).toBe('https://***@app.example.com/healthz?token=***');
    expect(showUrl('https://app.example.com/healthz')).toBe('https://app.example.com/healthz');
  });

  it('text that is not a URL loses its credentials and query by hand', () => {
    expect(showUrl('http://alice:hunter2@bad host/x?token=s3cr3t')).toBe('http://bad host/x?…');
  });

  it('numbers URLs that would show the same, so report rows keep distinct names', () => {
    expect(shownUrls(['https://a@app/h?token=1', 'https://b@app/h?token=2', 'https://app/other'])).toEqual(['https://***@app/h?token=*** (#1)', 'https://***@app/h?token=*** (#2)', 'https://app/other']);
  });

  it('scrubs URLs a health check reason quotes, credentials already starred included', () => {
    expect(scrubUrls('Request cannot be constructed from a URL that includes credentials: http://***@127.0.0.1:9/x?token=s3cr3t')).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:9/x?token=***',
    );
    expect(shownResult({ url: 'http://127.0.0.1:9/x?token=s3cr3t', isHealthy: false, status: null, durationMs: 1, reason: 'timed out after 10s' }, 'http://127.0.0.1:9/x?token=***')).toMatchObject({
      url: 'http://127.0.0.1:9/x?token=***',
      reason: 'timed out after 10s',
    });
  });
});
