import { afterEach, describe, expect, it } from 'vitest';
import { createPagerDutyNotifier } from '../../src/notify/pagerduty.js';
import { createSlackNotifier } from '../../src/notify/slack.js';
import { createWebhookNotifier } from '../../src/notify/webhook.js';
import { type TestServer, answer, redirectTo, startServer, stallAfterHeaders } from '../actions/boundary-servers.js';
import { NOTICE } from './notice.js';

/**
 * Slack and webhook notifications at the HTTP boundary: an answer that
 * stalls ends in the timeout, a receiver's words that echo the secret path
 * are masked, and a redirect never takes the payload to another origin.
 */
const SECRET_PATH = '/services/T000/B000/s3cr3tW3bh00kT0k3nXYZ';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const serve = async (handler: Parameters<typeof startServer>[0]) => {
  const server = await startServer(handler);
  servers.push(server);
  return server;
};

describe('notification boundaries', () => {
  it('an answer that stalls after its headers times out within the attempt', async () => {
    const slack = await serve(stallAfterHeaders);
    const started = Date.now();
    const sent = await createSlackNotifier(`${slack.url}${SECRET_PATH}`, { timeoutMs: 300, tries: 1 }).send(NOTICE);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sent).toEqual({ ok: false, error: { message: `Slack webhook at ${new URL(slack.url).host} timed out after 300ms` } });
  });

  it('a Slack error that echoes the request path shows it masked, and never the URL', async () => {
    const slack = await serve((request, response) => answer(404, `no_service: ${request.url} is gone`, { 'content-type': 'text/plain' })(request, response));
    const sent = await createSlackNotifier(`${slack.url}${SECRET_PATH}`, { tries: 1 }).send(NOTICE);
    expect(sent).toEqual({ ok: false, error: { message: `Slack webhook at ${new URL(slack.url).host} answered 404 "no_service: *** is gone"` } });
    expect(JSON.stringify(sent)).not.toContain('s3cr3tW3bh00kT0k3nXYZ');
  });

  it('a webhook error that echoes a token from the query is masked', async () => {
    const hook = await serve((request, response) => answer(401, `bad token ${new URL(request.url ?? '', 'http://x').searchParams.get('token')}`)(request, response));
    const sent = await createWebhookNotifier(`${hook.url}/hook?token=tok-0123456789`, { tries: 1 }).send(NOTICE);
    expect(sent).toEqual({ ok: false, error: { message: `webhook at ${new URL(hook.url).host} answered 401 "bad token ***"` } });
  });

  it('a redirect to another origin is refused: the payload and the secret URL stay with their host', async () => {
    const elsewhere = await serve(answer(200, 'ok'));
    const hook = await serve(redirectTo(`${elsewhere.url.replace('127.0.0.1', 'localhost')}/collect`, 307));
    const sent = await createWebhookNotifier(`${hook.url}/hook`, { tries: 1 }).send(NOTICE);
    expect(elsewhere.requests).toEqual([]);
    expect(sent.ok).toBe(false);
    expect(!sent.ok && sent.error.message).toMatch(/^webhook at 127\.0\.0\.1:\d+ failed: redirected to localhost:\d+, another origin; not followed, because the request carries a secret URL/);
  });
  it('a redirect to another origin is refused for PagerDuty: the routing key in the body stays with its host', async () => {
    const elsewhere = await serve(answer(202, '{"status":"success"}'));
    const events = await serve(redirectTo(`${elsewhere.url.replace('127.0.0.1', 'localhost')}/v2/enqueue`, 307));
    const sent = await createPagerDutyNotifier({ routingKey: 'R0UT1NGK3Y0123456789abcdef012345', url: events.url }, { tries: 1 }).send(NOTICE);
    expect(elsewhere.requests).toEqual([]);
    expect(sent.ok).toBe(false);
    expect(JSON.stringify(sent)).not.toContain('R0UT1NGK3Y0123456789abcdef012345');
  });
});
