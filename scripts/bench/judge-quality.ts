// Judge quality on simulated traffic: the share of healthy canaries
// wrongly rolled back, and of canaries with a doubled error rate caught within
// their first 10 one-minute samples; for the judge and, on the same data, a
// Flagger-style threshold rule and a naive relative rule. Nothing is asserted.
//   npx tsx scripts/bench/judge-quality.ts      (BENCH_RUNS=20000 for tighter figures)
// Model: canary 5% of the traffic, baseline (the stable version) 95%, baseline
// error rate 0.5%; at traffic ×1 a healthy canary sees 480 requests and 2.4
// errors a minute (~24 in 10 minutes). Requests and errors are Poisson each
// minute. A tick judges the cumulative window after each minute (looks 1–10):
// sequential testing, so the judge is told its look and shares its level over
// the 10 looks; every share is over the whole 10 minutes, not per look.
import { pathToFileURL } from 'node:url';
import { parseAnalysis } from '../../src/engine/analysis/parse-analysis.js';
import type { AnalysisConfig } from '../../src/engine/analysis/config.js';
import { judgeCanary } from '../../src/engine/judge/judge-canary.js';
import { type SpendingRule, alphaForLook } from '../../src/engine/judge/statistics/alpha-spending.js';
import { logGamma } from '../../src/engine/judge/statistics/special.js';
import { mulberry32 } from '../../test/support/seeded-random.js';
import { poisson } from '../../test/support/traffic-sampling.js';

const CANARY_SHARE = 0.05;
const BASE_RATE = 0.005;
const CANARY_REQUESTS_PER_MINUTE = 480; // ×1 traffic: 2.4 canary errors a minute
const LOOKS = 10;
const MAX_INCREASE = 0.5; // the issue's example `max-increase: 50%`
const CONFIDENCE = 0.98;
const FLAGGER_MAX = 2 * BASE_RATE; // a threshold set where a doubling starts
const TRAFFIC = [1, 0.5, 0.25, 0.125];

const ANALYSIS = `source: { type: file, path: m.json }\nmetrics:\n  error-rate: { ratio: { numerator: e, denominator: r }, max-increase: ${MAX_INCREASE * 100}% }\n`;

/** One simulated step: per-minute counts of each variant, in the judge's ratio shape. */
type Counts = { numerator: number[]; denominator: number[] };
type Run = { canary: Counts; baseline: Counts };

export interface Cell {
  falseAlarm: number;
  caught: number;
  /** Share of 2× canaries caught by minute 1…10 (cumulative). */
  caughtBy: number[];
}

export type BenchResult = { runs: number; seed: number; traffic: number[]; rows: { rule: string; cells: Cell[] }[]; seconds: number };


function simulate(random: () => number, traffic: number, canaryRateFactor: number): Run {
  const run: Run = { canary: { numerator: [], denominator: [] }, baseline: { numerator: [], denominator: [] } };
  const canaryMean = CANARY_REQUESTS_PER_MINUTE * traffic;
  for (let minute = 0; minute < LOOKS; minute++) {
    for (const [variant, mean, factor] of [[run.canary, canaryMean, canaryRateFactor], [run.baseline, (canaryMean * (1 - CANARY_SHARE)) / CANARY_SHARE, 1]] as const) {
      const requests = poisson(random, mean);
      variant.denominator.push(requests);
      variant.numerator.push(poisson(random, requests * BASE_RATE * factor));
    }
  }
  return run;
}

const rateUpTo = (counts: Counts, look: number) => {
  const sum = (values: number[]) => values.slice(0, look).reduce((a, b) => a + b, 0);
  return sum(counts.numerator) / Math.max(1, sum(counts.denominator));
};

/** The judge at one look, end to end; returns its relative evidence so other level-sharing rules reuse the same test. */
function judgeAt(config: AnalysisConfig, run: Run, look: number): { rollback: boolean; pValue: number | null; effect: number | null } {
  const upTo = (counts: Counts) => ({ numerator: counts.numerator.slice(0, look), denominator: counts.denominator.slice(0, look) });
  const samples = { 'error-rate': { canary: upTo(run.canary), baseline: upTo(run.baseline) } };
  const judgement = judgeCanary(config, samples, { look: { index: look, count: LOOKS }, spending: 'peto' });
  const relative = judgement.metrics[0]?.thresholds.find((t) => t.kind === 'relative');
  return { rollback: judgement.verdict === 'rollback', pValue: relative?.pValue ?? null, effect: relative?.actual ?? null };
}

/** The same decision the judge makes, at another level-sharing rule (or one look at minute 10). */
function judgeVariant(evidence: { pValue: number | null; effect: number | null }, look: number, rule: SpendingRule | 'final-only'): boolean {
  if (evidence.pValue === null || evidence.effect === null) return false;
  if (rule === 'final-only' && look !== LOOKS) return false;
  const alpha = rule === 'final-only' ? 1 - CONFIDENCE : alphaForLook(1 - CONFIDENCE, { index: look, count: LOOKS }, rule);
  return evidence.effect >= MAX_INCREASE && evidence.pValue < alpha / 2;
}

/** Flagger: each minute's rate against `max`; roll back once `threshold` checks have failed (counted, not consecutive). */
function flaggerRollsBack({ canary }: Run, threshold: number): number {
  let failed = 0;
  for (let minute = 0; minute < LOOKS; minute++) {
    const requests = canary.denominator[minute]!;
    if (requests > 0 && canary.numerator[minute]! / requests > FLAGGER_MAX) failed++;
    if (failed >= threshold) return minute + 1;
  }
  return 0;
}

/** Cumulative canary rate at least 50% above the baseline's at any look, no test. */
function naiveRelativeRollsBack(run: Run): number {
  for (let look = 1; look <= LOOKS; look++) {
    const canaryRate = rateUpTo(run.canary, look);
    if (canaryRate > 0 && canaryRate >= rateUpTo(run.baseline, look) * (1 + MAX_INCREASE)) return look;
  }
  return 0;
}

const RULES = [
  'judge: Fisher exact, Peto looks (default)',
  'judge, same test, Bonferroni looks',
  'judge, same test, no look correction',
  'judge, same test, one look at minute 10',
  `threshold ${FLAGGER_MAX * 100}%/min, 1 failed check`,
  `threshold ${FLAGGER_MAX * 100}%/min, 5 failed checks`,
  `naive relative: rate ≥ +${MAX_INCREASE * 100}% at any look`,
] as const;

/** The minute each rule first rolls back on this run (0: never), all on the same data. */
function decide(config: AnalysisConfig, run: Run): number[] {
  const first = [0, 0, 0, 0];
  const mark = (rule: number, fired: boolean, look: number) => void (fired && first[rule] === 0 && (first[rule] = look));
  for (let look = 1; look <= LOOKS; look++) {
    const verdict = judgeAt(config, run, look);
    mark(0, verdict.rollback, look);
    mark(1, judgeVariant(verdict, look, 'bonferroni'), look);
    mark(2, judgeVariant(verdict, look, 'none'), look);
    mark(3, judgeVariant(verdict, look, 'final-only'), look);
  }
  return [...first, flaggerRollsBack(run, 1), flaggerRollsBack(run, 5), naiveRelativeRollsBack(run)];
}

/** One look at minute 10 with the baseline rate known exactly: the ceiling the issue quotes (~96% at 1%). */
function knownBaselinePower(traffic: number): Cell {
  const healthyMean = CANARY_REQUESTS_PER_MINUTE * traffic * LOOKS * BASE_RATE;
  const upperTail = (mean: number, from: number) => {
    let below = 0;
    for (let k = 0; k < from; k++) below += Math.exp(k * Math.log(mean) - mean - logGamma(k + 1));
    return 1 - below;
  };
  let critical = 0;
  while (upperTail(healthyMean, critical) > 0.01) critical++;
  const caught = upperTail(2 * healthyMean, critical);
  return { falseAlarm: upperTail(healthyMean, critical), caught, caughtBy: [...Array<number>(LOOKS - 1).fill(0), caught] };
}

const cumulative = (counts: readonly number[]) => ((total) => counts.map((count) => (total += count)))(0);

export function runJudgeQualityBench(runs = 10_000, seed = 42): BenchResult {
  const started = performance.now();
  const config = parseAnalysis(ANALYSIS);
  if (!config.ok) throw config.error;
  const rows = RULES.map((rule) => ({ rule: rule as string, cells: [] as Cell[] }));
  for (const traffic of TRAFFIC) {
    const random = mulberry32(seed + Math.round(traffic * 1000));
    const alarms = RULES.map(() => 0);
    const caughtAt = RULES.map(() => new Array<number>(LOOKS + 1).fill(0));
    for (let i = 0; i < runs; i++) {
      decide(config.value, simulate(random, traffic, 1)).forEach((minute, r) => (alarms[r]! += minute > 0 ? 1 : 0));
      decide(config.value, simulate(random, traffic, 2)).forEach((minute, r) => caughtAt[r]![minute]!++);
    }
    rows.forEach((row, r) => {
      const caughtBy = cumulative(caughtAt[r]!.slice(1)).map((count) => count / runs);
      row.cells.push({ falseAlarm: alarms[r]! / runs, caught: caughtBy[LOOKS - 1]!, caughtBy });
    });
  }
  rows.push({ rule: 'reference: exact test, baseline rate known', cells: TRAFFIC.map(knownBaselinePower) });
  return { runs, seed, traffic: TRAFFIC, rows, seconds: (performance.now() - started) / 1000 };
}

export function formatJudgeQuality(result: BenchResult): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
  const width = Math.max(...result.rows.map((row) => row.rule.length));
  const errors = result.traffic.map((t) => `~${Math.round(CANARY_REQUESTS_PER_MINUTE * t * LOOKS * BASE_RATE)} errors`.padStart(14));
  return [
    `judge quality: ${CANARY_SHARE * 100}% canary, baseline error rate ${BASE_RATE * 100}%, doubled error rate to catch, ` +
      `max-increase ${MAX_INCREASE * 100}%, confidence ${CONFIDENCE}, ${LOOKS} one-minute looks; ${result.runs} runs per cell, seed ${result.seed}`,
    `false alarm = healthy canary rolled back at any look in 10 min (goal ≤ 1%); caught = 2× canary rolled back within 10 min (goal ≥ 90%)`,
    `${'healthy canary in 10 min:'.padEnd(width)} ${errors.join(' ')}`,
    `${'rule'.padEnd(width)} ${result.traffic.map(() => '   FA  caught').join(' ')}`,
    ...result.rows.map((row) => `${row.rule.padEnd(width)} ${row.cells.map((c) => `${pct(c.falseAlarm)} ${pct(c.caught)}`).join(' ')}`),
    `judge (default) at ×1 traffic, 2× canary caught by minute 1…10: ${(result.rows[0]?.cells[0]?.caughtBy ?? []).map((share) => pct(share).trim()).join(' ')}`,
    `(${result.seconds.toFixed(1)} s)`,
  ].join('\n');
}

// Whole rollouts, today's judge (`method: fixed`) beside `method: sequential`
// on the same simulated traffic: steps 5 → 25 → 50 → 100 with 10-minute
// bakes, ticked every minute; each step judged at minutes 1…10 (1–9 interim,
// 10 the planned end) and then, as if held, at 20 more one-minute looks on
// its growing window (the worst case: every step held as long as the goal
// allows). The 100% step has no baseline, so no relative test runs there.
const ROLLOUT_STEPS = [5, 25, 50];
const HELD_LOOKS = 20;
const METHODS = ['fixed', 'sequential'] as const;
const analysisWith = (method: (typeof METHODS)[number]) =>
  `source: { type: file, path: m.json }\nmetrics:\n  error-rate: { ratio: { numerator: e, denominator: r }, max-increase: ${MAX_INCREASE * 100}%${method === 'sequential' ? ', method: sequential' : ''} }\n`;

/** Per-minute counts at a weight: the service's whole traffic is the ×1 canary's at 5%, scaled. */
function simulateStep(random: () => number, traffic: number, weight: number, canaryRateFactor: number, minutes: number): Run {
  const total = (CANARY_REQUESTS_PER_MINUTE / CANARY_SHARE) * traffic;
  const run: Run = { canary: { numerator: [], denominator: [] }, baseline: { numerator: [], denominator: [] } };
  for (let minute = 0; minute < minutes; minute++) {
    for (const [variant, mean, factor] of [[run.canary, (total * weight) / 100, canaryRateFactor], [run.baseline, (total * (100 - weight)) / 100, 1]] as const) {
      const requests = poisson(random, mean);
      variant.denominator.push(requests);
      variant.numerator.push(poisson(random, requests * BASE_RATE * factor));
    }
  }
  return run;
}

/** The first look (1-based) at which the judge rolls back this step, 0 if none within `looks`. */
function firstRollback(config: AnalysisConfig, run: Run, step: number, looks: number): number {
  for (let look = 1; look <= looks; look++) {
    const upTo = (counts: Counts) => ({ numerator: counts.numerator.slice(0, look), denominator: counts.denominator.slice(0, look) });
    const samples = { 'error-rate': { canary: upTo(run.canary), baseline: upTo(run.baseline) } };
    const index = look <= LOOKS ? look : LOOKS + 1;
    const judgement = judgeCanary(config, samples, { look: { index, count: LOOKS }, stage: { index: step, count: ROLLOUT_STEPS.length }, isInterim: look < LOOKS });
    if (judgement.verdict === 'rollback') return look;
  }
  return 0;
}

export interface RolloutRow {
  method: string;
  /** Per traffic level: healthy rollouts rolled back at any step; 2× at 5% caught within 10 min; 10× within 2 min. */
  cells: { wholeRolloutFalseAlarm: number; doubledIn10: number; tenfoldIn2: number }[];
}

export function runRolloutBench(runs = 2_000, seed = 42): { runs: number; rows: RolloutRow[]; seconds: number } {
  const started = performance.now();
  const configs = METHODS.map((method) => {
    const parsed = parseAnalysis(analysisWith(method));
    if (!parsed.ok) throw parsed.error;
    return parsed.value;
  });
  const rows: RolloutRow[] = METHODS.map((method) => ({ method, cells: [] }));
  for (const traffic of TRAFFIC) {
    const random = mulberry32(seed + 7 + Math.round(traffic * 1000));
    const alarms = METHODS.map(() => 0);
    const doubled = METHODS.map(() => 0);
    const tenfold = METHODS.map(() => 0);
    for (let i = 0; i < runs; i++) {
      const healthy = ROLLOUT_STEPS.map((weight) => simulateStep(random, traffic, weight, 1, LOOKS + HELD_LOOKS));
      const bad2 = simulateStep(random, traffic, ROLLOUT_STEPS[0]!, 2, LOOKS);
      const bad10 = simulateStep(random, traffic, ROLLOUT_STEPS[0]!, 10, 2);
      configs.forEach((config, m) => {
        if (healthy.some((run, s) => firstRollback(config, run, s + 1, LOOKS + HELD_LOOKS) > 0)) alarms[m]!++;
        if (firstRollback(config, bad2, 1, LOOKS) > 0) doubled[m]!++;
        if (firstRollback(config, bad10, 1, 2) > 0) tenfold[m]!++;
      });
    }
    rows.forEach((row, m) => row.cells.push({ wholeRolloutFalseAlarm: alarms[m]! / runs, doubledIn10: doubled[m]! / runs, tenfoldIn2: tenfold[m]! / runs }));
  }
  return { runs, rows, seconds: (performance.now() - started) / 1000 };
}

export function formatRolloutBench(result: { runs: number; rows: RolloutRow[]; seconds: number }): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `whole rollouts: steps ${ROLLOUT_STEPS.join(' → ')} → 100, 10-minute bakes ticked every minute plus ${HELD_LOOKS} held looks per step; ${result.runs} runs per cell`,
    `FA = healthy rollout rolled back at any step (goal ≤ 1%); 2× = caught within the first step's 10 min (goal ≥ 90% at ~24 errors); 10× = caught within 2 min (goal ≥ 90%)`,
    `${'method'.padEnd(12)} ${TRAFFIC.map((t) => `~${Math.round(CANARY_REQUESTS_PER_MINUTE * t * LOOKS * BASE_RATE)} errors: FA / 2× / 10×`.padEnd(34)).join(' ')}`,
    ...result.rows.map((row) => `${row.method.padEnd(12)} ${row.cells.map((c) => `${pct(c.wholeRolloutFalseAlarm)} / ${pct(c.doubledIn10)} / ${pct(c.tenfoldIn2)}`.padEnd(34)).join(' ')}`),
    `(${result.seconds.toFixed(1)} s)`,
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatJudgeQuality(runJudgeQualityBench(Number(process.env.BENCH_RUNS ?? 10_000), Number(process.env.BENCH_SEED ?? 42))));
  console.log(formatRolloutBench(runRolloutBench(Number(process.env.BENCH_ROLLOUT_RUNS ?? 2_000), Number(process.env.BENCH_SEED ?? 42))));
}
