import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './child-process.js';

/**
 * A throwaway PostgreSQL (Debian's `postgresql`, see scripts/provision.mjs)
 * for the real servers that need one: Unleash, and the LHCI server. Trust
 * authentication on 127.0.0.1 only, no fsync (the data lives as long as the
 * test file). Postgres refuses to run as root, so as root it runs as
 * Debian's `postgres` user.
 */
export interface RunningPostgres {
  port: number;
  /** The superuser `initdb` created; it needs no password (trust on loopback). */
  user: string;
  /** Stops the cluster and deletes its folder. */
  stop(): Promise<void>;
}

export async function startPostgres(user: string): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), `rg-${user}-pg-`));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(dir, uid, gid);
  }
  const as = (program: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]) : run(path.join(bin, program), args));
  const data = path.join(dir, 'data');
  try {
    await as('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await as('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', path.join(dir, 'postgres.log'), '-o', options]).catch(async (error: unknown) => {
      const logged = await readFile(path.join(dir, 'postgres.log'), 'utf8').catch(() => '');
      throw new Error(`${String(error)}\n${logged.slice(-1_000)}`);
    });
    return {
      port,
      user,
      stop: async () => {
        await as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The newest PostgreSQL Debian installed (`/usr/lib/postgresql/<major>/bin`). */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((major) => existsSync(path.join(root, major, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `node scripts/provision.mjs` as root, or `apt-get install postgresql`');
  return path.join(root, newest, 'bin');
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const fields = passwd.split('\n').find((line) => line.startsWith('postgres:'))?.split(':');
  if (!fields) throw new Error('no `postgres` user to run PostgreSQL as (Postgres refuses to run as root); install Debian\'s postgresql package');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function run(program: string, args: string[], { timeoutMs = 60_000 } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: timeoutMs }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${path.basename(program)} ${args[0] ?? ''} failed: ${(stderr || error.message).split('\n').filter(Boolean).slice(-3).join(' ')}`)) : resolve(),
    );
  });
}
