import { describe, expect, it } from 'vitest';
import { findChrome } from '../../../src/sources/lighthouse/chrome-path.js';

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findChrome', () => {
  it('takes the input first, then CHROME_PATH, then the system', () => {
    const isExecutable = only('/opt/chrome', '/usr/bin/env-chrome', '/usr/bin/google-chrome');
    const env = { CHROME_PATH: '/usr/bin/env-chrome', PATH: '/usr/local/bin:/usr/bin' };
    expect(findChrome({ input: '/opt/chrome', env, platform: 'linux', isExecutable })).toEqual({ ok: true, value: { path: '/opt/chrome', from: 'input `chrome-path`' } });
    expect(findChrome({ input: undefined, env, platform: 'linux', isExecutable })).toEqual({ ok: true, value: { path: '/usr/bin/env-chrome', from: 'CHROME_PATH' } });
    expect(findChrome({ input: undefined, env: { PATH: '/usr/local/bin:/usr/bin' }, platform: 'linux', isExecutable })).toEqual({ ok: true, value: { path: '/usr/bin/google-chrome', from: 'the system' } });
  });

  it('finds Debian\'s chromium on PATH, and Chrome on a Mac by its fixed location', () => {
    expect(findChrome({ input: undefined, env: { PATH: '/usr/bin' }, platform: 'linux', isExecutable: only('/usr/bin/chromium') })).toMatchObject({ ok: true, value: { path: '/usr/bin/chromium' } });
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChrome({ input: undefined, env: { PATH: '/usr/bin' }, platform: 'darwin', isExecutable: only(mac) })).toMatchObject({ ok: true, value: { path: mac } });
  });

  it('names the input, the variable or the install line when nothing runs', () => {
    expect(findChrome({ input: '/nope', env: {}, platform: 'linux', isExecutable: only() })).toEqual({ ok: false, error: 'input `chrome-path`: no executable at /nope' });
    expect(findChrome({ input: undefined, env: { CHROME_PATH: '/gone' }, platform: 'linux', isExecutable: only() })).toEqual({ ok: false, error: 'CHROME_PATH names /gone, which is not an executable file' });
    expect(findChrome({ input: undefined, env: { PATH: '/usr/bin' }, platform: 'linux', isExecutable: only() })).toEqual({
      ok: false,
      error: 'no Chrome or Chromium found on this machine: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set input `chrome-path` or CHROME_PATH',
    });
  });

  it('finds the real browser on this machine', () => {
    expect(findChrome({ input: undefined, env: process.env, platform: process.platform })).toMatchObject({ ok: true });
  });
});
