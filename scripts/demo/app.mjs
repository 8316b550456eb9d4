// The demo's web app: one process-like server per colour (blue, green), each
// running a version (v1, v2, v3 …) that the demo "deploys" into it. It serves
// what the pipeline needs:
//   GET /              a light HTML page (what Lighthouse measures and the load generator requests)
//   GET /healthz       a shallow liveness check (always 200, as such checks often are)
//   GET /metrics       Prometheus text format: http_requests_total{code} and
//                      http_request_duration_seconds_sum/_count, labelled with the
//                      app's role (variant="baseline"|"canary") and version
//   GET /metrics.json  the same counts per second, for the `http-json` source when
//                      no Prometheus is installed: { interval, requests[], errors[], latency_ms[] }
// The app labels its series with its role because blue and green swap roles
// between releases (v2 rolls out on green against blue; v3 on blue against
// green): Prometheus keeps the labels the app exposes (no target label of the
// same name), and a series whose labels change goes stale at the next scrape.
// Errors are spread evenly (⌊n·rate⌋ of the first n requests fail), so runs repeat.
import { createServer } from 'node:http';

const HISTORY_SECONDS = 120;

const page = (colour, version) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="rollout-guard demo shop, ${version} on ${colour}">
<link rel="icon" href="data:,">
<title>Demo shop ${version}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;color:#1b1f24}h1{font-size:1.6rem}.tag{background:#e7f0ff;border-radius:4px;padding:0 .3rem}</style>
</head>
<body>
<main>
<h1>Demo shop</h1>
<p>Release <span class="tag">${version}</span>, served by the <strong>${colour}</strong> slot.</p>
<p>Every request here is counted in <a href="/metrics">/metrics</a>.</p>
</main>
</body>
</html>
`;

/**
 * Starts one colour. `deploy(version)` replaces the running version (fresh
 * counters, healthy); `configure({ errorRate, latencyMs })` changes behaviour
 * from the next request on (the injected fault); `role` is the variant label.
 */
export async function startApp(colour, { version, role, latencyMs = 12, errorRate = 0 }) {
  const app = { colour, version, role, latencyMs, errorRate };
  let counts;
  let perSecond;
  const reset = () => {
    counts = { ok: 0, errors: 0, latencySum: 0 };
    perSecond = new Map(); // epoch second → { requests, errors, latencyMs }
  };
  reset();

  const record = (isError, seconds) => {
    if (isError) counts.errors++;
    else counts.ok++;
    counts.latencySum += seconds;
    const second = Math.floor(Date.now() / 1000);
    const bucket = perSecond.get(second) ?? { requests: 0, errors: 0, latencyMs: 0 };
    bucket.requests++;
    if (isError) bucket.errors++;
    bucket.latencyMs += seconds * 1000;
    perSecond.set(second, bucket);
    perSecond.delete(second - HISTORY_SECONDS);
  };

  const exposition = () => {
    const labels = `variant="${app.role}",version="${app.version}",colour="${colour}"`;
    const total = counts.ok + counts.errors;
    return [
      '# HELP http_requests_total Requests to / served, by HTTP status code.',
      '# TYPE http_requests_total counter',
      `http_requests_total{${labels},code="200"} ${counts.ok}`,
      `http_requests_total{${labels},code="500"} ${counts.errors}`,
      '# HELP http_request_duration_seconds Time to answer a request to /.',
      '# TYPE http_request_duration_seconds summary',
      `http_request_duration_seconds_sum{${labels}} ${counts.latencySum}`,
      `http_request_duration_seconds_count{${labels}} ${total}`,
      '',
    ].join('\n');
  };

  /** Complete seconds only, oldest first; a second without requests has latency null (a gap). */
  const series = () => {
    const now = Math.floor(Date.now() / 1000);
    const seconds = [...perSecond.keys()];
    const first = seconds.length ? Math.min(...seconds) : now;
    const out = { interval: '1s', version: app.version, variant: app.role, requests: [], errors: [], latency_ms: [] };
    for (let s = Math.max(first, now - HISTORY_SECONDS + 1); s < now; s++) {
      const bucket = perSecond.get(s) ?? { requests: 0, errors: 0, latencyMs: 0 };
      out.requests.push(bucket.requests);
      out.errors.push(bucket.errors);
      out.latency_ms.push(bucket.requests ? Math.round((bucket.latencyMs / bucket.requests) * 10) / 10 : null);
    }
    return out;
  };

  const server = createServer((request, response) => {
    request.resume();
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = { 'x-version': app.version, 'x-colour': colour, connection: 'close' };
    if (pathname === '/metrics') return void response.writeHead(200, { ...headers, 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(exposition());
    if (pathname === '/metrics.json') return void response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(series()));
    if (pathname === '/healthz') return void response.writeHead(200, { ...headers, 'content-type': 'text/plain' }).end('ok\n');
    if (pathname !== '/') return void response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found\n');
    const index = counts.ok + counts.errors;
    const isError = app.errorRate > 0 && Math.floor((index + 1) * app.errorRate) > Math.floor(index * app.errorRate);
    const started = performance.now();
    // A little jitter around the configured latency, so the latency series is a series.
    const delay = Math.max(0, app.latencyMs + ((index * 7) % 9) - 4);
    setTimeout(() => {
      record(isError, (performance.now() - started) / 1000);
      if (isError) response.writeHead(500, { ...headers, 'content-type': 'text/plain' }).end('injected error\n');
      else response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page(colour, app.version));
    }, delay);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return Object.assign(app, {
    url: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    deploy(nextVersion, nextRole) {
      app.version = nextVersion;
      if (nextRole) app.role = nextRole;
      app.errorRate = errorRate;
      app.latencyMs = latencyMs;
      reset();
    },
    configure(change) {
      Object.assign(app, change);
    },
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  });
}
