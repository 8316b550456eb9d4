import type { RunLighthouse } from './collector.js';
import type { LighthouseApi } from './lighthouse-runtime.js';

/**
 * One Lighthouse run in a fresh headless Chrome, through Lighthouse's Node
 * API and chrome-launcher (what `lhci collect` runs via the Lighthouse CLI).
 */
export type FormFactorPreset = 'mobile' | 'desktop';

/**
 * Flags that let Chrome run as root in a container with no network beyond
 * the site under test: no sandbox (it needs user namespaces root lacks), no
 * GPU, no background traffic (component updates, sync, safe-browsing
 * lists) that would wait on an unreachable network or add requests to the
 * measurement, and /tmp instead of a small /dev/shm (Docker's 64 MB makes
 * Chrome crash on large pages).
 */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A run that has not finished in this time is a hung Chrome: killed, and retried like a crash. */
export const RUN_TIMEOUT_MS = 180_000;

/** The browser, the form factor, and how long one run may take. */
export interface DriverOptions {
  chromePath: string;
  preset: FormFactorPreset;
  timeoutMs?: number;
}

export function createLighthouseRunner(api: LighthouseApi, options: DriverOptions): RunLighthouse {
  return async (url) => {
    const chrome = await api.launch({ chromePath: options.chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`Lighthouse did not finish within ${(options.timeoutMs ?? RUN_TIMEOUT_MS) / 1000} s`), { code: 'RUN_TIMEOUT' })), options.timeoutMs ?? RUN_TIMEOUT_MS);
      });
      // Mobile is Lighthouse's default config (as `lhci collect` without settings.preset); desktop is its desktop-config.
      const config = options.preset === 'desktop' ? api.desktopConfig : undefined;
      const result = await Promise.race([api.lighthouse(url, { port: chrome.port, logLevel: 'error' }, config), timeout]);
      if (!result?.lhr) throw Object.assign(new Error('Lighthouse returned no result'), { code: 'NO_RESULT' });
      return result.lhr;
    } finally {
      clearTimeout(timer);
      await Promise.resolve(chrome.kill()).catch(() => undefined);
    }
  };
}
