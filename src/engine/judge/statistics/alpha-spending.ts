/**
 * The level of one look when a canary is judged again and again on its
 * growing window (one tick a minute during a step's bake time). Testing each
 * look at the full level α is sequential testing without correction: ten looks
 * at α = 1% raise a false alarm on a healthy canary in several percent of
 * rollouts, not 1% (`scripts/bench/judge-quality.ts` measures it).
 *
 * Rules here keep the chance of any false alarm over the planned looks at or
 * below α by the union bound, whatever the correlation between looks (so they
 * hold for exact discrete tests, where group-sequential boundaries computed
 * for normal statistics would only hold approximately):
 * - `none`: every look at α (what a cron that calls a fixed-level judge does).
 * - `bonferroni`: α/K at each of K looks.
 * - `peto` (default): Haybittle–Peto style. Interim looks share
 *   `PETO_INTERIM_SHARE` of α and the final look gets the rest, so a gross
 *   regression still stops the rollout early while the decision at the end
 *   of the bake time keeps nearly the power of a single test.
 *   (Haybittle 1971, Peto et al. 1976; Jennison & Turnbull, "Group
 *   Sequential Methods", ch. 2.)
 */
export const SPENDING_RULES = ['none', 'bonferroni', 'peto'] as const;
export type SpendingRule = (typeof SPENDING_RULES)[number];

/** Which look this is (1-based) of the looks planned for the step. */
export interface Look {
  index: number;
  count: number;
}

/**
 * Share of α spent on all interim looks together. Tuned with the bench: at
 * 10%, a doubled error rate is caught within a 10-look step about as often as
 * by one test at the end (≈0.3 points less than at 2%), while a quarter of
 * them are caught by look 5 instead of a seventh.
 */
export const PETO_INTERIM_SHARE = 0.1;

type LevelOf = (alpha: number, look: Look) => number;

const LEVELS = {
  none: (alpha) => alpha,
  bonferroni: (alpha, look) => alpha / look.count,
  peto: (alpha, look) => {
    if (look.count <= 1) return alpha;
    const interim = (alpha * PETO_INTERIM_SHARE) / (look.count - 1);
    // A look after the planned ones (a held step ticking on) is judged at the
    // interim level: each costs a little α, never a fresh full α.
    return look.index === look.count ? alpha * (1 - PETO_INTERIM_SHARE) : interim;
  },
} as const satisfies Record<SpendingRule, LevelOf>;

/** The level a test at this look must beat; one look (the default) gets all of α. */
export function alphaForLook(alpha: number, look: Look | undefined, rule: SpendingRule = 'peto'): number {
  if (look === undefined || !(look.count >= 1) || !(look.index >= 1)) return alpha;
  return LEVELS[rule](alpha, look);
}
