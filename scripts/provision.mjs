// Makes sure the system packages the tests run for real are on the machine:
// Debian's Chromium (Lighthouse, Playwright, axe), nginx (traffic target),
// Prometheus (metric source) and PostgreSQL (the database of the real Unleash
// the Unleash flag tests run against). As root it installs what is missing with
// apt-get (or through passwordless sudo); otherwise it stops with the exact
// line to run. `--if-possible` (the demo) prints that line and carries on,
// so the demo runs its fallbacks instead of failing. Nothing here downloads
// a browser of its own.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const NEEDED = [
  // GitHub's Ubuntu images ship Google Chrome; CHROME_PATH names any other build.
  { pkg: 'chromium', binaries: ['/usr/bin/chromium', '/usr/bin/google-chrome', process.env.CHROME_PATH ?? ''] },
  { pkg: 'nginx', binaries: ['/usr/sbin/nginx'] },
  { pkg: 'prometheus', binaries: ['/usr/bin/prometheus'] },
  // Debian keeps each major's programs in its own folder, off the PATH.
  { pkg: 'postgresql', binaries: postgresInitdbs() },
];

const missing = NEEDED.filter(({ binaries }) => !binaries.some((b) => b !== '' && existsSync(b))).map(({ pkg }) => pkg);
if (missing.length === 0) process.exit(0);

const line = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const ifPossible = process.argv.includes('--if-possible');
const sudo = isRoot ? [] : hasPasswordlessSudo() ? ['sudo', '-n'] : null;
if (sudo === null) {
  if (ifPossible) {
    console.log(`provision: ${missing.join(', ')} missing and no root: the fallbacks run instead. For the real parts:\n  sudo ${line}`);
    process.exit(0);
  }
  console.error(`The tests need Debian packages that are missing: ${missing.join(', ')}.\nInstall them with:\n  sudo ${line}`);
  process.exit(1);
}
console.log(`provision: installing ${missing.join(', ')} with apt-get${sudo.length ? ' through sudo' : ''} (run for real)`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const apt = (args) => (sudo.length ? execFileSync(sudo[0], [...sudo.slice(1), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { stdio: 'inherit', env }) : execFileSync('apt-get', args, { stdio: 'inherit', env }));
apt(['update', '-qq']);
apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
// Debian starts these as services on install; the tests start their own on loopback ports.
for (const service of ['nginx', 'prometheus', 'postgresql']) {
  if (missing.includes(service)) {
    try {
      execFileSync(...(sudo.length ? [sudo[0], [...sudo.slice(1), 'service', service, 'stop']] : ['service', [service, 'stop']]), { stdio: 'ignore' });
    } catch {
      // No init system in a container: the service never started.
    }
  }
}

function postgresInitdbs() {
  const root = '/usr/lib/postgresql';
  return existsSync(root) ? readdirSync(root).map((major) => `${root}/${major}/bin/initdb`) : [];
}

function hasPasswordlessSudo() {
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
