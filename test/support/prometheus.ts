import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, poll, stopChild } from './child-process.js';

/**
 * Starts a real Prometheus (Debian's /usr/bin/prometheus, see
 * scripts/provision.mjs) for a test: a temporary config and TSDB folder, the
 * API on a free 127.0.0.1 port, no remote read/write, no alerting. Every
 * target is scraped every `scrapeIntervalMs` with its `labels` added (e.g.
 * `{ variant: 'canary' }`), as a real deployment's scrape config or
 * relabelling would add them.
 *
 * ```ts
 * const prometheus = await startPrometheus({ targets: [{ url: canary.url, labels: { variant: 'canary' } }] });
 * await prometheus.waitForSamples('http_requests_total{variant="canary"}', 2);
 * // … query prometheus.url …
 * await prometheus.stop();
 * ```
 */
export interface ScrapeTarget {
  /** The app's base URL (`/metrics` is scraped) or the exposition's full URL. */
  url: string;
  /** Target labels added to every series scraped from it. */
  labels?: Record<string, string>;
}

export interface PrometheusOptions {
  targets: readonly ScrapeTarget[];
  /** Default 1000 ms: the shortest Prometheus' config accepts in practice, and a test waits seconds, not minutes. */
  scrapeIntervalMs?: number;
  /** How long to wait for Prometheus to be ready; default 20 s. */
  startTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:40123` (query at `${url}/api/v1/query`). */
  url: string;
  /**
   * Polls until every series matching `selector` (a plain series selector such
   * as `up{variant="canary"}`, not an expression) holds at least `minCount`
   * scraped samples; resolves with the smallest count. Use it to wait for
   * scrapes instead of sleeping: read the count right after driving load,
   * then wait for that count + 2 to know Prometheus has seen the final values.
   */
  waitForSamples(selector: string, minCount: number, timeoutMs?: number): Promise<number>;
  /** Stops Prometheus (SIGTERM, then SIGKILL after 5 s) and deletes its folder. */
  stop(): Promise<void>;
}

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-prometheus-'));
  const configFile = path.join(dir, 'prometheus.yml');
  await writeFile(configFile, scrapeConfig(options.targets, options.scrapeIntervalMs ?? 1_000));
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  // The free port may be taken between our check and Prometheus' bind; then try another.
  for (let attempt = 1; ; attempt++) {
    const started = await launch(dir, configFile, timeoutMs);
    if ('url' in started) return started;
    if (attempt === 3 || !/address already in use/.test(started.failure)) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(started.failure);
    }
  }
}

async function launch(dir: string, configFile: string, timeoutMs: number): Promise<RunningPrometheus | { failure: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
  const child = spawn(PROMETHEUS_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // An early exit (a taken port, a bad config) ends the wait at once.
  const ready = await poll(timeoutMs, async () => child.exitCode !== null || (await fetch(`${url}/-/ready`)).ok);
  if (!ready || child.exitCode !== null) {
    await stopChild(child, exited);
    return { failure: `Prometheus did not become ready on ${url} (exit ${child.exitCode}): ${log.trim()}` };
  }
  return {
    url,
    stop: () => stopChild(child, exited).finally(() => rm(dir, { recursive: true, force: true })),
    waitForSamples: (selector, minCount, waitMs = 20_000) => waitForSamples(url, selector, minCount, waitMs),
  };
}

/** One job per target, so each may have its own metrics path; `scrape_timeout` may not exceed the interval. */
function scrapeConfig(targets: readonly ScrapeTarget[], intervalMs: number): string {
  const interval = `${intervalMs}ms`;
  const jobs = targets.map((target, index) => {
    const parsed = new URL(target.url);
    const metricsPath = parsed.pathname === '/' ? '/metrics' : parsed.pathname;
    return { job_name: `target-${index}`, metrics_path: metricsPath, static_configs: [{ targets: [parsed.host], labels: target.labels ?? {} }] };
  });
  // JSON is YAML, and saves a dependency on the YAML writer's quoting.
  return JSON.stringify({ global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval }, scrape_configs: jobs }, null, 2);
}

async function waitForSamples(url: string, selector: string, minCount: number, timeoutMs: number): Promise<number> {
  let smallest = 0;
  const query = `count_over_time(${selector}[1h])`;
  const done = await poll(timeoutMs, async () => {
    const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query })}`);
    const body = (await response.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
    const counts = (body.data?.result ?? []).map((series) => Number(series.value[1]));
    smallest = counts.length === 0 ? 0 : Math.min(...counts);
    return smallest >= minCount;
  });
  if (!done) throw new Error(`Prometheus at ${url} has ${smallest} of ${minCount} samples of ${selector} after ${timeoutMs} ms`);
  return smallest;
}

