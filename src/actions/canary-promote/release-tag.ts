import { parseRepository } from '../../github/event.js';
import { publishRelease, tagNameProblem } from '../../github/release.js';
import type { TickOutcome } from './tick.js';

/**
 * `release-tag: true`: a rollout that reached `complete` gets a GitHub
 * release named after its version, tagged at its ref, so "what is in
 * production" is answered by the repository's releases. The rollout is done
 * whatever happens here: a failure is reported, never a changed decision.
 */
export interface ReleaseTagResult {
  /** The release's page, or `null` when none was published. */
  url: string | null;
  /** One line for the log. */
  message: string;
  isFailed: boolean;
}

export async function tagCompletedRelease(outcome: TickOutcome, token: string, env: NodeJS.ProcessEnv): Promise<ReleaseTagResult | null> {
  const state = outcome.state;
  if (outcome.dryRun || outcome.standing.decision !== 'complete' || state?.phase !== 'complete') return null;
  const { version, ref } = state.plan.canary;
  const problem = tagNameProblem(version);
  if (problem !== null) return { url: null, isFailed: true, message: `no release published: the version \`${version}\` cannot be a git tag (it ${problem}); name it with \`canary-version\`` };
  const repository = parseRepository(env.GITHUB_REPOSITORY ?? '');
  if (!repository.ok) return { url: null, isFailed: true, message: `no release published: GITHUB_REPOSITORY ${repository.error}` };
  // Loaded only here: Octokit is most of the bundle, and most ticks never need it.
  const { createGitHubClient } = await import('../../github/client.js');
  const octokit = await createGitHubClient({ token, apiUrl: env.GITHUB_API_URL });
  const body = `${outcome.standing.reason}\n\nPromoted to 100% by rollout-guard canary-promote${env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID ? ` in ${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : ''}.`;
  const published = await publishRelease(octokit, { ...repository.value, tag: version, target: ref, name: version, body });
  if (!published.ok) return { url: null, isFailed: true, message: `no release published for ${version}: ${published.error.message} (it needs \`contents: write\`)` };
  const what = published.value.status === 'created' ? `published release ${version} at ${ref}` : `release ${version} already exists; left as it is`;
  return { url: published.value.url, isFailed: false, message: `${what}: ${published.value.url}` };
}
