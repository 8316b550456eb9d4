// Latency judged on every request (a histogram's bucket counts) beside
// today's latency judge (Mann–Whitney on per-minute p99 values), on the same
// simulated traffic. Nothing is asserted.
//   npx tsx scripts/bench/latency-quality.ts      (BENCH_LATENCY_RUNS=2000 for tighter figures)
// Model: the service's traffic as in judge-quality.ts (9,600 requests a
// minute at ×1, a 5% canary 480); latencies log-normal, median 100 ms,
// σ = 0.5 (p99 ≈ 320 ms), counted in the Prometheus clients' default buckets.
// Every minute both variants' latencies move together by a shared factor
// (log-sd 0.1: load through the day); with "pod noise" each variant also
// moves on its own (log-sd 0.05 a minute: a canary pod on a busier node).
// A slow canary's latencies are all ×1.25. Today's judge reads each minute's
// p99 from that minute's buckets (histogram_quantile), as a dashboard does.
// Rollouts as in judge-quality.ts: steps 5 → 25 → 50, 10-minute bakes ticked
// every minute plus 20 held looks per step; the 100% step has no baseline.
import { pathToFileURL } from 'node:url';
import type { AnalysisConfig } from '../../src/engine/analysis/config.js';
import { parseAnalysis } from '../../src/engine/analysis/parse-analysis.js';
import { histogramQuantile } from '../../src/engine/judge/histogram-buckets.js';
import { judgeCanary } from '../../src/engine/judge/judge-canary.js';
import { normalCdf } from '../../src/engine/judge/statistics/special.js';
import type { CanarySamples } from '../../src/engine/judge/types.js';
import { mulberry32 } from '../../test/support/seeded-random.js';
import { multinomial, normal, poisson } from '../../test/support/traffic-sampling.js';

const REQUESTS_PER_MINUTE = 9_600;
const TRAFFIC = [1, 0.5, 0.25, 0.125];
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];
const MEDIAN_SECONDS = 0.1;
const SIGMA = 0.5;
const SHARED_DRIFT = 0.1;
const POD_NOISE = 0.05;
const SLOWDOWN = 1.25;
const GROSS_SLOWDOWN = 2;
const GROSS_LOOKS = 4;
const MAX_INCREASE = 5;
const LOOKS = 10;
const HELD_LOOKS = 20;
const ROLLOUT_STEPS = [5, 25, 50];

const JUDGES = [
  { name: 'today: Mann–Whitney on per-minute p99', metric: `series: p99, max-increase: ${MAX_INCREASE}%` },
  { name: 'histogram, method: fixed', metric: `histogram: latency, max-increase: ${MAX_INCREASE}%` },
  { name: 'histogram, method: sequential', metric: `histogram: latency, max-increase: ${MAX_INCREASE}%, method: sequential` },
] as const;

type Minute = { canary: number[]; baseline: number[] };

/** Bucket probabilities (not cumulative) of a log-normal latency with this median. */
function bucketShares(medianSeconds: number): number[] {
  let below = 0;
  return BOUNDS.map((bound) => {
    const atOrBelow = bound === Infinity ? 1 : normalCdf((Math.log(bound) - Math.log(medianSeconds)) / SIGMA);
    const share = atOrBelow - below;
    below = atOrBelow;
    return share;
  });
}

/** Requests per bucket, minute by minute, for both variants of one step. */
function simulateStep(random: () => number, traffic: number, weight: number, slowdown: number, minutes: number, podNoise: number): Minute[] {
  const total = REQUESTS_PER_MINUTE * traffic;
  return Array.from({ length: minutes }, () => {
    const shared = Math.exp(SHARED_DRIFT * normal(random));
    const own = () => Math.exp(podNoise * normal(random));
    const canaryMedian = MEDIAN_SECONDS * shared * own() * slowdown;
    const baselineMedian = MEDIAN_SECONDS * shared * own();
    return {
      canary: multinomial(random, poisson(random, (total * weight) / 100), bucketShares(canaryMedian)),
      baseline: multinomial(random, poisson(random, (total * (100 - weight)) / 100), bucketShares(baselineMedian)),
    };
  });
}

const cumulative = (counts: readonly number[]) => ((sum) => counts.map((count) => (sum += count)))(0);

/** The judge's samples for the first `look` minutes: buckets for a histogram, per-minute p99 (ms) for today's series. */
function samplesUpTo(minutes: readonly Minute[], look: number): CanarySamples {
  const window = minutes.slice(0, look);
  const buckets = (variant: 'canary' | 'baseline') => {
    const rows = window.map((minute) => cumulative(minute[variant]));
    return { buckets: BOUNDS.map((le, k) => ({ le, values: rows.map((row) => row[k]!) })) };
  };
  const p99 = (variant: 'canary' | 'baseline') => window.map((minute) => (histogramQuantile(0.99, BOUNDS, cumulative(minute[variant])) ?? NaN) * 1_000);
  return { latency: { canary: buckets('canary'), baseline: buckets('baseline') }, p99: { canary: p99('canary'), baseline: p99('baseline') } };
}

/** The first look (1-based) at which the judge rolls back this step, 0 if none within `looks`. */
function firstRollback(config: AnalysisConfig, minutes: readonly Minute[], step: number, looks: number): number {
  for (let look = 1; look <= looks; look++) {
    const index = look <= LOOKS ? look : LOOKS + 1;
    const judgement = judgeCanary(config, samplesUpTo(minutes, look), { look: { index, count: LOOKS }, stage: { index: step, count: ROLLOUT_STEPS.length }, isInterim: look < LOOKS });
    if (judgement.verdict === 'rollback') return look;
  }
  return 0;
}

export interface LatencyCell {
  /** Healthy rollouts rolled back at any step, shared drift only / with pod noise. */
  falseAlarm: number;
  falseAlarmPodNoise: number;
  /** ×1.25 canaries at 5% rolled back within the first step's 10 minutes. */
  caughtIn10: number;
  /** ×2 canaries at 5% rolled back within 4 minutes. */
  grossIn4: number;
}

export function runLatencyBench(runs = 500, seed = 42): { runs: number; rows: { judge: string; cells: LatencyCell[] }[]; seconds: number } {
  const started = performance.now();
  const configs = JUDGES.map(({ metric }) => {
    const parsed = parseAnalysis(`source: { type: file, path: m.json }\nmetrics:\n  ${metric.startsWith('series') ? 'p99' : 'latency'}: { ${metric} }\n`);
    if (!parsed.ok) throw parsed.error;
    return parsed.value;
  });
  const rows = JUDGES.map(({ name }) => ({ judge: name as string, cells: [] as LatencyCell[] }));
  for (const traffic of TRAFFIC) {
    const random = mulberry32(seed + 11 + Math.round(traffic * 1000));
    const tally = JUDGES.map(() => ({ falseAlarm: 0, falseAlarmPodNoise: 0, caughtIn10: 0, grossIn4: 0 }));
    for (let i = 0; i < runs; i++) {
      const healthy = ROLLOUT_STEPS.map((weight) => simulateStep(random, traffic, weight, 1, LOOKS + HELD_LOOKS, 0));
      const noisy = ROLLOUT_STEPS.map((weight) => simulateStep(random, traffic, weight, 1, LOOKS + HELD_LOOKS, POD_NOISE));
      const slow = simulateStep(random, traffic, ROLLOUT_STEPS[0]!, SLOWDOWN, LOOKS, 0);
      const gross = simulateStep(random, traffic, ROLLOUT_STEPS[0]!, GROSS_SLOWDOWN, GROSS_LOOKS, 0);
      configs.forEach((config, j) => {
        if (healthy.some((minutes, s) => firstRollback(config, minutes, s + 1, LOOKS + HELD_LOOKS) > 0)) tally[j]!.falseAlarm++;
        if (noisy.some((minutes, s) => firstRollback(config, minutes, s + 1, LOOKS + HELD_LOOKS) > 0)) tally[j]!.falseAlarmPodNoise++;
        if (firstRollback(config, slow, 1, LOOKS) > 0) tally[j]!.caughtIn10++;
        if (firstRollback(config, gross, 1, GROSS_LOOKS) > 0) tally[j]!.grossIn4++;
      });
    }
    rows.forEach((row, j) => {
      const { falseAlarm, falseAlarmPodNoise, caughtIn10, grossIn4 } = tally[j]!;
      row.cells.push({ falseAlarm: falseAlarm / runs, falseAlarmPodNoise: falseAlarmPodNoise / runs, caughtIn10: caughtIn10 / runs, grossIn4: grossIn4 / runs });
    });
  }
  return { runs, rows, seconds: (performance.now() - started) / 1000 };
}

export function formatLatencyBench(result: ReturnType<typeof runLatencyBench>): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const width = Math.max(...result.rows.map((row) => row.judge.length));
  const canaryPerMinute = (t: number) => Math.round((REQUESTS_PER_MINUTE * t * ROLLOUT_STEPS[0]!) / 100);
  return [
    `latency: whole rollouts ${ROLLOUT_STEPS.join(' → ')} → 100 (10-minute bakes + ${HELD_LOOKS} held looks per step), log-normal latency median ${MEDIAN_SECONDS * 1000} ms σ ${SIGMA}, ` +
      `default buckets, shared drift ${SHARED_DRIFT}, max-increase ${MAX_INCREASE}% on p99; ${result.runs} runs per cell`,
    `FA = healthy rollout rolled back (goal ≤ 1%); FA pod = same with each variant's own per-minute noise (log-sd ${POD_NOISE}); ` +
      `slow = ×${SLOWDOWN} canary at 5% caught within 10 min (goal ≥ 90%); gross = ×${GROSS_SLOWDOWN} caught within ${GROSS_LOOKS} min`,
    `${'judge'.padEnd(width)} ${TRAFFIC.map((t) => `${canaryPerMinute(t)} canary req/min: FA / FA pod / slow / gross`.padEnd(50)).join(' ')}`,
    ...result.rows.map((row) => `${row.judge.padEnd(width)} ${row.cells.map((c) => `${pct(c.falseAlarm)} / ${pct(c.falseAlarmPodNoise)} / ${pct(c.caughtIn10)} / ${pct(c.grossIn4)}`.padEnd(50)).join(' ')}`),
    `(${result.seconds.toFixed(1)} s)`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatLatencyBench(runLatencyBench(Number(process.env.BENCH_LATENCY_RUNS ?? 500), Number(process.env.BENCH_SEED ?? 42))));
}
