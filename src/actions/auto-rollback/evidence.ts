import { type BreachRule, type SampleOutcome, describeBreachRule, findBreach } from '../../engine/breach.js';
import { type Rational, compare, fraction } from '../../engine/exact.js';
import { significant } from '../../engine/judge/format.js';
import type { HealthTrack, MetricTrack } from './tracks.js';

/**
 * Pure: whether a watch that met no rule saw enough to call the release
 * healthy. A release is healthy only on evidence that could have shown it
 * was not, so for each metric whose `on-no-data` is not `pass`:
 * (a) its samples with data admit its breach rule: had every one of them
 *     breached, the rule would have fired. Too few samples, or samples with
 *     data never close enough together for `consecutive: 5`, fail this.
 * (b) its samples with data are at least `min-coverage` (default 50%) of the
 *     samples the watch should have seen: for a stream (the `file` source)
 *     the samples present; for a query source, each poll's worth (the most
 *     samples one read brought, at least 1) for every poll of the watch,
 *     polls skipped during an outage included.
 * Each health URL must have been checked often enough for its rule to fire.
 * And at least one metric or health URL must meet these on data: a watch
 * whose metrics all say `on-no-data: pass` and had none judged nothing.
 * A sample "with data" is one held to a fail-level threshold on data.
 */
export interface EvidencePlan {
  /** Polls the watch made. */
  polls: number;
  /** The `file` stream: coverage counts the samples present, not polls. */
  isStream: boolean;
  /** Least share of expected samples that must have data, exactly (1/2 for 50%). */
  minCoverage: Rational;
  /** As written, for messages: `50%`. */
  minCoverageText: string;
}

export interface Shortfall {
  kind: 'metric' | 'health';
  name: string;
  /** One line, e.g. `error-rate had data in 1 sample, too few for its rule (5 consecutive samples) to fire`. */
  message: string;
}

export interface EvidenceAssessment {
  /** What keeps the watch from `healthy`; empty when the evidence is enough. */
  shortfalls: Shortfall[];
  /** Per metric and per health URL, in order: its own shortfall (an `on-no-data: pass` metric's too), or `null`. */
  metrics: (string | null)[];
  health: (string | null)[];
}

export function assessEvidence(metrics: readonly MetricTrack[], health: readonly HealthTrack[], plan: EvidencePlan): EvidenceAssessment {
  const metricNotes = metrics.map((track) => metricShortfall(track, plan));
  const healthNotes = health.map(healthShortfall);
  const shortfalls: Shortfall[] = [
    ...metrics.flatMap((track, index): Shortfall[] => (metricNotes[index] && track.metric.onNoData !== 'pass' ? [{ kind: 'metric', name: track.metric.name, message: metricNotes[index] }] : [])),
    ...health.flatMap((track, index): Shortfall[] => (healthNotes[index] ? [{ kind: 'health', name: track.shown, message: healthNotes[index] }] : [])),
  ];
  const isAnyJudged = [...metricNotes, ...healthNotes].some((note) => note === null);
  if (!isAnyJudged && shortfalls.length === 0) shortfalls.push({ kind: 'metric', name: '', message: 'no metric or health URL was judged on data' });
  return { shortfalls, metrics: metricNotes, health: healthNotes };
}

/** Why a metric's samples are too thin to call it healthy, or `null` when they are enough. */
export function metricShortfall(track: MetricTrack, plan: EvidencePlan): string | null {
  const { metric, judged, outcomes } = track;
  const withData = judged.filter(Boolean).length;
  const expected = plan.isStream ? outcomes.length : plan.polls * Math.max(1, track.mostPerRead);
  const rule = describeBreachRule(metric.breach);
  if (withData === 0) return `${metric.name} had no data in ${samples(expected)}`;
  if (!admitsRule(outcomes, judged, metric.breach)) {
    const had = withData === expected ? samples(withData) : `${withData} of ${samples(expected)}`;
    if (withData < ruleSize(metric.breach)) return `${metric.name} had data in ${had}, too few for its rule (${rule}) to fire`;
    return `${metric.name} had data in ${withData} of ${samples(expected)}, never in a run long enough for its rule (${rule}) to fire`;
  }
  if (compare(fraction(withData, expected), plan.minCoverage) < 0) {
    return `${metric.name} had data in ${withData} of ${samples(expected)} (${significant((withData / expected) * 100, 2)}%), less than min-coverage ${plan.minCoverageText}`;
  }
  return null;
}

/** Checks of a URL are never missing (an unreachable URL is a failed check), so only their number can fall short. */
export function healthShortfall(track: HealthTrack): string | null {
  const needed = ruleSize(track.rule);
  const made = track.outcomes.length;
  return made >= needed ? null : `${track.shown} was checked ${made} time${made === 1 ? '' : 's'}, too few for its rule (${needed} failed checks) to fire`;
}

/** Had every sample with data breached, would the rule have fired? Samples without data keep their outcome (`on-no-data: fail` breaches). */
function admitsRule(outcomes: readonly SampleOutcome[], judged: readonly boolean[], rule: BreachRule): boolean {
  const worst = outcomes.map((outcome, index): SampleOutcome => (judged[index] ? 'breach' : outcome));
  return findBreach(worst, rule) !== null;
}

const ruleSize = (rule: BreachRule): number => (rule.kind === 'consecutive' ? rule.count : rule.n);
const samples = (count: number): string => `${count} sample${count === 1 ? '' : 's'}`;
