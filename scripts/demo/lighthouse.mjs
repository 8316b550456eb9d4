// Demo step: lighthouse-budget collects two real Lighthouse runs of a light
// page served on 127.0.0.1, in the system Chrome or Chromium, and prints the
// table of medians, spread and budgets the job summary shows. The repository's
// own Lighthouse is used (`lighthouse-path`), so nothing is installed. Without
// a browser the step is skipped with the line that installs one.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium';

function findBrowser() {
  return [process.env.CHROME_PATH, ...BROWSERS].find((file) => file && existsSync(file));
}

async function serveLightPage(root) {
  const page = await readFile(path.join(root, 'test/fixtures/lighthouse-budget/site/light.html'));
  const server = createServer((req, res) => {
    req.resume();
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The summary's metric rows as aligned terminal lines: metric, median, spread, budget, status. */
function printTable(ctx, summary) {
  for (const line of summary.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('|---')) continue;
    const [metric, median, spread, budget, , , status] = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    ctx.note(`${metric.padEnd(26)}${median.padEnd(10)}${spread.padEnd(20)}${budget.padEnd(16)}${status}`);
  }
}

export async function runLighthouseDemo(ctx) {
  const browser = findBrowser();
  if (!browser) {
    ctx.step('lighthouse-budget — skipped: no Chrome or Chromium on this machine');
    ctx.note('To include the Lighthouse step, install Chromium and run the demo again:');
    ctx.note(`  ${INSTALL}`);
    return `lighthouse: skipped (no Chromium; install it with: ${INSTALL})`;
  }
  const site = await serveLightPage(ctx.root);
  try {
    ctx.step(`lighthouse-budget — 2 desktop runs of ${site.url} in ${browser}`);
    const result = await runAction('lighthouse-budget', {
      step: 'lighthouse-budget',
      workDir: ctx.out,
      env: { CHROME_PATH: browser },
      inputs: {
        urls: site.url,
        runs: 2,
        preset: 'desktop',
        'lighthouse-path': ctx.root,
        'min-performance': 0.9,
        'max-lcp': '2.5s',
        'max-cls': 0.1,
        'output-dir': path.join(ctx.out, 'lighthouse-results'),
        'report-path': path.join(ctx.out, 'lighthouse-budget.report.json'),
        'fail-on-fail': 'false',
      },
      onLine: (line) => /^\[\d+\/\d+\]/.test(line) && ctx.note(line),
    });
    if (result.code !== 0) throw new Error(`lighthouse-budget exited ${result.code}:\n${result.log}`);
    printTable(ctx, result.summary);
    ctx.note(`→ decision: ${result.outputs.decision} — ${result.outputs.summary}`);
    ctx.note(`→ LHRs and the representative run's HTML report: ${path.relative(ctx.root, result.outputs['output-dir'])}/`);
    const scores = JSON.parse(result.outputs.scores)[site.url];
    return `lighthouse: light page → ${result.outputs.decision} (performance ${scores.performance}, LCP ${Math.round(scores['largest-contentful-paint'])} ms, ${scores.runs} runs)`;
  } finally {
    await site.close();
  }
}
