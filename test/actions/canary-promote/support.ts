import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Files a canary-promote test needs: an analysis file over a `file` metric
 * source, the metrics document (baseline and canary, one sample a minute),
 * and a traffic command that appends each weight it is given to a log, so a
 * test reads back exactly which weights were set, in order.
 */
export interface Traffic {
  /** Requests a minute. */
  requests: number;
  /** Fraction of them failing. */
  errorRate: number;
  /** Mean latency, ms; samples vary by a fixed pattern of ±6 ms. */
  latencyMs: number;
}

export const HEALTHY_BASELINE: Traffic = { requests: 1000, errorRate: 0.005, latencyMs: 200 };
/** A 5%-ish canary as healthy as the baseline. */
export const HEALTHY_CANARY: Traffic = { requests: 100, errorRate: 0.005, latencyMs: 201 };
/** 10% errors and double the latency: fails `max: 5%` and both `max-increase` thresholds. */
export const FAULTY_CANARY: Traffic = { requests: 100, errorRate: 0.1, latencyMs: 400 };
/** A canary that got no traffic: no data, never 0%. */
export const IDLE_CANARY: Traffic = { requests: 0, errorRate: 0, latencyMs: NaN };

/** `count` one-minute samples; errors spread so their running total is ⌊n·rate⌋, exactly. */
function series(traffic: Traffic, count: number) {
  const total = (n: number) => Math.floor(n * traffic.requests * traffic.errorRate + 1e-9);
  return {
    requests: Array.from({ length: count }, () => traffic.requests),
    errors: Array.from({ length: count }, (_, i) => total(i + 1) - total(i)),
    // A missing latency (no traffic) is a gap; JSON has no NaN, so the series is left empty.
    latency_ms: Number.isNaN(traffic.latencyMs) ? [] : Array.from({ length: count }, (_, i) => traffic.latencyMs + ((i * 7) % 13) - 6),
  };
}

/** Samples placed in time from `T0` (the document's `start`), so each tick's window takes the minutes of its step. */
export function metricsDocument(baseline: Traffic, canary: Traffic, count = 90): object {
  return { interval: '1m', start: new Date(T0).toISOString(), baseline: series(baseline, count), canary: series(canary, count) };
}

export function analysisYaml(metricsPath: string): string {
  return `source: { type: file, path: ${JSON.stringify(metricsPath)} }
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    max-increase: 100%
  latency:
    series: latency_ms
    max: 1000
    max-increase: 20%
    min-samples: 5
`;
}

export interface Workdir {
  dir: string;
  analysis: string;
  metrics: string;
  stateFile: string;
  trafficLog: string;
  /** When this file exists the traffic command exits 3 (a broken load balancer). */
  breakFlag: string;
  /** The `traffic-command` input. */
  trafficCommand: string;
  writeMetrics(baseline: Traffic, canary: Traffic): Promise<void>;
}

export async function makeWorkdir(prefix: string, canary: Traffic = HEALTHY_CANARY): Promise<Workdir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const file = (name: string) => path.join(dir, name);
  const trafficLog = file('traffic.log');
  const breakFlag = file('broken');
  const script = `const fs = require('fs'); if (fs.existsSync(${JSON.stringify(breakFlag)})) { console.error('load balancer refused the change'); process.exit(3); } fs.appendFileSync(${JSON.stringify(trafficLog)}, process.argv[1] + ' ' + process.argv[2] + '\\n');`;
  const workdir: Workdir = {
    dir,
    analysis: file('analysis.yml'),
    metrics: file('metrics.json'),
    stateFile: file('state.json'),
    trafficLog,
    breakFlag,
    trafficCommand: JSON.stringify([process.execPath, '-e', script, '{weight}', '{canary}']),
    writeMetrics: (baseline, canaryTraffic) => writeFile(file('metrics.json'), JSON.stringify(metricsDocument(baseline, canaryTraffic))),
  };
  await writeFile(workdir.analysis, analysisYaml(workdir.metrics));
  await workdir.writeMetrics(HEALTHY_BASELINE, canary);
  return workdir;
}

export const T0 = Date.parse('2026-03-03T10:00:00.000Z');
/** `T0` plus minutes, as the `now` input wants it. */
export const minutes = (count: number): string => new Date(T0 + count * 60_000).toISOString();
