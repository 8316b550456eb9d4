import type { Status } from '../engine/status.js';

/**
 * The one report all four actions write, and that gate-checks reads
 * back as evidence. `report.schema.json` beside this file is its published
 * JSON Schema; tests validate every report an action writes against it.
 */
export const SCHEMA_VERSION = 1;

export type ActionName = 'gate-checks' | 'lighthouse-budget' | 'canary-promote' | 'auto-rollback';

export interface ReportContext {
  repository: string | null;
  sha: string | null;
  ref: string | null;
  environment: string | null;
  runUrl: string | null;
}

export interface CheckReport {
  /** The policy name of the check, or the metric / URL judged. */
  name: string;
  /** The check type (`junit`, `metric`, …) or the judge's metric kind. */
  type: string;
  status: Status;
  /** `advisory` checks never block; they surface as warnings. */
  level: 'required' | 'advisory';
  /** The decisive measured value, in `unit`. */
  value: number | string | null;
  /** The decisive threshold, in `unit`; a string where it is not one number (e.g. a time window). */
  threshold: number | string | null;
  unit: string;
  /** How many samples, runs or files the value rests on. */
  samples: number | null;
  /** One line a person can act on. */
  message: string;
  /** Everything else that backs the verdict: comparisons, per-file counts, statistics. */
  evidence: Record<string, unknown>;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  action: ActionName;
  decision: string;
  summary: string;
  startedAt: string;
  finishedAt: string;
  context: ReportContext;
  checks: CheckReport[];
}

/** Decisions that let a later step go on, per action (gate-checks' `report` check reads this). */
export const POSITIVE_DECISIONS = {
  'gate-checks': ['go'],
  'lighthouse-budget': ['pass'],
  'canary-promote': ['promote', 'complete'],
  'auto-rollback': ['healthy'],
} as const satisfies Record<ActionName, readonly string[]>;
