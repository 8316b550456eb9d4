import type { ReportContext } from '../../report/model.js';

/**
 * The run's context for the report, from the runner's documented default
 * variables. Read here, at the edge, so the rest stays free of process.env.
 */
export function readReportContext(env: NodeJS.ProcessEnv, environment: string | null = null): ReportContext {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null;
  return {
    repository: env.GITHUB_REPOSITORY ?? null,
    sha: env.GITHUB_SHA ?? null,
    ref: env.GITHUB_REF ?? null,
    environment,
    runUrl,
  };
}
