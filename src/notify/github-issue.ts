import type { Octokit } from '../github/client.js';
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

/**
 * The issue is the start of the post-mortem: the facts, the timeline the
 * run observed, the evidence, the incidents opened elsewhere, and the
 * questions a blameless review answers, as unchecked tasks so the team can
 * tick them off in the issue itself.
 */
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
  return [
    notice.summary,
    '',
    ...facts,
    '',
    ...timelineSection(notice),
    '### Evidence',
    '',
    notice.markdown,
    '',
    ...incidentsSection(notice),
    ...POST_MORTEM,
  ].join('\n');
}

function timelineSection(notice: RollbackNotice): string[] {
  if (notice.timeline.length === 0) return [];
  const rows = notice.timeline.map((entry) => `| ${entry.at} | ${cell(entry.event)} |`);
  return ['### Timeline (UTC)', '', '| When | What |', '|---|---|', ...rows, ''];
}

function incidentsSection(notice: RollbackNotice): string[] {
  if (notice.incidents.length === 0) return [];
  const lines = notice.incidents.map((incident) => `- **${incident.service}:** \`${incident.reference}\`${incident.url ? ` (${incident.url})` : ''}`);
  return ['### Incidents', '', ...lines, ''];
}

/** A table cell holds one line, and a `|` would end it. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

const POST_MORTEM = [
  '### Post-mortem',
  '',
  'Blameless: what in the system let this reach users, not who shipped it.',
  '',
  '- [ ] **Impact:** which users saw what, for how long (the timeline above gives detection and restore times)?',
  '- [ ] **Change:** what did the rolled-back release change, and which part caused the breach?',
  '- [ ] **Detection:** did the metrics above catch it as early as they could? Would a tighter threshold or a shorter interval have caught it sooner without false rollbacks?',
  '- [ ] **Gates:** why did the pre-deploy gates (tests, Lighthouse, canary analysis) not stop it?',
  '- [ ] **Rollback:** did the rollback and its verification go as planned? Anything manual?',
  '- [ ] **Prevention:** what check, test or alert prevents a repeat? Link the follow-up issues here.',
  '',
];
