import { type Result, err, ok } from '../../engine/result.js';
import type { HistogramSamples } from './metric-source.js';

export type HistogramBucket = HistogramSamples['buckets'][number];

/** Why labelled buckets are not a histogram; each source words it with its own place (a query, a file's key). */
export type BucketProblem = { notABound: string } | { sameBound: [string, string] };

/** A decimal as Prometheus' clients and Prometheus 3 write bounds: `1`, `1.0`, `0.005`, `1e-05`. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A bucket's upper bound from its label: a finite decimal, or `+Inf` (`Inf`)
 * for the bucket holding every request. Prometheus 2 writes `le="1"` where
 * Prometheus 3 writes `le="1.0"`; both are the bound 1.
 */
export function parseUpperBound(label: string): number | undefined {
  if (label === '+Inf' || label === 'Inf') return Infinity;
  if (!DECIMAL.test(label)) return undefined;
  const bound = Number(label);
  return Number.isFinite(bound) ? bound : undefined;
}

/**
 * Buckets labelled by their bound as written, ascending by bound. A label
 * that is no bound, or two labels of one bound (`1` and `1.0`, which would
 * count the same requests twice), is a problem, never a guess.
 */
export function orderBuckets(labelled: ReadonlyArray<readonly [label: string, values: number[]]>): Result<HistogramBucket[], BucketProblem> {
  const seen = new Map<number, string>();
  const buckets: HistogramBucket[] = [];
  for (const [label, values] of labelled) {
    const le = parseUpperBound(label);
    if (le === undefined) return err({ notABound: label });
    const earlier = seen.get(le);
    if (earlier !== undefined) return err({ sameBound: [earlier, label] });
    seen.set(le, label);
    buckets.push({ le, values });
  }
  return ok(buckets.sort((a, b) => a.le - b.le));
}
