import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPagerDutyNotifier, dedupKey } from '../../src/notify/pagerduty.js';
import { type PagerDutyServer, startPagerDutyServer } from '../support/pagerduty-server.js';
import { NOTICE } from './notice.js';

/**
 * The PagerDuty notifier against the local Events API v2, which checks every
 * event and answer against PagerDuty's published description.
 */
let pagerduty: PagerDutyServer;
const sleeps: number[] = [];

beforeAll(async () => {
  pagerduty = await startPagerDutyServer();
});
afterAll(() => pagerduty.close());
beforeEach(() => {
  pagerduty.reset();
  sleeps.length = 0;
});

const notifier = (routingKey = pagerduty.routingKey) => createPagerDutyNotifier({ routingKey, url: pagerduty.url }, { sleep: async (ms) => void sleeps.push(ms), backoffMs: 10 });

describe('PagerDuty notifier', () => {
  it('triggers a critical alert keyed to the environment, with the evidence and a link to the run', async () => {
    const sent = await notifier().send(NOTICE);
    expect(sent).toEqual({ ok: true, value: { message: `triggered a PagerDuty alert on PagerDuty Events API at ${new URL(pagerduty.url).host} (dedup_key rollout-guard/octo/app/production)`, url: null, incident: { service: 'PagerDuty', reference: 'rollout-guard/octo/app/production', url: null } } });
    expect(pagerduty.events).toHaveLength(1);
    const event = pagerduty.events[0]!;
    expect(event).toMatchObject({ event_action: 'trigger', dedup_key: 'rollout-guard/octo/app/production', client: 'rollout-guard', client_url: NOTICE.runUrl, links: [{ href: NOTICE.runUrl, text: 'workflow run' }] });
    expect(event.payload).toMatchObject({ severity: 'critical', source: 'octo/app', component: 'production', class: 'rolled-back', timestamp: NOTICE.detectedAt, summary: `rollout-guard rolled-back: ${NOTICE.summary}` });
    expect(event.payload!.custom_details).toMatchObject({ version: 'v2', restoredRef: 'v1', rollbackSeconds: 3.4, evidence: NOTICE.evidence });
    expect(pagerduty.alerts.get('rollout-guard/octo/app/production')).toBe('triggered');
    expect(pagerduty.problems).toEqual([]);
  });

  it('resolves the same alert later', async () => {
    await notifier().send(NOTICE);
    const resolved = await notifier().resolve({ ...NOTICE, decision: 'healthy' });
    expect(resolved.ok && resolved.value.message).toContain('resolved the PagerDuty alert');
    expect(pagerduty.events[1]).toEqual({ routing_key: pagerduty.routingKey, event_action: 'resolve', dedup_key: 'rollout-guard/octo/app/production' });
    expect(pagerduty.alerts.get('rollout-guard/octo/app/production')).toBe('resolved');
    expect(pagerduty.problems).toEqual([]);
  });

  it('keeps the summary within 1024 characters', async () => {
    await notifier().send({ ...NOTICE, summary: 'x'.repeat(5_000) });
    expect(pagerduty.events[0]!.payload!.summary).toHaveLength(1024);
    expect(pagerduty.problems).toEqual([]);
  });

  it('retries 429 (slow down) and 5xx, honouring Retry-After', async () => {
    pagerduty.inject({ status: 429, headers: { 'retry-after': '3' }, body: { status: 'throttled', message: 'Requests for this service are arriving too quickly' } }, { status: 502, body: { status: 'error', message: 'bad gateway' } });
    const sent = await notifier().send(NOTICE);
    expect(sent.ok && sent.value.message).toContain('after 3 tries');
    expect(sleeps).toEqual([3_000, 20]);
    expect(pagerduty.events).toHaveLength(1);
    expect(pagerduty.problems).toEqual([]);
  });

  it('a 400 is a config failure quoting PagerDuty\'s errors, never the routing key', async () => {
    const key = 'Rwrongkey0123456789abcdefWRONG';
    const sent = await notifier(key).send(NOTICE);
    expect(sent.ok).toBe(false);
    const failure = !sent.ok ? sent.error : { kind: undefined, message: '' };
    expect(failure.kind).toBe('config');
    expect(failure.message).toContain('refused the event (400): Event object is invalid; Invalid routing key');
    expect(failure.message).toContain('`pagerduty-routing-key`');
    expect(failure.message).not.toContain(key);
    expect(pagerduty.received).toBe(1);
  });

  it('a dedup key without a repository is the environment alone', () => {
    expect(dedupKey({ repository: null, environment: 'staging' })).toBe('rollout-guard/staging');
  });
});
