import { type Status, worstStatus } from '../status.js';
import { type BudgetAssertion, assertionKey, isFailure, isUnmeasured, isWarning } from './assertion-result.js';
import { type MetricRow, type MetricStats, type TableMetricId, buildMetricRows, otherAssertions, statusOfAssertion, statusOfRegression } from './metric-rows.js';
import { REGRESSION_METRICS, type Regression } from './regression.js';

/**
 * The verdict of lighthouse-budget: per URL, then for the run. It agrees
 * with `lhci assert` on the assertions (any error-level failure fails, warn
 * never does) and adds what LHCI does not judge: a regression against the
 * baseline, and a URL whose runs failed, which is an error and never a pass.
 */
export interface UrlEvidence {
  /** The URL as the runs reported it (LHCI's `finalUrl`), or the requested one when no run loaded it. */
  url: string;
  /** Runs that produced measurements. */
  runs: number;
  /** Runs Lighthouse could not complete (after the retry), with their error codes. */
  failedRuns: { code: string; message: string }[];
  /** Why the runs contradict each other (run-consistency.ts), or null. */
  contradiction: string | null;
  stats: Partial<Record<TableMetricId, MetricStats>>;
  assertions: BudgetAssertion[];
  /** The baseline's stats for this URL, when a baseline was given. */
  baseline: { url: string; stats: Partial<Record<TableMetricId, MetricStats>> } | null;
  /** Why a baseline was given but none matched this URL or its runs failed. */
  baselineProblem: string | null;
  regressions: Regression[];
}

/** One URL judged: its status, table rows and the keys that decided. */
export interface UrlVerdict {
  url: string;
  status: Status;
  rows: MetricRow[];
  /** Assertions on other audits that did not pass, worst first. */
  otherFailures: BudgetAssertion[];
  /** How many assertions on other audits passed. */
  otherPassed: number;
  /** Error-level assertion keys that failed. */
  failed: string[];
  /** Warn-level assertion keys that failed. */
  warnings: string[];
  /** Metrics that regressed beyond `max-regression` (or could not be compared). */
  regressed: string[];
  /** One line: what decided the status. */
  message: string;
}

/** The run judged: the decision and the lists behind the outputs. */
export interface BudgetVerdict {
  decision: 'pass' | 'fail';
  urls: UrlVerdict[];
  /** Error-level assertion keys that failed on any URL, once each, in order. */
  failedAssertions: string[];
  warnings: string[];
  regressions: string[];
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

export function judgeUrl(evidence: UrlEvidence): UrlVerdict {
  const rows = buildMetricRows(evidence.stats, evidence.assertions, evidence.baseline?.stats ?? null, evidence.regressions);
  const others = otherAssertions(evidence.assertions);
  const otherFailures = others.filter((result) => !result.passed).sort((a, b) => Number(isWarning(a)) - Number(isWarning(b)));
  const failed = unique(evidence.assertions.filter(isFailure).map(assertionKey));
  const warnings = unique(evidence.assertions.filter(isWarning).map(assertionKey));
  const regressed = evidence.regressions.filter((r) => r.status !== 'pass').map((r) => `regression:${r.metric}`);
  if (evidence.baselineProblem) regressed.push('regression:baseline');
  const statuses: Status[] = [
    ...evidence.assertions.map(statusOfAssertion),
    ...evidence.regressions.map(statusOfRegression),
    ...(evidence.baselineProblem ? (['fail'] as const) : []),
    // A run that failed after its retry is an error, whatever the others measured; so are runs that contradict each other.
    ...(evidence.failedRuns.length > 0 || evidence.runs === 0 || evidence.contradiction !== null ? (['error'] as const) : []),
    // Runs that no threshold judged prove nothing: a pass needs at least one budget or regression that applied.
    ...(isUnjudged(evidence) ? (['nodata'] as const) : []),
  ];
  const status = worstStatus(statuses);
  return { url: evidence.url, status, rows, otherFailures, otherPassed: others.length - otherFailures.length, failed, warnings, regressed, message: describeUrl(evidence, failed, warnings) };
}

const isUnjudged = (evidence: UrlEvidence): boolean => evidence.assertions.length === 0 && evidence.regressions.length === 0 && evidence.baselineProblem === null;

function describeUrl(evidence: UrlEvidence, failed: string[], warnings: string[]): string {
  const parts: string[] = [];
  const unmeasured = unique(evidence.assertions.filter(isUnmeasured).map(assertionKey));
  const breached = failed.filter((key) => !unmeasured.includes(key));
  if (evidence.failedRuns.length > 0) {
    const codes = unique(evidence.failedRuns.map((run) => run.code)).join(', ');
    const first = evidence.failedRuns[0]!.message;
    const why = first ? `: ${first.length > 160 ? `${first.slice(0, 157)}...` : first}` : '';
    parts.push(`${evidence.runs === 0 ? 'every run failed' : `${evidence.failedRuns.length} run(s) failed`} (${codes})${why}`);
  }
  if (evidence.contradiction !== null) parts.push(evidence.contradiction);
  if (unmeasured.length > 0) parts.push(`no value for ${unmeasured.join(', ')} (the runs lack this audit or its value: a misspelt audit id or option, or an audit this Lighthouse does not produce)`);
  if (breached.length > 0) parts.push(`failed ${breached.join(', ')}`);
  for (const regression of evidence.regressions.filter((r) => r.status !== 'pass')) parts.push(describeRegression(regression));
  if (evidence.baselineProblem) parts.push(evidence.baselineProblem);
  if (warnings.length > 0) parts.push(`warned ${warnings.join(', ')}`);
  if (parts.length > 0) return parts.join('; ');
  const asserted = evidence.assertions.length;
  const compared = evidence.regressions.length;
  if (isUnjudged(evidence)) return `${evidence.runs} run(s) but no budget applies to this URL (does a matchingUrlPattern or budget path leave it out?), so nothing was judged`;
  return `${asserted} assertion(s) passed${compared > 0 ? `, no regression beyond max-regression in ${compared} metric(s)` : ''} over ${evidence.runs} run(s)`;
}

/** `largest-contentful-paint regressed 34% (allowed 20%)`, or why it could not be compared. */
export function describeRegression(regression: Regression): string {
  const allowed = `${round(regression.allowed * 100)}%`;
  if (regression.status === 'nodata') return `${regression.metric}: no ${regression.target === null ? 'target' : 'baseline'} value to compare (max-regression ${allowed})`;
  const worsening = regression.worsening === Infinity ? 'from a baseline of 0' : `${round((regression.worsening ?? 0) * 100)}%`;
  const verb = REGRESSION_METRICS[regression.metric].worse === 'lower' ? 'dropped' : 'rose';
  return `${regression.metric} ${verb} ${worsening} against the baseline (allowed ${allowed})`;
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** The run's decision: `pass` only when every URL passed or only warned. */
export function decideBudget(urls: readonly UrlVerdict[]): BudgetVerdict {
  const blocking = urls.length === 0 || urls.some((url) => url.status !== 'pass' && url.status !== 'warn');
  return {
    decision: blocking ? 'fail' : 'pass',
    urls: [...urls],
    failedAssertions: unique(urls.flatMap((url) => url.failed)),
    warnings: unique(urls.flatMap((url) => url.warnings)),
    regressions: unique(urls.flatMap((url) => url.regressed)),
  };
}
