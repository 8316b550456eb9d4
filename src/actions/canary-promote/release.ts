import { type ReleaseRef, type RolloutPlan, isSameRelease, releaseName } from '../../engine/rollout/plan.js';
import type { RolloutState } from '../../engine/rollout/state.js';
import type { GivenReleases } from './inputs.js';

/**
 * Which release a tick is about, once the stored rollout is known. In order:
 * 1. `canary-ref` / `canary-version` when given: a new version starts (or
 *    supersedes) a rollout, the same one continues it.
 * 2. The environment's current rollout: a scheduled tick needs no ref, and
 *    a cron run on a newer commit of the default branch never restarts a
 *    rollout by accident (GITHUB_SHA moves with every push).
 * 3. GITHUB_SHA, for the first rollout of an environment.
 * 4. The name `canary`, with a warning: runs outside GitHub that name no
 *    version still work, and a finished rollout is never restarted by them.
 */
export interface SettledPlan {
  plan: RolloutPlan;
  /** How the canary was chosen, for the log and the report. */
  canarySource: 'input' | 'current rollout' | 'GITHUB_SHA' | 'default';
  /** Set when the choice deserves a warning. */
  warning: string | null;
}

const DEFAULT_RELEASE: ReleaseRef = { ref: 'canary', version: 'canary' };

export function settlePlan(plan: RolloutPlan, given: GivenReleases, stored: RolloutState | null, sha: string | undefined): SettledPlan {
  const picked = pickCanary(given, stored, sha);
  const stable = given.stable ?? inferStable(stored, picked.canary);
  return { plan: { ...plan, canary: picked.canary, stable }, canarySource: picked.source, warning: picked.warning };
}

function pickCanary(given: GivenReleases, stored: RolloutState | null, sha: string | undefined): { canary: ReleaseRef; source: SettledPlan['canarySource']; warning: string | null } {
  if (given.canary) return { canary: given.canary, source: 'input', warning: null };
  if (stored) return { canary: stored.plan.canary, source: 'current rollout', warning: null };
  if (sha) return { canary: { ref: sha, version: sha }, source: 'GITHUB_SHA', warning: null };
  const warning = 'no `canary-ref`, `canary-version` or GITHUB_SHA: the release is named `canary`; give `canary-ref` so a new version starts a new rollout';
  return { canary: DEFAULT_RELEASE, source: 'default', warning };
}

/**
 * The stable version when `stable-ref` is not given: a rollout that follows
 * a completed one replaces that release; otherwise the stable one stays.
 */
function inferStable(stored: RolloutState | null, canary: ReleaseRef): ReleaseRef | null {
  if (stored === null) return null;
  if (isSameRelease(stored.plan.canary, canary)) return stored.plan.stable;
  return stored.phase === 'complete' ? stored.plan.canary : stored.plan.stable;
}

/** The names a traffic command's `{canary}` and `{stable}` become. */
export function trafficNames(plan: RolloutPlan): { canary: string; stable: string } {
  return { canary: plan.canary.version, stable: plan.stable?.version ?? 'stable' };
}

/** `v2 (stable v1)`, for the summary. */
export function describeReleases(plan: RolloutPlan): string {
  return `${releaseName(plan.canary)}${plan.stable ? ` (stable ${releaseName(plan.stable)})` : ''}`;
}
