import * as core from '@actions/core';
import type { ActionName } from '../../report/model.js';
import { secretPartsOfUrl } from '../../sources/http/redact-url.js';
import { onSecret } from '../../sources/secret-registry.js';
import { Redactor, useRedactor } from './redactor.js';

/**
 * What each action knows to be secret, read from its `action.yml`:
 * - `inputs`: inputs whose whole value is a secret (tokens, webhook URLs);
 * - `webhooks`: of those, URLs whose path is the secret (a Slack webhook's
 *   `/services/T…/B…/…`), so the path alone is masked too when a server
 *   echoes it;
 * - `urls`: inputs holding URLs that are not secret as a whole but may
 *   carry one in their userinfo or query (`https://user:pass@…`, `?token=`);
 * - `env`: environment variables that hold credentials.
 * Credentials a metric source reads from a variable its config names
 * (`token-env`, `auth.bearer-env`, `api-key-env`) are added as the source
 * reads them (`src/sources/secret-registry.ts`).
 */
interface SecretSpec {
  inputs: readonly string[];
  webhooks: readonly string[];
  urls: readonly string[];
  env: readonly string[];
}

/** The runner's own credentials and the usual token variables: never meant for a report, whoever prints them. */
const COMMON_ENV = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'] as const;

export const RUN_SECRETS = {
  'gate-checks': { inputs: ['github-token'], webhooks: [], urls: [], env: ['PERCY_TOKEN', 'SENTRY_AUTH_TOKEN'] },
  'lighthouse-budget': { inputs: ['github-token', 'server-token', 'basic-auth-password'], webhooks: [], urls: ['urls', 'baseline-url', 'server-base-url'], env: [] },
  'canary-promote': { inputs: ['github-token', 'vercel-token', 'pagerduty-routing-key'], webhooks: [], urls: [], env: ['SENTRY_AUTH_TOKEN'] },
  'auto-rollback': { inputs: ['github-token', 'slack-webhook', 'webhook-url', 'vercel-token', 'netlify-token', 'pagerduty-routing-key'], webhooks: ['slack-webhook', 'webhook-url'], urls: ['health-urls'], env: ['SENTRY_AUTH_TOKEN'] },
} as const satisfies Record<ActionName, SecretSpec>;

/**
 * Userinfo is masked at any length (a password may be short); a query value
 * only from 8 characters, as `?v=1` or `?format=json` are no secrets and
 * masking them would mask every `1` in the log. URLs are shown through
 * `redactUrl` anyway, which masks every query value.
 */
const MIN_QUERY_SECRET = 8;

/** Unsubscribes the previous run's redactor (a second run in one process: tests, `@github/local-action`). */
let stopListening: () => void = () => undefined;

/**
 * Builds the run's redactor, registers every secret with the runner, and
 * makes it the one the shared writers apply. Call first thing in `run()`,
 * before any input is read, so no message can show a secret.
 */
export function protectRun(action: ActionName, getInput: (name: string) => string, env: NodeJS.ProcessEnv): Redactor {
  const redactor = new Redactor((secret) => core.setSecret(secret));
  const spec: SecretSpec = RUN_SECRETS[action];
  for (const name of spec.inputs) redactor.add(getInput(name));
  for (const name of spec.webhooks) webhookSecrets(getInput(name).trim()).forEach((part) => redactor.add(part));
  for (const name of spec.urls) {
    for (const url of getInput(name).split(/\s+/).filter((word) => /^https?:\/\//.test(word))) urlSecrets(url).forEach((part) => redactor.add(part));
  }
  for (const name of [...COMMON_ENV, ...spec.env]) redactor.add(env[name]);
  stopListening();
  stopListening = onSecret((secret) => redactor.add(secret));
  useRedactor(redactor);
  return redactor;
}

/** A webhook's path and its token-like segments (16 characters or more: Slack's secret is 24, its `services` and team ids are not secrets), besides what any URL may carry. */
function webhookSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const path = parsed.pathname === '/' ? [] : [parsed.pathname, ...parsed.pathname.split('/').filter((segment) => segment.length >= 16)];
  return [...path, ...urlSecrets(url)];
}

function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const userinfo = secretPartsOfUrl(`${parsed.protocol}//${parsed.username}:${parsed.password}@${parsed.host}`);
  const query = [...parsed.searchParams.values()].filter((value) => value.length >= MIN_QUERY_SECRET);
  return [...userinfo, ...query];
}
