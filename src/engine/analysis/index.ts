/** The analysis file: parse it, and its types. */
export { parseAnalysis, type ParseOptions } from './parse-analysis.js';
export type { AnalysisMode } from './parse-metric.js';
export { METRIC_DEFAULTS, ANALYSIS_DEFAULTS } from './config.js';
export type * from './config.js';
