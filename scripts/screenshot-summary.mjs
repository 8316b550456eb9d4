#!/usr/bin/env node
// Renders a job summary (the Markdown an action writes to
// GITHUB_STEP_SUMMARY) the way GitHub shows it, with GitHub's own Markdown
// stylesheet, and takes a screenshot with headless Chromium, for the README:
//   node scripts/screenshot-summary.mjs .demo-out/rollback.summary.md docs/images/rollback-summary.png
// Debian's Chromium (as the tests use); --no-sandbox because CI runs as root.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { marked } from 'marked';
import { chromium } from 'playwright-core';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/screenshot-summary.mjs <summary.md> <out.png>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
const body = marked.parse(readFileSync(input, 'utf8'), { gfm: true });
const html = `<!doctype html><meta charset="utf-8"><style>${css} body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; width: 1012px; padding: 24px 32px; }</style><article class="markdown-body">${body}</article>`;

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1012, height: 600 }, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  await page.locator('article').screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
