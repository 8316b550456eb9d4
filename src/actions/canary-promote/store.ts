import { ConfigError } from '../../engine/result.js';
import { parseRepository } from '../../github/event.js';
import { type StateSpec, type StoreContext, createStateStore } from '../../state/registry.js';
import type { StateStore } from '../../state/state-store.js';
import { readReportContext } from '../shared/github-context.js';

/**
 * The state store the `state` input names, with what it needs from the
 * runner's environment (read here, at the edge). `state: github` keeps the
 * rollout in the repository's Deployments, each status linking this run.
 */
export async function openStateStore(spec: StateSpec, token: string | undefined, workspace: string, env: NodeJS.ProcessEnv): Promise<StateStore> {
  const context: StoreContext = { workspace };
  if (spec.kind === 'github') {
    const repository = parseRepository(env.GITHUB_REPOSITORY ?? '');
    if (!repository.ok) throw new ConfigError(`\`state: github\` needs the repository: ${repository.error}`);
    // Loaded only for this store: Octokit is most of the bundle, and file-state runs never need it.
    const { createGitHubClient } = await import('../../github/client.js');
    const octokit = await createGitHubClient({ token: token ?? '', apiUrl: env.GITHUB_API_URL });
    const logUrl = readReportContext(env).runUrl;
    context.github = { octokit, ...repository.value, ...(logUrl ? { logUrl } : {}) };
  }
  const store = createStateStore(spec, context);
  if (!store.ok) throw new ConfigError(store.error);
  return store.value;
}
