import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RUN_SECRETS } from '../../src/actions/shared/run-secrets.js';
import { readRollbackInputs } from '../../src/actions/auto-rollback/inputs.js';
import { ROLLBACK_INPUTS, ROLLBACK_TARGET_KINDS, createRollbackTarget } from '../../src/targets/rollback-registry.js';
import { REPO_ROOT } from '../support/run-bundle.js';

/** `rollback-target` and its kinds' inputs, alone and as auto-rollback reads them. */
const TOKEN = 'nfp_secretvalue_0123456789';
const NETLIFY = { 'rollback-target': 'netlify', 'netlify-token': TOKEN, 'netlify-site': 'shop.netlify.app' };
const create = (inputs: Record<string, string>, sharedInputs: string[] = []) => createRollbackTarget((name) => inputs[name] ?? '', { env: {} }, { sharedInputs });
const readInputs = (inputs: Record<string, string>) => readRollbackInputs((name) => inputs[name] ?? '', { workspace: '/srv/app', env: { GITHUB_SHA: 'abc123' } });

describe('rollback target registry', () => {
  it('lists netlify and every input a kind reads', () => {
    expect(ROLLBACK_TARGET_KINDS).toContain('netlify');
    expect(ROLLBACK_INPUTS).toEqual(expect.arrayContaining(['rollback-target', 'netlify-token', 'netlify-site', 'netlify-api-url']));
  });

  it('auto-rollback declares every rollback input with an empty default, and masks the token and the PagerDuty key', () => {
    const metadata = parse(readFileSync(path.join(REPO_ROOT, 'actions/auto-rollback/action.yml'), 'utf8')) as { inputs: Record<string, { default?: string; description: string }> };
    for (const name of [...ROLLBACK_INPUTS, 'pagerduty-routing-key', 'pagerduty-url']) expect(metadata.inputs[name], name).toMatchObject({ default: '' });
    expect(RUN_SECRETS['auto-rollback'].inputs).toEqual(expect.arrayContaining(['netlify-token', 'pagerduty-routing-key']));
    expect(RUN_SECRETS['canary-promote'].inputs).toEqual(expect.arrayContaining(['pagerduty-routing-key']));
    const canary = parse(readFileSync(path.join(REPO_ROOT, 'actions/canary-promote/action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    for (const name of ['pagerduty-routing-key', 'pagerduty-url']) expect(canary.inputs[name], name).toMatchObject({ default: '' });
  });

  it('builds the named kind, and nothing when none is named', () => {
    const built = create(NETLIFY);
    expect(built.ok && built.value?.describe()).toBe('Netlify site shop.netlify.app');
    expect(create({})).toEqual({ ok: true, value: null });
  });

  it('names every bad input in one config fault, never repeating the token', () => {
    const built = create({ 'rollback-target': 'netlify', 'netlify-token': TOKEN, 'netlify-site': 'my site', 'netlify-api-url': 'api.netlify.com' });
    expect(built.ok).toBe(false);
    const message = !built.ok ? built.error.message : '';
    expect(!built.ok && built.error.kind).toBe('config');
    expect(message).toContain('input `netlify-site`');
    expect(message).toContain('input `netlify-api-url`: must be an http:// or https:// URL');
    expect(message).not.toContain(TOKEN);
    expect(create({ 'rollback-target': 'netlify' })).toMatchObject({ ok: false, error: { message: 'input `netlify-token` is required with rollback-target netlify; input `netlify-site` is required with rollback-target netlify' } });
  });

  it('a token that cannot be a header value is one line naming the input, never the token', async () => {
    for (const [kind, input, extra] of [['netlify', 'netlify-token', { 'netlify-site': 'shop.netlify.app' }], ['vercel', 'vercel-token', { 'vercel-project': 'shop' }]] as const) {
      const built = create({ 'rollback-target': kind, [input]: `${TOKEN}\nsecond-line`, ...extra });
      expect(built.ok || built.error).toEqual({ kind: 'config', message: expect.stringMatching(new RegExp(`^input \`${input}\`: must be .*no spaces or line breaks$`)) });
      expect(JSON.stringify(built)).not.toContain(TOKEN);
    }
  });

  it('refuses an unknown kind, and a kind\'s inputs without `rollback-target`', () => {
    expect(create({ 'rollback-target': 'heroku' })).toMatchObject({ ok: false, error: { kind: 'config', message: 'input `rollback-target` must be one of flag, netlify, vercel, got `heroku`' } });
    expect(create({ 'netlify-site': 'shop' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('input `netlify-site` set but `rollback-target` is empty') } });
  });

  it('inputs another part reads (a traffic target\'s) are neither strays nor a reason to complain', () => {
    expect(create({ 'netlify-site': 'shop' }, ['netlify-site'])).toEqual({ ok: true, value: null });
  });
});

describe('auto-rollback inputs with a rollback target and PagerDuty', () => {
  it('a rollback target alone is enough to roll back with', () => {
    const inputs = readInputs({ ...NETLIFY, 'health-urls': 'https://shop.example.com/', duration: '5m', interval: '30s' });
    expect(inputs.rollbackTarget?.kind).toBe('netlify');
    expect(inputs.trafficTarget).toBeNull();
    expect(inputs.rollbackCommand).toBeNull();
  });

  it('a bad rollback target is named with the other mistakes', () => {
    expect(() => readInputs({ 'rollback-target': 'netlify', 'health-urls': 'https://shop.example.com/' })).toThrow('input `netlify-token` is required with rollback-target netlify');
  });

  it('reads PagerDuty: the routing key turns it on, the URL defaults to events.pagerduty.com', () => {
    const base = { ...NETLIFY, force: 'true' };
    expect(readInputs({ ...base, 'pagerduty-routing-key': 'R0UT1NGKEY' }).pagerduty).toEqual({ routingKey: 'R0UT1NGKEY', url: 'https://events.pagerduty.com' });
    expect(readInputs({ ...base, 'pagerduty-routing-key': 'R0UT1NGKEY', 'pagerduty-url': 'https://events.eu.pagerduty.com/' }).pagerduty?.url).toBe('https://events.eu.pagerduty.com');
    expect(readInputs(base).pagerduty).toBeNull();
    expect(() => readInputs({ ...base, 'pagerduty-url': 'https://events.eu.pagerduty.com' })).toThrow('input `pagerduty-url` is set but `pagerduty-routing-key` is empty');
    expect(() => readInputs({ ...base, 'pagerduty-routing-key': 'R0UT1NGKEY', 'pagerduty-url': 'events.pagerduty.com' })).toThrow('input `pagerduty-url` must be an http:// or https:// URL');
  });
});
