import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Result, err, ok } from '../../engine/result.js';
import { type NpmFailure, readNpmFailure } from './npm-failure.js';

/** An npm to run without a shell: node plus npm's own npm-cli.js. */
export interface NpmCommand {
  file: string;
  args: string[];
}

/** Why an npm run failed: what npm said, or that it ran past its deadline. */
export type NpmRunFailure = { kind: 'npm'; failure: NpmFailure; exitCode: number | null } | { kind: 'deadline'; timeoutMs: number };

/** npm-cli.js beside this node (the Node.js layouts for Unix and Windows), else beside an npm on PATH. */
export function findNpm(execPath: string, env: NodeJS.ProcessEnv, exists: (file: string) => boolean = existsSync): NpmCommand | null {
  const dirs = [path.dirname(execPath), ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  const candidates = dirs.flatMap((dir) => [path.join(dir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), path.join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js')]);
  const cli = candidates.find(exists);
  return cli ? { file: execPath, args: [cli] } : null;
}

/**
 * The npm arguments: the lockfile's versions, no install scripts (none is
 * needed, and none should run on a CI machine unasked), no audit, fund or
 * update checks (three registry requests that change nothing).
 * `--prefer-offline`: a package already in npm's cache is used without
 * asking the registry whether it changed (a lockfile entry with an integrity
 * hash cannot change), so a warm cache installs with no network at all.
 * `--loglevel=warn`: a full disk shows only as warnings (see npm-failure.ts).
 */
export function npmInstallArgs(prefix: string): string[] {
  return ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--no-update-notifier', '--prefer-offline', '--loglevel=warn'];
}

/**
 * The runner's own credentials and every `INPUT_*` variable (the step's
 * inputs, `github-token` among them) stay out of npm's environment. What a
 * user set for npm on purpose stays: npm_config_*, NODE_AUTH_TOKEN and the
 * proxy variables are how a private registry or a proxy is reached.
 */
export function npmEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const runnerSecrets = new Set(['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_RUNTIME_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL']);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toUpperCase().startsWith('INPUT_') && !runnerSecrets.has(name)));
}

/**
 * Runs npm and reads its failure from stderr. A run past `timeoutMs` is
 * killed (npm starts no child of its own with `--ignore-scripts`, so killing
 * it stops everything). A run that exits 0 but warned that files could not
 * be written (a full disk) is a failure.
 */
export function runNpm(npm: NpmCommand, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Result<void, NpmRunFailure>> {
  return new Promise((resolve) => {
    execFile(npm.file, [...npm.args, ...args], { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const startFailure = typeof error?.code === 'string' ? error.code : null;
      if (error?.killed && startFailure === null) return resolve(err({ kind: 'deadline', timeoutMs }));
      const failure = readNpmFailure(stderr);
      if (!error && failure === null) return resolve(ok(undefined));
      const exitCode = typeof error?.code === 'number' ? error.code : error ? null : 0;
      const unexplained = startFailure !== null ? `${startFailure}: ${error?.message.split('\n')[0] ?? ''}` : `exited with ${exitCode !== null ? `code ${exitCode}` : `signal ${error?.signal ?? 'unknown'}`}`;
      resolve(err({ kind: 'npm', exitCode, failure: failure ?? { kind: 'other', code: null, detail: unexplained, path: null } }));
    });
  });
}
