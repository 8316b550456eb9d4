import type { RollbackNotice } from '../../src/notify/notifier.js';

/** A rollback as the action would describe it, for the notifier tests. */
export const NOTICE: RollbackNotice = {
  decision: 'rolled-back',
  environment: 'production',
  version: 'v2',
  restoredRef: 'v1',
  reason: 'error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)',
  detectedAt: '2026-03-03T10:04:00.000Z',
  rollbackSeconds: 3.4,
  summary: 'rolled back v2 in production to v1 in 3.4 s: error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)',
  repository: 'octo/app',
  runUrl: 'https://github.com/octo/app/actions/runs/42',
  evidence: [
    { name: 'error-rate', status: 'fail', value: '12%', threshold: 'max 5%', message: 'error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)' },
    { name: 'https://app.example.com/healthz', status: 'pass', value: '0', threshold: 'more than 3 failures in 5 checks', message: '0 of the last 5 checks failed; last: 200 in 12ms' },
    { name: 'rollback: traffic', status: 'pass', value: 'done', threshold: '', message: 'nginx upstream app in upstream.conf: 100% to the stable version in 40 ms' },
  ],
  timeline: [
    { at: '2026-03-03T10:00:00.000Z', event: 'watch started' },
    { at: '2026-03-03T10:02:00.000Z', event: 'first breaching sample' },
    { at: '2026-03-03T10:04:00.000Z', event: 'rollback decided: error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)' },
    { at: '2026-03-03T10:04:03.400Z', event: 'users back on the stable version' },
    { at: '2026-03-03T10:04:10.000Z', event: 'run ended: rolled-back' },
  ],
  incidents: [],
  markdown: '| Check | Type | Status | Value | Threshold | Samples | Details |\n|---|---|---|---|---|---|---|\n| error-rate | metric (ratio) | ❌ fail | 12% | max 5% | 7 | breached |',
};
