import { type ChildProcess, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { type Result, ok, messageOf } from '../engine/result.js';
import { openCommandOutput } from './command-output.js';
import { commandPlatformProblem } from './command-platform.js';
import { type SourceFault, fault } from './source-fault.js';

/**
 * Runs a command without a shell (gate-checks' `command` check, traffic
 * commands, `rollback-command`, `nginx -t`): the program and its arguments
 * are an array, so nothing a workflow passes in is ever parsed by a shell.
 * On timeout the whole process group is killed, so a smoke test's server or
 * browser does not outlive the step. The child never sees the action's
 * inputs or the runner's own credentials (see {@link childEnvironment}).
 * Each line of output goes to the log as it arrives (command-output.ts) and
 * the last lines are kept for the report.
 *
 * Ours rather than `@actions/exec`, which has no timeout, cannot kill a
 * process tree, and passes the runner's environment (every input, secrets
 * included) to the child unless told otherwise.
 */
export interface CommandRequest {
  /** Program, then its arguments. */
  argv: readonly string[];
  cwd: string;
  /** The child's environment, less what {@link childEnvironment} withholds. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Names the command's lines in the log (a check's or step's name); default the program's file name. */
  label?: string;
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

/** A line without a break is passed on in pieces of this size, so memory stays bounded whatever the command prints. */
const MAX_LINE_CHARS = 16 * 1024;
/** After the process exits, how long its pipes may stay open (held by a background child) before we stop reading. */
const DRAIN_MS = 2_000;

export async function runCommand(request: CommandRequest): Promise<Result<CommandOutcome, SourceFault>> {
  const program = request.argv[0];
  if (program === undefined || program === '') return fault('config', '`run` is empty; give the program and its arguments');
  // The inputs that name commands refuse this earlier; this keeps any other caller from a half-working run.
  const unsupported = commandPlatformProblem(`\`${formatCommand(request.argv)}\``);
  if (unsupported !== null) return fault('config', unsupported);
  const cwd = await stat(request.cwd).catch(() => null);
  if (!cwd?.isDirectory()) return fault('config', `cwd ${request.cwd} is not a folder`);
  const started = performance.now();
  let child: ChildProcess;
  try {
    child = spawn(program, request.argv.slice(1), {
      cwd: request.cwd,
      env: childEnvironment(request.env),
      shell: false,
      // Its own process group, so a timeout can kill the tree (never on Windows: refused above).
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (thrown) {
    return spawnFault(thrown, program);
  }
  return watchChild(child, request, started);
}

/** Streams and keeps output, enforces the timeout, and settles once: on `close`, or on a spawn `error`. */
function watchChild(child: ChildProcess, request: CommandRequest, started: number): Promise<Result<CommandOutcome, SourceFault>> {
  return new Promise((resolve) => {
    const tail = new TailLines(request.tailLines ?? 20);
    const output = openCommandOutput(request.label ?? path.basename(request.argv[0] ?? ''), request.argv);
    const onLine = (line: string) => {
      tail.push(line);
      output.line(line);
    };
    const streams = [child.stdout, child.stderr].filter((stream): stream is Readable => stream !== null).map((stream) => splitLines(stream, onLine));

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
      // A last line without a break is still a line.
      streams.forEach((flush) => flush());
      const durationMs = Math.round(performance.now() - started);
      settle(ok({ exitCode: code, signal, timedOut, durationMs, tail: tail.lines() }));
    });
  });
}

/**
 * Calls `onLine` for each line of `stream` as it completes, and returns how
 * to pass on the last one when the stream ends without a line break. Lines
 * of stdout and stderr thus reach the log interleaved as they arrived,
 * never spliced mid-line.
 */
function splitLines(stream: Readable, onLine: (line: string) => void): () => void {
  let pending = '';
  // Decodes a character split across two chunks whole.
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split(/\r?\n/);
    pending = parts.pop() ?? '';
    for (const part of parts) onLine(part);
    while (pending.length > MAX_LINE_CHARS) {
      onLine(pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
  });
  return () => {
    if (pending !== '') onLine(pending);
    pending = '';
  };
}

/** The last `count` lines seen. */
class TailLines {
  private readonly kept: string[] = [];
  constructor(private readonly count: number) {}
  push(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.count) this.kept.shift();
  }
  lines(): string[] {
    return [...this.kept];
  }
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
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

/** How a command is shown in messages: arguments with spaces or quotes are quoted. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map((arg) => (arg === '' || /[\s'"\\$`]/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg)).join(' ');
}
