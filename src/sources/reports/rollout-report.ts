import path from 'node:path';
import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { STATUSES } from '../../engine/status.js';
import { type ActionName, type Report, POSITIVE_DECISIONS, SCHEMA_VERSION } from '../../report/model.js';
import { findFiles } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import { readJsonEvidence } from './json-evidence.js';
import { positiveContradiction } from './report-consistency.js';

/**
 * Reads reports written by rollout-guard actions (`report/model.ts`), so
 * gate-checks can take another action's verdict as evidence. The shape is
 * checked with zod; unknown extra keys are tolerated (a newer writer may add
 * some) but a missing or mistyped field names itself, and a positive
 * decision that its own checks contradict is malformed
 * (`report-consistency.ts`).
 */
export const ACTION_NAMES = Object.keys(POSITIVE_DECISIONS) as [ActionName, ...ActionName[]];

const nullableString = z.string().nullable();
const nullableValue = z.union([z.number(), z.string()]).nullable();

const checkSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  status: z.enum(STATUSES),
  level: z.enum(['required', 'advisory']),
  value: nullableValue,
  threshold: nullableValue,
  unit: z.string(),
  samples: z.number().int().min(0).nullable(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});

const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  action: z.enum(ACTION_NAMES),
  decision: z.string().min(1),
  summary: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  context: z.object({ repository: nullableString, sha: nullableString, ref: nullableString, environment: nullableString, runUrl: nullableString }),
  checks: z.array(checkSchema),
});

export interface ReadReport {
  /** The path as a person would write it: relative to the workspace. */
  file: string;
  report: Report;
}

/** Validates one parsed report; the fault names the file and the first bad field. */
export function parseRolloutReport(json: unknown, file: string): Result<Report, SourceFault> {
  // Without reportInput: the field is named, the value the file holds is not quoted.
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) return fault('malformed', `${file} is not a rollout-guard report: ${describeFirstIssue(parsed.error)}`);
  const report = parsed.data as Report;
  const contradiction = positiveContradiction(report);
  if (contradiction) return fault('malformed', `${file} contradicts itself: ${contradiction}; it was edited or not written by rollout-guard`);
  return ok(report);
}

/** Reads every report a path or glob matches, oldest name first; the first bad file stops the read. */
export async function readRolloutReports(pattern: string, workspace: string): Promise<Result<ReadReport[], SourceFault>> {
  const files = await findFiles(pattern, workspace);
  if (!files.ok) return files;
  const reports: ReadReport[] = [];
  for (const absolute of files.value) {
    const file = path.relative(workspace, absolute) || absolute;
    const json = await readJsonEvidence(absolute, file);
    if (!json.ok) return json;
    const report = parseRolloutReport(json.value, file);
    if (!report.ok) return report;
    reports.push({ file, report: report.value });
  }
  return ok(reports);
}

/** Whether a report's decision lets a later step go on (`go`, `pass`, `promote`, `complete`, `healthy`). */
export function isPositiveDecision(report: Pick<Report, 'action' | 'decision'>): boolean {
  return (POSITIVE_DECISIONS[report.action] as readonly string[]).includes(report.decision);
}
