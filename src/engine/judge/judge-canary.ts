import type { AnalysisConfig } from '../analysis/config.js';
import { classifyMetric } from './classify-metric.js';
import { tallyOutcomes } from './score.js';
import { type Look, type SpendingRule, alphaForLook } from './statistics/alpha-spending.js';
import { type Stage, sequentialLevels } from './statistics/sequential-levels.js';
import { decideVerdict } from './verdict.js';
import type { CanarySamples, Judgement } from './types.js';

/**
 * The canary judge, stage by stage as Kayenta's NetflixACAJudge
 * connects them: transform and statistics per metric (`assess-*.ts`),
 * classify (`classify-metric.ts`), score (`score.ts`), verdict
 * (`verdict.ts`). Pure: samples in, judgement out.
 */
export interface JudgeOptions {
  /**
   * Which look this is when a step's growing window is judged tick after tick
   * (canary-promote: look `elapsed / interval` of `bake-time / interval`).
   * Without it the judgement is one test at the full level; with it each
   * look's level is cut so false alarms over the whole step stay at
   * 1 − confidence (see `statistics/alpha-spending.ts`).
   */
  look?: Look;
  /** How the level is shared between looks; default `peto`. */
  spending?: SpendingRule;
  /** A look during the bake: no data holds rather than fails (see `ClassifyOptions`). */
  isInterim?: boolean;
  /**
   * Which of the rollout's steps with a baseline this is, for `method:
   * sequential` metrics, whose level is shared over the whole rollout
   * (`statistics/sequential-levels.ts`). Without it the step gets all of it.
   */
  stage?: Stage;
}

export function judgeCanary(config: AnalysisConfig, samples: CanarySamples, options: JudgeOptions = {}): Judgement {
  const metrics = config.metrics.map((metric) => {
    const isInterim = options.isInterim ?? false;
    if (metric.method === 'sequential' && metric.measure.kind !== 'series') {
      const levels = sequentialLevels(1 - metric.confidence, options.look, options.stage);
      return classifyMetric(metric, samples[metric.name], levels.anytime + (levels.fixed ?? 0), { isInterim, sequential: levels });
    }
    const alpha = alphaForLook(1 - metric.confidence, options.look, options.spending);
    return classifyMetric(metric, samples[metric.name], alpha, { isInterim });
  });
  const tally = tallyOutcomes(metrics);
  const { verdict, reason } = decideVerdict(tally, config.failureLimit);
  return { verdict, reason, metrics, tally, failureLimit: config.failureLimit, look: options.look ?? null };
}
