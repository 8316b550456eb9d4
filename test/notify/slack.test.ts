import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackNotifier, slackMessage } from '../../src/notify/slack.js';
import { NOTICE } from './notice.js';
import { type WebhookServer, startWebhookServer } from './webhook-server.js';

/** The Slack notifier against a local server shaped like an incoming webhook (answers `ok`, or 4xx with an error word). */
let slack: WebhookServer;
const sleeps: number[] = [];
const options = { sleep: async (ms: number) => void sleeps.push(ms) };
const SECRET_PATH = '/services/T000/B000/s3cr3tW3bh00kT0k3n';

beforeAll(async () => {
  slack = await startWebhookServer('ok');
});
beforeEach(() => {
  slack.reset();
  sleeps.length = 0;
});
afterAll(() => slack.close());

describe('Slack notifier', () => {
  it('posts Block Kit with the decision, the releases, the timing and the evidence', async () => {
    const notifier = createSlackNotifier(`${slack.url}${SECRET_PATH}`, options);
    const sent = await notifier.send(NOTICE);
    expect(sent).toEqual({ ok: true, value: { message: `posted to Slack webhook at ${new URL(slack.url).host}`, url: null } });
    expect(slack.received).toHaveLength(1);
    const [hook] = slack.received;
    expect(hook!.path).toBe(SECRET_PATH);
    expect(hook!.headers['content-type']).toBe('application/json');
    const body = hook!.body as { text: string; blocks: Array<Record<string, unknown>> };
    expect(body.text).toBe(`🟠 rolled-back: v2 in production: ${NOTICE.summary}`);
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🟠 rolled-back: v2 in production', emoji: true } });
    expect((body.blocks[2] as { fields: Array<{ text: string }> }).fields.map((field) => field.text)).toEqual([
      '*Environment*\nproduction',
      '*Rolled back*\n`v2`',
      '*Restored*\n`v1`',
      '*Detected at*\n2026-03-03T10:04:00.000Z',
      '*Rollback time*\n3.4 s',
    ]);
    const evidence = (body.blocks[3] as { text: { text: string } }).text.text;
    expect(evidence.split('\n')).toEqual([
      '*Evidence*',
      '❌ *error-rate* 12% (max 5%): error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)',
      '✅ *https://app.example.com/healthz* 0 (more than 3 failures in 5 checks): 0 of the last 5 checks failed; last: 200 in 12ms',
      '✅ *rollback: traffic* done: nginx upstream app in upstream.conf: 100% to the stable version in 40 ms',
    ]);
    expect(body.blocks[4]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://github.com/octo/app/actions/runs/42|workflow run> · octo/app' }] });
  });

  it('escapes Slack control characters and keeps within Block Kit limits', () => {
    const long = { ...NOTICE, reason: '<!channel> & friends', version: 'x'.repeat(300), evidence: Array.from({ length: 200 }, (_, i) => ({ ...NOTICE.evidence[0]!, name: `metric-${i}` })) };
    const message = slackMessage(long);
    const [header, section, , evidence] = message.blocks as Array<{ text: { text: string } }>;
    expect(header!.text.text.length).toBeLessThanOrEqual(150);
    expect(section!.text.text).toContain('&lt;!channel&gt; &amp; friends');
    expect(evidence!.text.text.length).toBeLessThanOrEqual(3_000);
  });

  it('retries a 500 and a 429 (honouring Retry-After), then delivers', async () => {
    slack.script({ status: 500, body: 'internal' }, { status: 429, body: 'rate_limited', headers: { 'retry-after': '2' } });
    const sent = await createSlackNotifier(`${slack.url}${SECRET_PATH}`, options).send(NOTICE);
    expect(sent.ok).toBe(true);
    expect(slack.received).toHaveLength(3);
    expect(sleeps).toEqual([500, 2_000]);
  });

  it('reports a refused payload with Slack’s words, never the secret URL', async () => {
    slack.script({ status: 400, body: 'invalid_payload' });
    const sent = await createSlackNotifier(`${slack.url}${SECRET_PATH}`, options).send(NOTICE);
    expect(sent).toEqual({ ok: false, error: { message: `Slack webhook at ${new URL(slack.url).host} answered 400 "invalid_payload"` } });
    expect(slack.received).toHaveLength(1);
  });

  it('reports an unreachable webhook after its tries', async () => {
    const gone = await startWebhookServer();
    await gone.close();
    const sent = await createSlackNotifier(`${gone.url}/services/T/B/secret`, { ...options, tries: 2 }).send(NOTICE);
    expect(sent).toEqual({ ok: false, error: { message: `Slack webhook at ${new URL(gone.url).host} could not be reached (ECONNREFUSED) after 2 tries` } });
  });
});
