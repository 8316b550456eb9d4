import type { Rational } from '../../engine/exact.js';
import type { DefaultLimit, MeasureTable } from '../../engine/limits.js';
import type { Result } from '../../engine/result.js';
import type { Status } from '../../engine/status.js';
import type { Dimension } from '../../engine/units.js';
import type { Annotation } from '../../report/annotation.js';
import type { SourceFault } from '../../sources/source-fault.js';

/**
 * One gate-checks check type. Each type is a file under `checks/` that
 * describes it (its measuring code is in a sibling loaded on first use),
 * registered in `checks/index.ts`: it reads its evidence and returns
 * measurements; holding them to the policy's `max-*`/`min-*` keys (and the
 * type's defaults) is the shared engine's job (`engine/limits.ts`), so every
 * type reports its thresholds the same way.
 */
export interface CheckSpec {
  /** The policy's name for this check. */
  name: string;
  type: string;
  level: 'required' | 'advisory';
  /** The raw policy entry, every key as written. */
  entry: Record<string, unknown>;
}

export interface CheckEnvironment {
  /** Where relative paths are resolved: `GITHUB_WORKSPACE` or the current directory. */
  workspace: string;
  /** The clock, injectable for the deploy window (input `now`). */
  now: Date;
  /** `override: true` lifts the deploy window (emergency deploys). */
  override: boolean;
  /** Environment variables the adapters may read (PERCY_TOKEN, …), passed in so checks stay testable. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface Measured {
  /** Values the policy's limits are held to, keyed by measure name. */
  measurements: Record<string, number | null>;
  /**
   * The exact value of a measure that is a ratio of counts (a pass rate,
   * coverage, growth), compared instead of its double so that float
   * rounding never decides a threshold. Never written into the report.
   */
  exact?: Record<string, Rational>;
  /** How many samples, files or runs the values rest on. */
  samples: number | null;
  evidence: Record<string, unknown>;
  annotations?: Annotation[];
  /**
   * How to show a measure when its policy dimension is too general, e.g. a
   * metric `value` that is a ratio shows as a percentage, labelled
   * `errors/requests` rather than `value`.
   */
  display?: Record<string, { dimension?: Dimension; label?: string }>;
  /**
   * A verdict of the type's own, for checks that are not threshold-shaped
   * (percy, deploy-window, report, command). Folded with the limits' status:
   * the worse one wins.
   */
  verdict?: { status: Status; message: string; value?: number | string | null; threshold?: number | string | null };
}

export interface CheckType {
  type: string;
  /** The measures `max-<measure>` / `min-<measure>` may name, and their dimensions. */
  measures: MeasureTable;
  /** The measure shown in the value column when no limit decides (e.g. `failed`). */
  headline?: string;
  /** Keys besides limits that the type accepts (`path`, `baseline`, …). */
  keys: readonly string[];
  /** Whether a `path` key is required. */
  needsPath: boolean;
  /**
   * Limits applied when the policy sets none of their family (shown as
   * `max-failed (default)`): what a user of the tool would expect, e.g. no
   * failing test, no critical vulnerability.
   */
  defaults?: readonly DefaultLimit[];
  /**
   * `own`: the type returns a verdict of its own (percy, deploy-window,
   * report, command), so it needs no threshold. Otherwise a check with no
   * threshold and no default is refused when the policy loads.
   */
  judgement: 'thresholds' | 'own';
  /** A threshold to suggest when a check of this type has none, e.g. `min-lines: 80`. */
  thresholdExample?: string;
  /** Checks the type's own keys when the policy loads; a problem names the key at fault. */
  checkEntry?(entry: Readonly<Record<string, unknown>>): { key: string; message: string } | null;
  measure(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>>;
}

export type { Dimension };
