import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { generateReport } from 'lighthouse';
const url = process.argv[2];
const t0 = Date.now();
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
try {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }, desktopConfig);
  const lhr = result.lhr;
  console.log('version', lhr.lighthouseVersion, 'perf', lhr.categories.performance.score, 'a11y', lhr.categories.accessibility?.score, 'audits', Object.keys(lhr.audits).length, 'runtimeError', lhr.runtimeError?.code);
  console.log('locale title', lhr.audits['largest-contentful-paint'].title);
  const html = generateReport(lhr, 'html');
  console.log('html length', html.length);
} finally { chrome.kill(); }
console.log('ms', Date.now() - t0);
