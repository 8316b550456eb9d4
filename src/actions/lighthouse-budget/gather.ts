import path from 'node:path';
import * as core from '@actions/core';
import * as log from '../shared/log.js';
import { setOutput } from '../shared/outputs.js';
import { ConfigError } from '../../engine/result.js';
import { findChrome } from '../../sources/lighthouse/chrome-path.js';
import { type CollectedRun, collectRuns, planRuns } from '../../sources/lighthouse/collector.js';
import { openLighthouseRunner } from '../../sources/lighthouse/lighthouse-driver.js';
import { type InstallSource, type LighthouseInstall, installLighthouse, loadLighthouse, useExistingInstall } from '../../sources/lighthouse/lighthouse-runtime.js';
import { findNpm } from '../../sources/lighthouse/npm-run.js';
import { type LhrRun, fromCollected, readResultRuns } from '../../sources/lighthouse/lhr-run.js';
import type { BudgetInputs, CollectMode } from './inputs.js';

/** The runs to judge: the target's, and the baseline's when one was given. */
export interface GatheredRuns {
  targets: LhrRun[];
  baselines: LhrRun[];
  /** Non-LHR JSON files skipped in results folders. */
  skipped: string[];
}

export async function gatherRuns(inputs: BudgetInputs, workspace: string, env: NodeJS.ProcessEnv): Promise<GatheredRuns> {
  const gathered: GatheredRuns = { targets: [], baselines: [], skipped: [] };
  if (inputs.mode.kind === 'collect') {
    const collected = await collect(inputs.mode, workspace, env);
    gathered.targets = collected.filter((run) => run.role === 'target');
    gathered.baselines = collected.filter((run) => run.role === 'baseline');
  } else {
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

async function collect(mode: CollectMode, workspace: string, env: NodeJS.ProcessEnv): Promise<LhrRun[]> {
  // Chrome first: a machine without one fails in a second, before any install.
  const chrome = findChrome({ input: mode.chromePath, env, platform: process.platform });
  if (!chrome.ok) throw new ConfigError(chrome.error);
  log.info(`Chrome: ${chrome.value.path} (from ${chrome.value.from})`);
  const install = await core.group('Lighthouse', () => resolveInstall(mode, workspace, env));
  const api = await loadLighthouse(install);
  if (!api.ok) throw new ConfigError(api.error);
  const runner = await openLighthouseRunner(api.value, { chromePath: chrome.value.path, preset: mode.preset, timeoutMs: mode.runTimeoutMs });
  if (!runner.ok) throw new ConfigError(runner.error);
  const plan = planRuns(mode.urls, mode.baselineOf, mode.runs);
  const title = `Lighthouse ${api.value.version}, ${mode.preset}: ${plan.length} run(s) of ${mode.urls.length} URL(s)${mode.baselineOf.size > 0 ? ' interleaved with the baseline' : ''}`;
  try {
    const collected = await core.group(title, () => collectRuns(plan, runner.value.run, (run, position) => log.info(describeRun(run, position, plan.length))));
    return collected.map(fromCollected);
  } finally {
    runner.value.close();
  }
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
