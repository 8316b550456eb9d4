import type { Octokit } from '@octokit/rest';
import { type Result, err, ok } from '../engine/result.js';
import { createIssue } from '../github/issue.js';
import type { Delivery, Notifier, NotifyFailure, RollbackNotice } from './notifier.js';

/**
 * A GitHub issue recording the rollback, titled with the environment and the
 * refs so a search for either finds it, and carrying the evidence table
 * (needs `issues: write`). One issue per rollback: a re-run that finds the
 * release already rolled back sends nothing (the caller skips notifiers).
 */
export const ISSUE_KIND = 'github-issue';

export interface IssueNotifierOptions {
  owner: string;
  repo: string;
  labels?: string[];
}

export function createIssueNotifier(octokit: Octokit, options: IssueNotifierOptions): Notifier {
  const where = `${options.owner}/${options.repo} issues`;
  return {
    kind: ISSUE_KIND,
    where,
    async send(notice: RollbackNotice): Promise<Result<Delivery, NotifyFailure>> {
      const created = await createIssue(octokit, { owner: options.owner, repo: options.repo, title: issueTitle(notice), body: issueBody(notice), labels: options.labels ?? [] });
      if (!created.ok) return err({ message: `could not open an issue in ${where}: ${created.error.message}` });
      return ok({ message: `opened issue #${created.value.number}`, url: created.value.url });
    },
  };
}

const TITLES: Record<string, (notice: RollbackNotice) => string> = {
  'rolled-back': (n) => `Rolled back ${n.version} in ${n.environment}${n.restoredRef ? ` to ${n.restoredRef}` : ''}`,
  'rollback-failed': (n) => `Rollback of ${n.version} in ${n.environment} FAILED${n.restoredRef ? ` (meant to restore ${n.restoredRef})` : ''}`,
  'backend-failed': (n) => `Watch of ${n.version} in ${n.environment} stopped: the metrics backend failed`,
};

export function issueTitle(notice: RollbackNotice): string {
  const title = TITLES[notice.decision]?.(notice) ?? `auto-rollback ${notice.decision}: ${notice.version} in ${notice.environment}`;
  return `rollout-guard: ${title}`;
}

export function issueBody(notice: RollbackNotice): string {
  const facts = [
    `- **Environment:** ${notice.environment}`,
    `- **Rolled back:** \`${notice.version}\``,
    `- **Restored:** ${notice.restoredRef ? `\`${notice.restoredRef}\`` : '—'}`,
    `- **Reason:** ${notice.reason}`,
    `- **Detected at:** ${notice.detectedAt ?? '—'}`,
    `- **Rollback time:** ${notice.rollbackSeconds === null ? '—' : `${notice.rollbackSeconds.toFixed(1)} s from the first breaching sample to traffic restored`}`,
    ...(notice.runUrl ? [`- **Run:** ${notice.runUrl}`] : []),
  ];
  return [notice.summary, '', ...facts, '', '### Evidence', '', notice.markdown, ''].join('\n');
}
