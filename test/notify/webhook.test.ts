import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_SCHEMA, createWebhookNotifier } from '../../src/notify/webhook.js';
import { NOTICE } from './notice.js';
import { type WebhookServer, startWebhookServer } from './webhook-server.js';

/** The generic JSON webhook against a local receiver. */
let receiver: WebhookServer;
const sleeps: number[] = [];
const options = { sleep: async (ms: number) => void sleeps.push(ms), timeoutMs: 500 };

beforeAll(async () => {
  receiver = await startWebhookServer('{"received":true}');
});
beforeEach(() => {
  receiver.reset();
  sleeps.length = 0;
});
afterAll(() => receiver.close());

describe('generic webhook notifier', () => {
  it('posts the documented payload once', async () => {
    const sent = await createWebhookNotifier(`${receiver.url}/hooks/rollback?token=abc`, options).send(NOTICE);
    expect(sent).toEqual({ ok: true, value: { message: `posted to webhook at ${new URL(receiver.url).host} (200)`, url: null } });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.path).toBe('/hooks/rollback?token=abc');
    expect(receiver.received[0]!.body).toEqual({
      schema: WEBHOOK_SCHEMA,
      action: 'auto-rollback',
      decision: 'rolled-back',
      environment: 'production',
      version: 'v2',
      restoredRef: 'v1',
      reason: NOTICE.reason,
      detectedAt: '2026-03-03T10:04:00.000Z',
      rollbackSeconds: 3.4,
      summary: NOTICE.summary,
      repository: 'octo/app',
      runUrl: 'https://github.com/octo/app/actions/runs/42',
      evidence: NOTICE.evidence,
      timeline: NOTICE.timeline,
    });
  });

  it('retries 503 then delivers; a 404 is not retried and the URL is never shown', async () => {
    receiver.script({ status: 503 });
    expect((await createWebhookNotifier(`${receiver.url}/hook`, options).send(NOTICE)).ok).toBe(true);
    expect(receiver.received).toHaveLength(2);
    receiver.reset();
    receiver.script({ status: 404, body: 'no such hook' });
    const sent = await createWebhookNotifier(`${receiver.url}/secret-hook-path`, options).send(NOTICE);
    expect(sent).toEqual({ ok: false, error: { message: `webhook at ${new URL(receiver.url).host} answered 404 "no such hook"` } });
    expect(JSON.stringify(sent)).not.toContain('secret-hook-path');
    expect(receiver.received).toHaveLength(1);
  });
});
