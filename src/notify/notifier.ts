import type { Result } from '../engine/result.js';

/**
 * Where auto-rollback tells people what it did: a Slack
 * incoming webhook, a generic JSON webhook, a GitHub issue. Each is one file
 * implementing `Notifier`; each is optional, and a failure to notify is
 * reported but never blocks or undoes a rollback (the caller sends after the
 * rollback is done).
 */
export interface Notifier {
  readonly kind: string;
  /** Where it sends, without secrets (a webhook's host only, `octo/app issues`), for logs and the report. */
  readonly where: string;
  send(notice: RollbackNotice): Promise<Result<Delivery, NotifyFailure>>;
  /** Closes what an earlier `send` opened (a PagerDuty alert) once the environment is healthy again; only notifiers that open something have it. */
  resolve?(notice: RollbackNotice): Promise<Result<Delivery, NotifyFailure>>;
}

export interface Delivery {
  /** One line: `posted to hooks.slack.com`, `opened issue #12`. */
  message: string;
  /** A link to what was created, when there is one (the URL). */
  url: string | null;
  /** What others can cite it by, when it opened an incident elsewhere (PagerDuty's dedup key). */
  incident?: IncidentLink;
}

/** An incident another service holds for this rollback, cited in the incident issue. */
export interface IncidentLink {
  /** The service: `PagerDuty`. */
  service: string;
  /** Its key there: a dedup key, an incident number. */
  reference: string;
  url: string | null;
}

/** One instant of the run, for the incident issue's timeline. */
export interface TimelineEntry {
  /** ISO-8601. */
  at: string;
  event: string;
}

export interface NotifyFailure {
  /** One line naming the notifier and what went wrong, never a secret URL. */
  message: string;
  /** `config`: the receiver refused what we sent (a wrong key), retrying will not help; `provider`: it failed or could not be reached. */
  kind?: 'config' | 'provider';
}

/** One row of evidence: a metric, a health check or a rollback step. */
export interface EvidenceRow {
  name: string;
  /** `pass`, `fail`, `nodata`, `error`, … (the report's status vocabulary). */
  status: string;
  /** As shown: `14.2%`, `3 of 5 failed`. */
  value: string;
  threshold: string;
  message: string;
}

/** What happened, for every notifier; the generic webhook sends it as it is (see `webhook.ts`). */
export interface RollbackNotice {
  /** `rolled-back`, `rollback-failed`, `backend-failed`, … */
  decision: string;
  environment: string;
  /** The release under watch, the one rolled back. */
  version: string;
  /** The release traffic and the environment went back to, when known. */
  restoredRef: string | null;
  reason: string;
  /** ISO-8601, when the breach was detected (or the forced rollback asked for). */
  detectedAt: string | null;
  /** From the first breaching sample to traffic restored. */
  rollbackSeconds: number | null;
  /** The action's one-line summary. */
  summary: string;
  repository: string | null;
  runUrl: string | null;
  evidence: EvidenceRow[];
  /** The evidence as a Markdown table, for notifiers that show Markdown (the GitHub issue). */
  markdown: string;
  /** What happened when, oldest first. */
  timeline: TimelineEntry[];
  /** Incidents other notifiers opened for this rollback (filled before the GitHub issue is written). */
  incidents: IncidentLink[];
}
