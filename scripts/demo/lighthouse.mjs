// Pipeline step 2: lighthouse-budget collects real Lighthouse runs of the
// release (green, v2) through the router's preview listener, in the system
// Chrome or Chromium, and prints the table of medians, spread and budgets the
// job summary shows. The repository's own Lighthouse is used
// (`lighthouse-path`), so nothing is installed. Without a browser the step is
// skipped with the line that installs one. DEMO_LIGHTHOUSE_RUNS (default 1)
// sets the number of runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium';

function findBrowser() {
  if (process.env.DEMO_NO_CHROMIUM) return undefined;
  return [process.env.CHROME_PATH, ...BROWSERS].find((file) => file && existsSync(file));
}

/** The summary's metric rows as aligned terminal lines: metric, median, spread, budget, status. */
function printTable(ctx, summary) {
  for (const line of summary.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('|---')) continue;
    const [metric, median, spread, budget, , , status] = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    ctx.note(`${metric.padEnd(26)}${median.padEnd(10)}${spread.padEnd(20)}${budget.padEnd(16)}${status}`);
  }
}

export async function runLighthouse(ctx, env) {
  const browser = findBrowser();
  if (!browser) {
    ctx.step('lighthouse-budget — skipped: no Chrome or Chromium on this machine');
    ctx.note('To include the Lighthouse step, install Chromium and run the demo again:');
    ctx.note(`  ${INSTALL}`);
    ctx.decisions.push({ at: ctx.elapsed(), step: 'lighthouse-budget', decision: 'skipped', ok: true, detail: 'no Chromium' });
    return `lighthouse-budget: skipped (no Chromium; install it with: ${INSTALL})`;
  }
  const runs = Number(process.env.DEMO_LIGHTHOUSE_RUNS ?? 1);
  const url = `${env.router.previewUrl}/`;
  ctx.step(`lighthouse-budget — ${runs} desktop run${runs === 1 ? '' : 's'} of green (v2) through the router's preview ${url}, in ${browser}`);
  const result = await runAction('lighthouse-budget', {
    step: 'lighthouse-budget',
    workDir: ctx.out,
    env: { CHROME_PATH: browser },
    inputs: {
      urls: url,
      runs,
      preset: 'desktop',
      'lighthouse-path': ctx.root,
      'min-performance': 0.9,
      'max-lcp': '2.5s',
      'max-cls': 0.1,
      'output-dir': path.join(ctx.out, 'lighthouse-results'),
      'report-path': path.join(ctx.out, 'lighthouse-budget.report.json'),
      'fail-on-fail': 'false',
    },
    onLine: (line) => /^\[\d+\/\d+\]/.test(line) && ctx.event(line),
  });
  if (result.code !== 0) throw new Error(`lighthouse-budget exited ${result.code}:\n${result.log}`);
  printTable(ctx, result.summary);
  ctx.event(`decision: ${result.outputs.decision} — ${result.outputs.summary}`);
  ctx.note(`LHRs and the representative run's HTML report: ${path.relative(ctx.root, result.outputs['output-dir'])}/`);
  ctx.note(`job summary: ${path.relative(ctx.root, result.summaryFile)}`);
  const scores = JSON.parse(result.outputs.scores)[url];
  ctx.decide('lighthouse-budget', result.outputs.decision, 'pass', result.outputs.summary);
  return `lighthouse-budget: green v2 → ${result.outputs.decision} (performance ${scores.performance}, LCP ${Math.round(scores['largest-contentful-paint'])} ms, ${scores.runs} run${scores.runs === 1 ? '' : 's'})`;
}
