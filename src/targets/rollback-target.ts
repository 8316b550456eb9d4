import type { z } from 'zod';
import type { Result } from '../engine/result.js';
import type { HttpOptions } from '../sources/http/send-request.js';
import type { SourceFault } from '../sources/source-fault.js';

/**
 * A hosting platform's own rollback, for auto-rollback's `rollback-target`
 * input: put production back on the last good deployment the platform
 * knows (Vercel's instant rollback, Netlify's restore of a published
 * deploy). Each kind is one file exporting a `RollbackTargetKind`, listed
 * once in `rollback-registry.ts`, as traffic targets are in `registry.ts`.
 */
export interface RollbackTarget {
  readonly kind: string;
  /** One line for logs and evidence, without secrets: `Vercel project shop (team_123)`. */
  describe(): string;
  /** Puts production back on the last good deployment and reads it back. */
  rollBack(request: PlatformRollbackRequest): Promise<Result<PlatformRollback, SourceFault>>;
}

export interface PlatformRollbackRequest {
  /** The release under watch (a deployment id or URL, a SHA, a tag): what must stop serving. */
  version: string;
  /**
   * The deployment to go back to when the workflow or the state store knows
   * it (the last good release recorded in GitHub Deployments); otherwise the
   * target finds the previous production deployment itself.
   */
  lastGood: string | null;
  /** Shadow mode: find the deployment and say what would change, change nothing. */
  dryRun?: boolean;
}

/** What a platform rollback did, for the report and the job summary. */
export interface PlatformRollback {
  /** `describe()` of the target. */
  target: string;
  /** The deployment that serves production afterwards (its id), and a link to it when the platform gives one. */
  restored: { id: string; url: string | null };
  /** True when production already served it: nothing was changed (a re-run). */
  alreadyRestored: boolean;
  dryRun: boolean;
  /** One line per API call made, without secrets: `POST /v9/projects/shop/rollback/dpl_1 → 201`. */
  calls: string[];
  /** The read-back after the change. */
  verification: { passed: boolean; detail: string };
  durationMs: number;
}

/** What a platform target needs from its surroundings; passed in so targets stay testable. */
export interface RollbackTargetContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Timeouts, retries and the fetch implementation for the platform's API. */
  http?: HttpOptions;
}

/** One kind: the action inputs it reads (besides `rollback-target`), a schema over them, and a constructor. */
export interface RollbackTargetKind<Config> {
  kind: string;
  inputs: readonly string[];
  schema: z.ZodType<Config>;
  create(config: Config, context: RollbackTargetContext): RollbackTarget;
}
