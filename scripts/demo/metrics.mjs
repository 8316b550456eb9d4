// Where the pipeline's metrics come from, and the analysis files that read them.
// - A real Prometheus (test/support/prometheus.ts) when /usr/bin/prometheus
//   exists: it scrapes blue and green every 500 ms; the apps label their series
//   variant="baseline"|"canary" and version="v…" (see app.mjs); the analysis
//   files use the `prometheus` source with range queries.
// - Else the apps' own per-second counts (GET /metrics.json) through the
//   `http-json` source. The source has one URL, so a small directory served by
//   the demo maps /<variant>/metrics.json to the app now playing that role and
//   relays that app's own answer.
import { existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { PROMETHEUS_BIN, startPrometheus } from '../../test/support/prometheus.ts';

export function prometheusAvailable() {
  return !process.env.DEMO_NO_PROMETHEUS && existsSync(PROMETHEUS_BIN);
}

const SCRAPE_MS = 500;

/** Canary-promote's judge: error rate (counts, Fisher's exact test) and mean latency (Mann–Whitney), as the runbooks set them. */
const CANARY_METRICS = `metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    max-increase: 100%
  latency:
    series: latency_ms
    max: 500
    max-increase: 50%
`;

/** auto-rollback's watch: error rate above 5% for 3 consecutive 1 s samples rolls back. */
const WATCH_METRICS = `metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    consecutive: 3
`;

export async function startMetrics(apps) {
  if (prometheusAvailable()) {
    const prometheus = await startPrometheus({ targets: apps.map((app) => ({ url: app.url, labels: { job_colour: app.colour } })), scrapeIntervalMs: SCRAPE_MS });
    const q = (selector, window) => ({
      errors: `sum(increase(http_requests_total{${selector},code="500"}[${window}]))`,
      requests: `sum(increase(http_requests_total{${selector}}[${window}]))`,
      latency_ms: `1000 * sum(increase(http_request_duration_seconds_sum{${selector}}[${window}])) / sum(increase(http_request_duration_seconds_count{${selector}}[${window}]))`,
    });
    const yamlQueries = (queries) => Object.entries(queries).map(([name, query]) => `    ${name}: '${query}'`).join('\n');
    return {
      kind: `Prometheus (${PROMETHEUS_BIN}) at ${prometheus.url}, scraping blue and green every ${SCRAPE_MS} ms`,
      short: 'Prometheus',
      url: prometheus.url,
      /** Waits for the first scrapes of both apps (Prometheus needs a moment before its first one). */
      ready: () => prometheus.waitForSamples('http_requests_total', 2, 20_000),
      canaryAnalysis: `# Written by npm run demo: canary against baseline on Prometheus range queries, one point per 2 s step.
source:
  type: prometheus
  url: ${prometheus.url}
  step: 2s
  queries:
${yamlQueries(q('variant="{{variant}}"', '{{interval}}'))}
interval: 2s
${CANARY_METRICS}`,
      // Each 1 s poll reads the last 2 s of counts (four scrapes), so a scrape's jitter never leaves a poll empty.
      watchAnalysis: `# Written by npm run demo: the release under watch by its version label, polled every second.
source:
  type: prometheus
  url: ${prometheus.url}
  step: 1s
  queries:
${yamlQueries(q('version="{{version}}"', '2s'))}
interval: 1s
${WATCH_METRICS}`,
      stop: () => prometheus.stop(),
    };
  }
  const directory = createServer((incoming, outgoing) => {
    incoming.resume();
    const variant = /^\/(baseline|canary)\/metrics\.json$/.exec(new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname)?.[1];
    const app = variant && apps.find((candidate) => candidate.role === variant);
    if (!app) return void outgoing.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such variant"}');
    const relay = request(`${app.url}/metrics.json`, { agent: false }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
      answer.pipe(outgoing);
    });
    relay.on('error', () => outgoing.writeHead(502).end());
    relay.end();
  });
  await new Promise((resolve) => directory.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${directory.address().port}`;
  const source = `source:
  type: http-json
  url: '${url}/{{variant}}/metrics.json'
  json-path: '$.{{series}}'
  interval: 1s
interval: 1s
`;
  return {
    kind: `the apps' own per-second counts (GET /metrics.json) read by the http-json source, because ${process.env.DEMO_NO_PROMETHEUS ? 'DEMO_NO_PROMETHEUS is set' : `${PROMETHEUS_BIN} is not installed`}`,
    short: 'http-json',
    url,
    ready: async () => undefined,
    canaryAnalysis: `# Written by npm run demo: canary against baseline on the apps' own per-second counts.\n${source}${CANARY_METRICS}`,
    watchAnalysis: `# Written by npm run demo: the release under watch (the canary variant), one sample per second.\n${source}${WATCH_METRICS}`,
    stop: () => new Promise((resolve) => (directory.closeAllConnections(), directory.close(resolve))),
  };
}
