import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import * as log from '../shared/log.js';
import { setOutput } from '../shared/outputs.js';
import { pairBaselineUrls } from '../../engine/lighthouse/baseline-pairing.js';
import { ConfigError, type Result } from '../../engine/result.js';
import { resolveReadPath } from '../../sources/files.js';
import { findChrome } from '../../sources/lighthouse/chrome-path.js';
import { type CollectedRun, collectRuns, planRuns } from '../../sources/lighthouse/collector.js';
import { openLighthouseRunner } from '../../sources/lighthouse/lighthouse-driver.js';
import { type InstallSource, type LighthouseInstall, installLighthouse, loadLighthouse, useExistingInstall } from '../../sources/lighthouse/lighthouse-runtime.js';
import type { LhciConfig } from '../../sources/lighthouse/lhci-config.js';
import { findNpm } from '../../sources/lighthouse/npm-run.js';
import { type LhrRun, fromCollected, readResultRuns } from '../../sources/lighthouse/lhr-run.js';
import { discoverHtmlFiles, discoveredUrls, staticUrl } from '../../sources/lighthouse/static-site.js';
import type { StaticServer } from '../../sources/lighthouse/static-site-server.js';
import { type CollectPlan, planCollect } from './collect-plan.js';
import type { BudgetInputs, CollectMode } from './inputs.js';

/** The runs to judge: the target's, and the baseline's when one was given. */
export interface GatheredRuns {
  targets: LhrRun[];
  baselines: LhrRun[];
  /** Non-LHR JSON files skipped in results folders. */
  skipped: string[];
  /** Target URL → baseline URL of a collection with `baseline-url` (paired once the pages are known). */
  baselineOf?: Map<string, string>;
}

/** `config` is the lighthouserc of input `config`, already read (its ci.collect is used when collecting). */
export async function gatherRuns(inputs: BudgetInputs, workspace: string, env: NodeJS.ProcessEnv, config: LhciConfig | null = null): Promise<GatheredRuns> {
  const gathered: GatheredRuns = { targets: [], baselines: [], skipped: [], baselineOf: new Map() };
  if (inputs.mode.kind === 'collect') {
    const collected = await collect(inputs.mode, workspace, env, config);
    gathered.targets = collected.runs.filter((run) => run.role === 'target');
    gathered.baselines = collected.runs.filter((run) => run.role === 'baseline');
    gathered.baselineOf = collected.baselineOf;
  } else {
    if (config?.collect) log.info(`${config.file} ci.collect is not used: input \`results-path\` judges saved results`);
    const read = await readResultRuns(inputs.mode.resultsPath, workspace, 'target');
    if (!read.ok) throw new ConfigError(`input \`results-path\`: ${read.error.message}`);
    gathered.targets = read.value.runs;
    gathered.skipped.push(...read.value.skipped);
  }
  if (inputs.baselineResultsPath !== undefined) {
    const read = await readResultRuns(inputs.baselineResultsPath, workspace, 'baseline');
    if (!read.ok) throw new ConfigError(`input \`baseline-results-path\`: ${read.error.message}`);
    gathered.baselines = read.value.runs;
    gathered.skipped.push(...read.value.skipped);
  }
  return gathered;
}

async function collect(mode: CollectMode, workspace: string, env: NodeJS.ProcessEnv, config: LhciConfig | null): Promise<{ runs: LhrRun[]; baselineOf: Map<string, string> }> {
  const plan = planCollect(mode, config);
  if (!plan.ok) throw new ConfigError(plan.error);
  for (const warning of config?.collect?.warnings ?? []) log.warning(warning);
  for (const note of plan.value.notes) log.info(note);
  // Chrome first: a machine without one fails in a second, before any install.
  const chrome = findChrome({ input: plan.value.chromePath, env, platform: process.platform });
  if (!chrome.ok) throw new ConfigError(chrome.error);
  log.info(`Chrome: ${chrome.value.path} (from ${chrome.value.from})`);
  const pages = await openPages(plan.value, workspace, config?.file ?? '');
  try {
    const baselineOf = pairBaselines(mode, pages.urls);
    const install = await core.group('Lighthouse', () => resolveInstall(mode, workspace, env));
    const api = await loadLighthouse(install);
    if (!api.ok) throw new ConfigError(api.error);
    const { preset, flags, chromeFlags, formFactor, runs } = plan.value;
    const runner = await openLighthouseRunner(api.value, { chromePath: chrome.value.path, preset, flags, chromeFlags, timeoutMs: mode.runTimeoutMs });
    if (!runner.ok) throw new ConfigError(runner.error);
    const planned = planRuns(pages.urls, baselineOf, runs);
    const shownPreset = preset === 'perf' || preset === 'experimental' ? ` (${preset} preset)` : '';
    const title = `Lighthouse ${api.value.version}, ${formFactor}${shownPreset}: ${planned.length} run(s) of ${pages.urls.length} URL(s)${baselineOf.size > 0 ? ' interleaved with the baseline' : ''}`;
    try {
      const collected = await core.group(title, () => collectRuns(planned, runner.value.run, (run, position) => log.info(describeRun(run, position, planned.length))));
      return { runs: collected.map(fromCollected), baselineOf };
    } finally {
      runner.value.close();
    }
  } finally {
    await pages.server?.close();
  }
}

/** The URLs to measure; for a staticDistDir, the folder served on a local port (closed by the caller) and its pages. */
async function openPages(plan: CollectPlan, workspace: string, file: string): Promise<{ urls: string[]; server: StaticServer | null }> {
  if (plan.pages.kind === 'urls') return { urls: plan.pages.urls, server: null };
  const { dir, urls, singlePageApplication, discovery } = plan.pages;
  const key = `${file} ci.collect.staticDistDir`;
  const inside = await resolveReadPath(dir, workspace);
  if (!inside.ok) throw new ConfigError(`${key}: ${inside.error.message}`);
  const isFolder = await stat(inside.value).then((found) => found.isDirectory(), () => false);
  if (!isFolder) throw new ConfigError(`${key}: ${dir} is not a folder in the workspace (build the site before this step?)`);
  // Loaded only here: most runs measure deployed URLs and need no server.
  const { startStaticServer } = await import('../../sources/lighthouse/static-site-server.js');
  const server = await startStaticServer(inside.value, singlePageApplication);
  try {
    const served = urls.length > 0 ? urls.map((url) => onServer(staticUrl(url, server.port), key)) : discoveredUrls(await discoverHtmlFiles(inside.value, discovery.depth), server.port, discovery);
    if (served.length === 0) throw new ConfigError(`${key}: no HTML files found in ${dir} (down to ${discovery.depth} folder level(s), after autodiscoverUrlBlocklist), and no ci.collect.url names a page`);
    log.info(`serving ${dir} on ${server.origin} (as lhci collect does)${urls.length === 0 ? `: ${served.length} page(s) found` : ''}`);
    return { urls: [...new Set(served)], server };
  } catch (thrown) {
    await server.close();
    throw thrown;
  }
}

function onServer(url: Result<string>, key: string): string {
  if (!url.ok) throw new ConfigError(`${key.replace(/staticDistDir$/, 'url')}: ${url.error}`);
  return url.value;
}

/** `baseline-url` paired with the pages: already done when they came from input `urls`. */
function pairBaselines(mode: CollectMode, urls: string[]): Map<string, string> {
  if (mode.baselineUrls.length === 0 || mode.urls.length > 0) return mode.baselineOf;
  const paired = pairBaselineUrls(urls, mode.baselineUrls);
  if (!paired.ok) throw new ConfigError(`input \`baseline-url\`: ${paired.error}`);
  return paired.value;
}

async function resolveInstall(mode: CollectMode, workspace: string, env: NodeJS.ProcessEnv): Promise<LighthouseInstall> {
  if (mode.lighthousePath !== undefined) {
    const existing = await useExistingInstall(path.resolve(workspace, mode.lighthousePath));
    if (!existing.ok) throw new ConfigError(existing.error);
    log.info(`using lighthouse ${existing.value.version} from ${existing.value.modules} (input \`lighthouse-path\`)`);
    return existing.value;
  }
  const temp = path.join(env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp', 'rollout-guard', 'tool-cache');
  const started = Date.now();
  const installed = await installLighthouse({
    // The runner's tool cache outlives the job on a self-hosted runner and is what a workflow caches on a hosted one; RUNNER_TEMP when there is none or it cannot be written.
    toolCaches: env.RUNNER_TOOL_CACHE ? [env.RUNNER_TOOL_CACHE, temp] : [temp],
    npm: findNpm(process.execPath, env),
    env,
    timeoutMs: mode.installTimeoutMs,
    installedBy: env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'}/${env.GITHUB_JOB ?? ''}` : null,
    hosted: env.RUNNER_ENVIRONMENT === 'github-hosted',
    note: (line) => log.info(line),
  });
  if (!installed.ok) throw new ConfigError(installed.error);
  log.info(`lighthouse ${installed.value.version} from ${SOURCE_WORDS[installed.value.source]} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${installed.value.modules}`);
  if (installed.value.cacheKey !== null) setOutput('lighthouse-cache-key', installed.value.cacheKey);
  return installed.value;
}

const SOURCE_WORDS: Record<InstallSource, string> = {
  'lighthouse-path': 'input `lighthouse-path`',
  npm: 'a fresh npm install (npm cache preferred)',
  'earlier-step': 'the install of an earlier step of this job',
  'tool-cache': "the runner's tool cache (an earlier job's install)",
  'cache-restore': 'the tool cache as a cache restore (actions/cache) left it',
};

function describeRun(run: CollectedRun, position: number, total: number): string {
  const head = `[${position}/${total}] ${run.role === 'baseline' ? 'baseline ' : ''}${run.url} run ${run.index}`;
  const retried = run.attempts > 1 ? ' (after a retry)' : '';
  if (run.failure) return `${head}: failed${retried}: ${run.failure.code} ${run.failure.message}`;
  const categories = run.lhr?.categories as Record<string, { score?: number | null }> | undefined;
  return `${head}: performance ${categories?.performance?.score ?? '—'}${retried}`;
}
