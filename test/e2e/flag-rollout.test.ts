import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_RATE_ANALYSIS, ratioDocument, readReport } from '../actions/auto-rollback/bundle-support.js';
import { type FlagsmithServer, type SegmentRule, startFlagsmithServer } from '../support/flagsmith-server.js';
import { type LaunchDarklyServer, booleanFlag, startLaunchDarklyServer } from '../support/launchdarkly-server.js';
import { type PostHogServer, startPostHogServer } from '../support/posthog-server.js';
import { type BundleRun, runBundle } from '../support/run-bundle.js';
import { type RunningUnleash, startUnleash } from '../support/unleash-server.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * A feature flag as the rollout's lever, every step through the bundles as
 * the runner runs them: canary-promote ticks a flag from 5% to 100% on
 * healthy metrics (each tick read back from the service), rolls a failing
 * canary back to 0%, and auto-rollback's kill switch (`rollback-target:
 * flag`) turns the flag off on a breach, its `rollback-seconds` the time to
 * flag-off. Against the real Unleash (unleash-server on Node 22 with
 * PostgreSQL) and the local Flagsmith, PostHog and LaunchDarkly (every
 * request and answer held to the vendor's description). Last, the flow of
 * `action-examples/flag-rollout.yml`: a Flagsmith flag judged on PostHog
 * events, per variant of the flag.
 */
const SHA = 'f1'.repeat(20);
const MINUTE = 60_000;
const T0 = Date.parse('2026-12-02T09:00:00Z');
const BAKE_MINUTES = 10;

/** One flag service as a rollout sees it: the inputs that name the flag, and the flag's state read straight from the service. */
interface FlagHarness {
  service: string;
  inputs: Record<string, string>;
  /** The share served and whether the flag is on, from the service itself, not from our code. */
  state(): Promise<{ on: boolean; share: number }>;
  /** Makes the flag afresh: off, 0%. */
  reset(): Promise<void>;
  secrets: string[];
}

let dir: string;
let unleash: RunningUnleash;
let launchDarkly: LaunchDarklyServer;
let flagsmith: FlagsmithServer;
let posthog: PostHogServer;
const harnesses: Record<string, FlagHarness> = {};

beforeAll(async () => {
  dir = await workspaceDir('flag-rollout');
  [unleash, launchDarkly, flagsmith, posthog] = await Promise.all([startUnleash(), startLaunchDarklyServer(), startFlagsmithServer(), startPostHogServer({ queries: true })]);
  harnesses.unleash = unleashHarness(unleash);
  harnesses.launchdarkly = launchDarklyHarness(launchDarkly);
  harnesses.flagsmith = flagsmithHarness(flagsmith);
  harnesses.posthog = postHogHarness(posthog);
}, 300_000);
afterAll(async () => {
  await Promise.all([unleash?.stop(), launchDarkly?.close(), flagsmith?.close(), posthog?.close()]);
});
afterEach(() => {
  expect(launchDarkly.problems).toEqual([]);
  expect(flagsmith.problems).toEqual([]);
  expect(posthog.problems).toEqual([]);
});

function unleashHarness(server: RunningUnleash): FlagHarness {
  let flag = '';
  let count = 0;
  const feature = () => `/api/admin/projects/default/features/${flag}`;
  const call = async (method: string, apiPath: string, body?: unknown) => {
    const answer = await server.admin(method, apiPath, body);
    if (answer.status >= 300) throw new Error(`${method} ${apiPath} → ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  const harness: FlagHarness = {
    service: 'unleash',
    inputs: {},
    secrets: [server.adminToken],
    async reset() {
      flag = `checkout-e2e-${++count}`;
      await call('POST', '/api/admin/projects/default/features', { name: flag });
      await call('POST', `${feature()}/environments/production/strategies`, { name: 'flexibleRollout', title: 'canary', parameters: { rollout: '0', stickiness: 'default', groupId: flag } });
      harness.inputs = { flag, 'flag-api-token': server.adminToken, 'flag-api-url': server.url, 'flag-environment': 'production' };
    },
    async state() {
      const read = (await call('GET', feature())) as { environments: { name: string; enabled: boolean; strategies: { name: string; parameters: { rollout: string } }[] }[] };
      const production = read.environments.find((environment) => environment.name === 'production')!;
      return { on: production.enabled, share: Number(production.strategies.find((strategy) => strategy.name === 'flexibleRollout')!.parameters.rollout) };
    },
  };
  return harness;
}

function launchDarklyHarness(server: LaunchDarklyServer): FlagHarness {
  const flag = 'new-checkout';
  return {
    service: 'launchdarkly',
    inputs: { flag, 'flag-api-token': server.token, 'flag-api-url': server.url, 'flag-project': server.projectKey, 'flag-environment': 'production' },
    secrets: [server.token],
    async reset() {
      server.reset();
      server.flags.set(flag, booleanFlag(flag, { percentage: 0, on: false }));
    },
    async state() {
      const production = server.flags.get(flag)!.environments.production!;
      const [onWeight] = production.fallthrough.rollout!.variations.map((entry) => entry.weight);
      return { on: production.on, share: onWeight! / 1_000 };
    },
  };
}

/** A PostHog flag whose one condition set without filters is the rollout. */
function postHogHarness(server: PostHogServer): FlagHarness {
  let count = 0;
  let key = '';
  const harness: FlagHarness = {
    service: 'posthog',
    inputs: {},
    secrets: [server.personalApiKey],
    async reset() {
      key = `new-checkout-e2e-${++count}`;
      server.addFlag({ key, active: false, filters: { groups: [{ properties: [], rollout_percentage: 0 }] } });
      harness.inputs = { flag: key, 'flag-api-token': server.personalApiKey, 'flag-api-url': server.url, 'flag-project': server.projectId };
    },
    async state() {
      const flag = server.flag(key);
      return { on: flag.active, share: (flag.filters.groups as { rollout_percentage: number }[])[0]!.rollout_percentage };
    },
  };
  return harness;
}

/** A Flagsmith feature whose rollout is a segment override with a % split, as Flagsmith documents percentage rollouts. */
function flagsmithHarness(server: FlagsmithServer): FlagsmithHarnessState & FlagHarness {
  let count = 0;
  const harness: FlagsmithHarnessState & FlagHarness = {
    service: 'flagsmith',
    inputs: {},
    secrets: [server.token],
    current: null,
    async reset() {
      count++;
      const production = server.addEnvironment(`Production e2e ${count}`);
      const feature = server.addFeature(`new_checkout_e2e_${count}`);
      const rules: SegmentRule[] = [{ type: 'ALL', rules: [{ type: 'ALL', conditions: [{ operator: 'PERCENTAGE_SPLIT', property: null, value: '0' }] }], conditions: [] }];
      const segment = server.addSegment(`checkout rollout e2e ${count}`, rules);
      server.addOverride(feature, segment, production, { enabled: false, value: 'v2' });
      harness.current = { environmentId: production.id, featureId: feature.id, segment };
      harness.inputs = { flag: feature.name, 'flag-api-token': server.token, 'flag-api-url': server.apiUrl, 'flag-environment': production.apiKey };
    },
    async state() {
      const { environmentId, featureId, segment } = harness.current!;
      const override = server.state.featureStates.find((state) => state.feature === featureId && state.featureSegment !== null && state.environment === environmentId)!;
      return { on: override.enabled, share: Number(segment.rules[0]!.rules![0]!.conditions[0]!.value) };
    },
  };
  return harness;
}

interface FlagsmithHarnessState {
  current: { environmentId: number; featureId: number; segment: { rules: SegmentRule[] } } | null;
}

/** The canary's and the baseline's requests and errors over a step: 0.5% for both when healthy, 10% on the canary when not. */
async function canaryAnalysis(name: string, canaryErrors: number): Promise<string> {
  const metrics = path.join(dir, `${name}-metrics.json`);
  const minutes = Array.from({ length: BAKE_MINUTES });
  await writeFile(
    metrics,
    JSON.stringify({
      interval: '1m',
      baseline: { requests: minutes.map(() => 1_000), errors: minutes.map(() => 5) },
      canary: { requests: minutes.map(() => 100), errors: minutes.map((_, minute) => (canaryErrors > 0 ? canaryErrors : minute % 2)) },
    }),
  );
  const file = path.join(dir, `${name}-analysis.yml`);
  await writeFile(file, `source: { type: file, path: ${metrics} }\ninterval: 1m\nmetrics:\n  error-rate:\n    ratio: { numerator: errors, denominator: requests }\n    max: 5%\n    max-increase: 100%\n`);
  return file;
}

const tick = (harness: FlagHarness, analysis: string, minute: number, state: string): Promise<BundleRun> =>
  runBundle('canary-promote', {
    cwd: dir,
    env: { GITHUB_SHA: SHA },
    inputs: {
      analysis,
      steps: '5,25,50,100',
      'bake-time': `${BAKE_MINUTES}m`,
      'canary-ref': SHA,
      environment: `production-${harness.inputs.flag}`,
      state: `file:${state}`,
      'traffic-target': harness.service,
      ...harness.inputs,
      'fail-on-rollback': 'false',
      now: new Date(T0 + minute * MINUTE).toISOString(),
    },
  });

/** The log as people read it: the runner hides values after `::add-mask::`, the one line that must carry them. */
const shown = (stdout: string): string => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

describe.each(['unleash', 'flagsmith', 'posthog', 'launchdarkly'])('a %s flag rolled out by the bundles', (service) => {
  it('goes 5 → 25 → 50 → 100% on healthy metrics, each step read back from the service, and completes', async () => {
    const harness = harnesses[service]!;
    await harness.reset();
    const analysis = await canaryAnalysis(`${service}-healthy`, 0);
    const state = path.join(dir, `${service}-healthy-state.json`);
    const seen: Array<[string | undefined, string | undefined, boolean, number]> = [];
    for (let step = 0; step <= 4; step++) {
      const run = await tick(harness, analysis, step * BAKE_MINUTES, state);
      expect(run.code, run.stdout).toBe(0);
      const now = await harness.state();
      seen.push([run.outputs.decision, run.outputs.weight, now.on, now.share]);
      for (const secret of harness.secrets) expect(shown(run.stdout) + run.summary).not.toContain(secret);
    }
    expect(seen).toEqual([
      ['start', '5', true, 5],
      ['promote', '25', true, 25],
      ['promote', '50', true, 50],
      ['promote', '100', true, 100],
      ['complete', '100', true, 100],
    ]);
  });

  it('rolls a canary with 10% errors back to 0% at its first step; the kill switch of auto-rollback then turns the flag off and reads it back', async () => {
    const harness = harnesses[service]!;
    await harness.reset();
    const state = path.join(dir, `${service}-faulty-state.json`);
    const faulty = await canaryAnalysis(`${service}-faulty`, 10);
    const start = await tick(harness, faulty, 0, state);
    expect([start.outputs.decision, start.outputs.weight], start.stdout).toEqual(['start', '5']);
    const rolled = await tick(harness, faulty, BAKE_MINUTES, state);
    expect([rolled.outputs.decision, rolled.outputs.weight], rolled.stdout).toEqual(['rollback', '0']);
    expect(await harness.state()).toMatchObject({ share: 0 });

    // Later the flag is back on at 50% (someone resumed it by hand) and the live error rate breaches: the kill switch.
    const resumed = await tick(harness, await canaryAnalysis(`${service}-resumed`, 0), 2 * BAKE_MINUTES, path.join(dir, `${service}-resumed-state.json`));
    expect(resumed.outputs.decision, resumed.stdout).toBe('start');
    expect(await harness.state()).toEqual({ on: true, share: 5 });
    // Placed in time so that the breaching minute ends now: `rollback-seconds` (counted from the start of that minute) is then 60 s plus breach → flag off, read back.
    const metrics = path.join(dir, `${service}-breach.json`);
    await writeFile(metrics, JSON.stringify({ ...JSON.parse(ratioDocument([0, 0, 0, 12])), start: new Date(Date.now() - 4 * MINUTE).toISOString() }));
    const analysis = path.join(dir, `${service}-breach.yml`);
    await writeFile(analysis, ERROR_RATE_ANALYSIS(metrics, 'consecutive: 1'));
    const { flag: _flag, ...rest } = harness.inputs;
    const watch = await runBundle('auto-rollback', {
      cwd: dir,
      env: { GITHUB_SHA: SHA },
      inputs: { analysis, duration: '0', version: SHA, 'rollback-target': 'flag', 'flag-service': service, flag: harness.inputs.flag!, ...rest },
    });
    expect(watch.code, watch.stdout).toBe(0);
    expect(watch.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true' });
    const seconds = Number(watch.outputs['rollback-seconds']);
    expect(seconds).toBeGreaterThanOrEqual(60);
    expect(seconds).toBeLessThan(90);
    expect(await harness.state()).toMatchObject({ on: false });
    const report = await readReport(watch.outputs.report);
    const killed = report.checks.find((check) => check.name === 'rollback: platform-rollback')!;
    expect(killed).toMatchObject({ status: 'pass', message: expect.stringMatching(/reads back off/) });
    console.log(`${service}: kill switch rollback-seconds ${watch.outputs['rollback-seconds']} (breach → flag off, read back); the flag-off call itself ${killed.message.match(/in (\d+) ms$/)?.[1]} ms`);
    for (const secret of harness.secrets) expect(shown(watch.stdout) + watch.summary + JSON.stringify(report)).not.toContain(secret);
  });
});

describe('the flag-rollout example: a Flagsmith flag judged on PostHog events, with the kill switch', () => {
  /** `perMinute(minute)` events a minute from minute `from` to `to` of the rollout's clock, each with the flag's variant as PostHog's `$feature/<flag>` property. */
  const seed = (flag: string, event: string, served: boolean, from: number, to: number, perMinute: (minute: number) => number, t0 = T0) => {
    for (let minute = from; minute < to; minute++) {
      const count = perMinute(minute);
      for (let n = 0; n < count; n++) posthog.events.push({ event, timestamp: t0 + minute * MINUTE + Math.floor(((n + 0.5) * MINUTE) / count), properties: { [`$feature/${flag}`]: served } });
    }
  };
  const analysis = async (name: string, text: string) => {
    const file = path.join(dir, `${name}.yml`);
    await writeFile(file, text);
    return file;
  };

  it('ticks the Flagsmith flag 5 → 100% on PostHog error rates per variant, then the watch kills it when errors climb', async () => {
    posthog.reset();
    const harness = harnesses.flagsmith!;
    await harness.reset();
    const flag = harness.inputs.flag!;
    // 0.5% errors on both sides for the 50 minutes of the rollout: the canary sees 100 page views a minute, the baseline 200.
    seed(flag, '$pageview', true, 0, 50, () => 100);
    seed(flag, '$exception', true, 0, 50, (minute) => minute % 2);
    seed(flag, '$pageview', false, 0, 50, () => 200);
    seed(flag, '$exception', false, 0, 50, () => 1);
    const canary = await analysis(
      'example-canary',
      `source: { type: posthog, url: ${posthog.url}, project: ${posthog.projectId}, flag: ${flag} }\ninterval: 1m\nmetrics:\n  error-rate:\n    ratio: { numerator: errors, denominator: pageviews }\n    max: 5%\n    max-increase: 100%\n`,
    );
    const state = path.join(dir, 'example-state.json');
    const decisions: string[] = [];
    for (let step = 0; step <= 4; step++) {
      const run = await runBundle('canary-promote', {
        cwd: dir,
        env: { GITHUB_SHA: SHA, POSTHOG_PERSONAL_API_KEY: posthog.personalApiKey },
        inputs: { analysis: canary, steps: '5,25,50,100', 'bake-time': `${BAKE_MINUTES}m`, 'canary-ref': SHA, environment: `production-${flag}`, state: `file:${state}`, 'traffic-target': 'flagsmith', ...harness.inputs, now: new Date(T0 + step * BAKE_MINUTES * MINUTE).toISOString() },
      });
      expect(run.code, run.stdout).toBe(0);
      decisions.push(`${run.outputs.decision} ${run.outputs.weight}`);
      if (step === 1) expect(run.summary).toMatch(/\| error-rate \| ✅ pass \| 0\.5% \(5\/1000\) \| 0\.5% \(10\/2000\) \|/);
      expect(shown(run.stdout) + run.summary).not.toContain(posthog.personalApiKey);
    }
    expect(decisions).toEqual(['start 5', 'promote 25', 'promote 50', 'promote 100', 'complete 100']);
    expect(await harness.state()).toEqual({ on: true, share: 100 });
    // PostHog was asked for events by the flag's variant: the canary `true`, the baseline `false`.
    const asked = posthog.calls.filter((call) => call.path.endsWith('/query/')).map((call) => (call.body as { query: { values: Record<string, unknown> } }).query.values);
    expect(new Set(asked.map((values) => `${String(values.flag_property)}=${String(values.flag_value)}`))).toEqual(new Set([`$feature/${flag}=true`, `$feature/${flag}=false`]));

    // At 100%, errors climb to 20% over the last minutes: the watch (one poll here, so one breaching minute is enough) kills the flag.
    const realNow = Date.now();
    seed(flag, '$pageview', true, -6, 0, () => 100, realNow);
    seed(flag, '$exception', true, -6, 0, (minute) => (minute >= -3 ? 20 : 0), realNow);
    const watched = await analysis('example-watch', `source: { type: posthog, url: ${posthog.url}, project: ${posthog.projectId} }\ninterval: 1m\nmetrics:\n  error-rate:\n    ratio: { numerator: errors, denominator: pageviews }\n    max: 5%\n    consecutive: 1\n`);
    const { flag: _flag, ...flagInputs } = harness.inputs;
    const watch = await runBundle('auto-rollback', {
      cwd: dir,
      env: { GITHUB_SHA: SHA, POSTHOG_PERSONAL_API_KEY: posthog.personalApiKey },
      inputs: { analysis: watched, duration: '0', version: SHA, 'rollback-target': 'flag', 'flag-service': 'flagsmith', flag, ...flagInputs },
    });
    expect(watch.code, watch.stdout).toBe(0);
    expect(watch.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true' });
    expect(await harness.state()).toEqual({ on: false, share: 100 });
    expect(shown(watch.stdout) + watch.summary).not.toContain(posthog.personalApiKey);
    expect(shown(watch.stdout) + watch.summary).not.toContain(flagsmith.token);
  });
});
