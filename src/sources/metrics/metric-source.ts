import { z } from 'zod';
import type { Result } from '../../engine/result.js';
import { parseDuration } from '../../engine/units.js';
import type { SourceFault } from '../source-fault.js';
import type { HttpOptions } from './fetch-json.js';

/**
 * A place live metrics come from (BRIEF §3 "Metric sources"): the gate's
 * `metric` check and the canary judge ask it for one series of one version
 * over a window. Each kind is one file exporting a `MetricSourceKind`, listed
 * once in `registry.ts`, as argo-rollouts' providers are one package each
 * behind one factory.
 */
export type Variant = 'baseline' | 'canary';

export interface MetricQuery {
  /** The series: a name in a `file`, the `{{series}}` placeholder of a URL or query. */
  series: string;
  /** Which version's samples; `null` for the one live version. */
  variant: Variant | null;
  /** How far back from `now` to read. */
  windowMs: number;
  now: Date;
}

export interface MetricSamples {
  /** The window's samples, oldest first; NaN marks a gap. */
  values: number[];
  /** The spacing of the samples, when the source knows it. */
  intervalMs: number | null;
}

export interface MetricSource {
  readonly kind: string;
  /** Where it reads, without credentials (a path, or a URL with secrets masked), for evidence. */
  readonly where: string;
  query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>>;
}

/** What a source may need from its surroundings; passed in so sources stay testable. */
export interface SourceContext {
  /** Relative paths resolve here. */
  workspace: string;
  /** Environment variables a source may read (a token named in config). */
  env: Readonly<Record<string, string | undefined>>;
  /** Timeouts, retries and the fetch implementation for HTTP sources. */
  http?: HttpOptions;
}

/** One kind of source: its config schema (strict, so a typo is an error) and a constructor. */
export interface MetricSourceKind<Config> {
  kind: string;
  schema: z.ZodType<Config>;
  create(config: Config, context: SourceContext): Result<MetricSource, SourceFault>;
}

/** A duration key (`30s`, `1m`, a bare number of ms), parsed with the engine's units. */
export const durationField = z.union([z.string(), z.number()]).transform((raw, context) => {
  const parsed = parseDuration(raw);
  if (parsed.ok) return parsed.value;
  context.addIssue({ code: 'custom', message: parsed.error });
  return z.NEVER;
});
