import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { type Result, err, ok } from '../../engine/result.js';

/**
 * Which Chrome or Chromium collects: the `chrome-path` input, else
 * `CHROME_PATH` (the variable chrome-launcher and LHCI read), else the first
 * browser found on the machine. GitHub's Ubuntu images ship Google Chrome as
 * `google-chrome`; Debian's package is `chromium`. Nothing is downloaded.
 */
export interface FoundChrome {
  path: string;
  /** Where the path came from, for the log. */
  from: 'input `chrome-path`' | 'CHROME_PATH' | 'the system';
}

/** Executable names looked up on PATH, most common on CI first. */
const NAMES_ON_PATH = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser', 'chrome'];

/** Fixed install locations per platform, for machines where the browser is not on PATH. */
const FIXED_LOCATIONS: Record<string, (env: NodeJS.ProcessEnv) => string[]> = {
  linux: () => ['/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/opt/google/chrome/chrome'],
  darwin: () => ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: (env) =>
    [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((dir): dir is string => Boolean(dir)).map((dir) => path.win32.join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe')),
};

export const INSTALL_HINT = 'install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set input `chrome-path` or CHROME_PATH';

/** Where to look: the input, the environment and the platform (all passed in, for tests). */
export interface ChromeSearch {
  input: string | undefined;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Whether a file exists and may be executed; injectable for tests. */
  isExecutable?: (file: string) => boolean;
}

export function findChrome(search: ChromeSearch): Result<FoundChrome> {
  const isExecutable = search.isExecutable ?? executable;
  if (search.input !== undefined) {
    return isExecutable(search.input) ? ok({ path: search.input, from: 'input `chrome-path`' }) : err(`input \`chrome-path\`: no executable at ${search.input}`);
  }
  const fromEnv = search.env.CHROME_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? ok({ path: fromEnv, from: 'CHROME_PATH' }) : err(`CHROME_PATH names ${fromEnv}, which is not an executable file`);
  const pathDirs = (search.env.PATH ?? '').split(search.platform === 'win32' ? ';' : ':').filter(Boolean);
  const onPath = search.platform === 'win32' ? [] : NAMES_ON_PATH.flatMap((name) => pathDirs.map((dir) => path.join(dir, name)));
  const fixed = FIXED_LOCATIONS[search.platform]?.(search.env) ?? [];
  const found = [...onPath, ...fixed].find(isExecutable);
  return found ? ok({ path: found, from: 'the system' }) : err(`no Chrome or Chromium found on this machine: ${INSTALL_HINT}`);
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
