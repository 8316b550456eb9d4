import type { Octokit } from '../../github/client.js';
import { ConfigError } from '../../engine/result.js';
import { createGitHubClient } from '../../github/client.js';
import { parseRepository } from '../../github/event.js';
import { createIssueNotifier } from '../../notify/github-issue.js';
import type { Notifier } from '../../notify/notifier.js';
import { createPagerDutyNotifier } from '../../notify/pagerduty.js';
import { createSlackNotifier } from '../../notify/slack.js';
import { createWebhookNotifier } from '../../notify/webhook.js';
import { createStateStore } from '../../state/registry.js';
import type { StateStore } from '../../state/state-store.js';
import { type LoadedAnalysis, loadAnalysis } from '../shared/metric-samples.js';
import type { RollbackInputs } from './inputs.js';

/**
 * Everything the inputs name, built once at the edge: the analysis and its
 * source, the state store, the GitHub client and the notifiers. A mistake is
 * a ConfigError naming the input or file.
 */
export interface Adapters {
  analysis: LoadedAnalysis | null;
  store: StateStore | null;
  notifiers: Notifier[];
}

export interface Edge {
  workspace: string;
  env: NodeJS.ProcessEnv;
}

export async function createAdapters(inputs: RollbackInputs, edge: Edge): Promise<Adapters> {
  const analysis = inputs.analysis === undefined || inputs.force ? null : await loadWatchAnalysis(inputs.analysis, edge);
  const octokit = inputs.githubToken ? await createGitHubClient({ token: inputs.githubToken, apiUrl: edge.env.GITHUB_API_URL }) : null;
  const repository = octokit ? parseRepository(edge.env.GITHUB_REPOSITORY ?? '') : null;
  if (repository && !repository.ok && (inputs.state?.kind === 'github' || inputs.createIssue)) throw new ConfigError(`cannot use GitHub: GITHUB_REPOSITORY ${repository.error}`);
  const github = octokit && repository?.ok ? { octokit, ...repository.value } : null;
  return { analysis, store: createStore(inputs, edge, github), notifiers: createNotifiers(inputs, github) };
}

/**
 * The analysis file of canary-promote serves here as it is: read
 * with relative thresholds allowed (judged where the source has a
 * baseline), and, when that reading fails, as a single-version file, whose
 * error is the one shown (its queries need no `{{variant}}`).
 */
async function loadWatchAnalysis(file: string, edge: Edge): Promise<LoadedAnalysis> {
  try {
    return await loadAnalysis(file, edge.workspace, edge.env, 'canary');
  } catch (thrown) {
    if (!(thrown instanceof ConfigError)) throw thrown;
    return loadAnalysis(file, edge.workspace, edge.env, 'live');
  }
}

type GitHub = { octokit: Octokit; owner: string; repo: string } | null;

function createStore(inputs: RollbackInputs, edge: Edge, github: GitHub): StateStore | null {
  if (inputs.state === null) return null;
  const runUrl = edge.env.GITHUB_REPOSITORY && edge.env.GITHUB_RUN_ID ? `${edge.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${edge.env.GITHUB_REPOSITORY}/actions/runs/${edge.env.GITHUB_RUN_ID}` : undefined;
  const store = createStateStore(inputs.state, {
    workspace: edge.workspace,
    ...(github ? { github: { octokit: github.octokit, owner: github.owner, repo: github.repo, ...(runUrl ? { logUrl: runUrl } : {}) } } : {}),
  });
  if (!store.ok) throw new ConfigError(store.error);
  return store.value;
}

function createNotifiers(inputs: RollbackInputs, github: GitHub): Notifier[] {
  const notifiers: Notifier[] = [];
  if (inputs.slackWebhook) notifiers.push(createSlackNotifier(inputs.slackWebhook));
  if (inputs.webhookUrl) notifiers.push(createWebhookNotifier(inputs.webhookUrl));
  if (inputs.pagerduty) notifiers.push(createPagerDutyNotifier(inputs.pagerduty));
  if (inputs.createIssue && github) notifiers.push(createIssueNotifier(github.octokit, { owner: github.owner, repo: github.repo, labels: ['rollback'] }));
  return notifiers;
}
