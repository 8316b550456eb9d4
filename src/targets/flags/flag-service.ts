import type { z } from 'zod';
import type { Result } from '../../engine/result.js';
import type { HttpOptions } from '../../sources/http/send-request.js';
import type { SourceFault } from '../../sources/source-fault.js';

/**
 * A feature-flag service as a rollout lever: the flag's percentage rollout
 * is the canary's share of users, and turning the flag off is the kill
 * switch. One file per service (`flagsmith.ts`, `posthog.ts`, `unleash.ts`,
 * `launchdarkly.ts`), listed once in `services.ts`; `flag-target.ts` makes
 * each a traffic target and `flag-rollback.ts` makes them auto-rollback's
 * `rollback-target: flag`.
 *
 * A service changes only the flag's rollout share and its on/off state in
 * the one environment named: other rules, segments, variants and targeting
 * stay as the team set them.
 */

/** The inputs every service reads (each reads the ones it needs). */
export const FLAG_INPUTS = ['flag', 'flag-api-token', 'flag-api-url', 'flag-project', 'flag-environment'] as const;
export type FlagInput = (typeof FLAG_INPUTS)[number];

/** The flag as the service serves it in the environment. */
export interface FlagState {
  /** On in the environment. Off serves nobody the new variant, whatever the rollout says. */
  enabled: boolean;
  /** The share of users the percentage rollout serves the new variant, 0–100. */
  percentage: number;
  /** One line of what was read, without secrets: `on, flexibleRollout 25% (stickiness default)`. */
  detail: string;
}

/** One API call a service made, for the evidence: `PATCH /api/projects/1/feature_flags/7/ → 200`. */
export interface FlagCall {
  /** Method and path, without query secrets: `PATCH /api/projects/1/feature_flags/7/`. */
  label: string;
  /** The answer's status, or `null` when none came. */
  status: number | null;
  durationMs: number;
}

/** A failed change, with the calls made before it. */
export interface FlagFault extends SourceFault {
  calls?: FlagCall[];
}

export interface FlagService {
  readonly kind: string;
  /** One line without secrets: `Flagsmith flag new-checkout in environment Production`. */
  describe(): string;
  /**
   * Reads the flag. An unknown flag, one without a percentage rollout to
   * drive, a project or environment the token cannot see: each a `config`
   * fault naming the input to fix.
   */
  read(): Promise<Result<FlagState, SourceFault>>;
  /**
   * Serves the new variant to `percentage` percent of users, 0–100, and turns
   * the flag on when `percentage` is above 0 (after the share is set, so no
   * moment serves an old, larger share). Changes nothing else. `current` is
   * the state `read()` just returned.
   */
  setPercentage(percentage: number, current: FlagState): Promise<Result<FlagCall[], FlagFault>>;
  /** The kill switch: the flag off in the environment, its rollout left as it was. */
  turnOff(current: FlagState): Promise<Result<FlagCall[], FlagFault>>;
}

/** One service: the inputs it reads (a subset of {@link FLAG_INPUTS}), a schema over them, a constructor. */
export interface FlagServiceKind<Config> {
  kind: string;
  /** The product's name for messages: `Flagsmith`. */
  title: string;
  inputs: readonly FlagInput[];
  schema: z.ZodType<Config>;
  create(config: Config, http: HttpOptions): FlagService;
}

/** The share the flag serves now: its rollout when on, nobody when off. */
export function servedShare(state: FlagState): number {
  return state.enabled ? state.percentage : 0;
}
