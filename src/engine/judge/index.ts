/** The canary judge and single-version mode: what the actions import. */
export { judgeCanary, type JudgeOptions } from './judge-canary.js';
export { judgeLive, sampleOutcomes, faultOutcome, watchMetric } from './single-version.js';
export { classifyMetric } from './classify-metric.js';
export { alphaForLook, SPENDING_RULES, type Look, type SpendingRule } from './statistics/alpha-spending.js';
export type * from './types.js';
