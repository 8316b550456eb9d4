import { type ChildProcess, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { type Result, ok, messageOf } from '../engine/result.js';
import { type SourceFault, fault } from './source-fault.js';

/**
 * Runs a command without a shell (gate-checks' `command` check, traffic
 * commands, `rollback-command`, `nginx -t`): the program and its arguments
 * are an array, so nothing a workflow passes in is ever parsed by a shell.
 * On timeout the whole process group is killed, so a smoke test's server or
 * browser does not outlive the step. The child never sees the action's
 * inputs or the runner's own credentials (see {@link childEnvironment}).
 */
export interface CommandRequest {
  /** Program, then its arguments. */
  argv: readonly string[];
  cwd: string;
  /** The child's environment, less what {@link childEnvironment} withholds. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Lines of output kept for the report; default 20. */
  tailLines?: number;
  /** Between SIGTERM and SIGKILL on timeout; default 2 s. */
  killGraceMs?: number;
}

export interface CommandOutcome {
  /** `null` when a signal ended it. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** The last lines of stdout and stderr, interleaved as they arrived. */
  tail: string[];
}

/**
 * What a child process never gets, whoever started it and whatever env it
 * was given: the action's inputs (`INPUT_GITHUB-TOKEN`, `INPUT_SLACK-WEBHOOK`:
 * the runner passes every input as an `INPUT_*` variable, secrets included),
 * the runner's own tokens and service URLs (the cache, artifact and OIDC
 * token services: `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_*`), and
 * the runner's command files, through which a child could set the step's
 * outputs, the job's environment or PATH for every later step. A secret a
 * command needs is given to it by name in the step's `env:`.
 */
const WITHHELD_ENV: readonly RegExp[] = [
  /^INPUT_/i,
  /^ACTIONS_RUNTIME_(TOKEN|URL)$/i,
  /^ACTIONS_ID_TOKEN_REQUEST_(TOKEN|URL)$/i,
  /^ACTIONS_(CACHE|RESULTS)_URL$/i,
  /^GITHUB_(ENV|PATH|OUTPUT|STATE|STEP_SUMMARY)$/i,
];

/** `env` without the variables in {@link WITHHELD_ENV}. */
export function childEnvironment(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !WITHHELD_ENV.some((pattern) => pattern.test(name))));
}

/** Output kept in memory: enough for the tail, bounded whatever the command prints. */
const MAX_OUTPUT_CHARS = 64 * 1024;
/** After the process exits, how long its pipes may stay open (held by a background child) before we stop reading. */
const DRAIN_MS = 2_000;

export async function runCommand(request: CommandRequest): Promise<Result<CommandOutcome, SourceFault>> {
  const program = request.argv[0];
  if (program === undefined || program === '') return fault('config', '`run` is empty; give the program and its arguments');
  const cwd = await stat(request.cwd).catch(() => null);
  if (!cwd?.isDirectory()) return fault('config', `cwd ${request.cwd} is not a folder`);
  const started = performance.now();
  let child: ChildProcess;
  try {
    child = spawn(program, request.argv.slice(1), {
      cwd: request.cwd,
      env: childEnvironment(request.env),
      shell: false,
      // Its own process group, so a timeout can kill the tree (POSIX only).
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (thrown) {
    return spawnFault(thrown, program);
  }
  return watchChild(child, request, started);
}

/** Collects output, enforces the timeout, and settles once: on `close`, or on a spawn `error`. */
function watchChild(child: ChildProcess, request: CommandRequest, started: number): Promise<Result<CommandOutcome, SourceFault>> {
  return new Promise((resolve) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT_CHARS);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);

    let timedOut = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const onTimeout = () => {
      timedOut = true;
      killTree(child, 'SIGTERM');
      timers.push(setTimeout(() => killTree(child, 'SIGKILL'), request.killGraceMs ?? 2_000));
    };
    timers.push(setTimeout(onTimeout, request.timeoutMs));
    const settle = (result: Result<CommandOutcome, SourceFault>) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      resolve(result);
    };
    child.on('error', (error) => settle(spawnFault(error, request.argv[0] ?? '')));
    child.on('exit', () => {
      timers.push(setTimeout(() => (child.stdout?.destroy(), child.stderr?.destroy()), DRAIN_MS));
    });
    child.on('close', (code, signal) => {
      const durationMs = Math.round(performance.now() - started);
      settle(ok({ exitCode: code, signal, timedOut, durationMs, tail: lastLines(output, request.tailLines ?? 20) }));
    });
  });
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function spawnFault(thrown: unknown, program: string): { ok: false; error: SourceFault } {
  const code = (thrown as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return fault('missing', `command not found: ${program} (it runs without a shell, so it must be a program on PATH or a path to one)`);
  if (code === 'EACCES') return fault('config', `cannot run ${program}: permission denied (EACCES); is it executable?`);
  return fault('config', `cannot run ${program}: ${messageOf(thrown)}`);
}

/** The last `count` lines, without the empty line a trailing newline leaves. */
export function lastLines(text: string, count: number): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-count);
}

/** How a command is shown in messages: arguments with spaces or quotes are quoted. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map((arg) => (arg === '' || /[\s'"\\$`]/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg)).join(' ');
}
