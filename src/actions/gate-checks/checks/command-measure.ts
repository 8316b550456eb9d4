import path from 'node:path';
import { type Result, ok } from '../../../engine/result.js';
import { formatDuration, parseDuration } from '../../../engine/units.js';
import { type CommandOutcome, formatCommand, runCommand } from '../../../sources/run-command.js';
import { commandPlatformProblem } from '../../../sources/command-platform.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `command` checks; `command.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

const DEFAULT_TIMEOUT = '5m';

interface CommandConfig {
  argv: string[];
  timeoutMs: number;
  cwd: string;
  env: Record<string, string>;
  expectExit: number[];
}

export async function measureCommand(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  const config = readConfig(spec, environment);
  if (!config.ok) return config;
  const { argv, timeoutMs, cwd, env, expectExit } = config.value;
  const run = await runCommand({ argv, cwd, env, timeoutMs, label: spec.name });
  if (!run.ok) return run;
  const outcome = run.value;
  const verdict = judge(formatCommand(argv), outcome, expectExit, timeoutMs);
  return ok({
    measurements: { 'exit-code': outcome.exitCode, 'duration-ms': outcome.durationMs },
    samples: null,
    evidence: {
      command: argv,
      cwd: path.relative(environment.workspace, cwd) || '.',
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      durationMs: outcome.durationMs,
      expectExit,
      outputTail: outcome.tail,
    },
    verdict: { ...verdict, value: outcome.exitCode, threshold: expectExit.join(', ') },
  });
}

function judge(shown: string, outcome: CommandOutcome, expectExit: number[], timeoutMs: number): { status: 'pass' | 'fail'; message: string } {
  const took = formatDuration(outcome.durationMs);
  const lastLine = [...outcome.tail].reverse().find((line) => line.trim() !== '');
  const output = lastLine ? `: ${lastLine.trim()}` : '';
  if (outcome.timedOut) return { status: 'fail', message: `\`${shown}\` timed out after ${formatDuration(timeoutMs)}; killed it and its child processes${output}` };
  if (outcome.exitCode === null) return { status: 'fail', message: `\`${shown}\` was killed by ${outcome.signal ?? 'a signal'} after ${took}${output}` };
  if (expectExit.includes(outcome.exitCode)) return { status: 'pass', message: `\`${shown}\` exited with ${outcome.exitCode} in ${took}` };
  return { status: 'fail', message: `\`${shown}\` exited with ${outcome.exitCode} (expected ${expectExit.join(' or ')}) after ${took}${output}` };
}

function readConfig(spec: CheckSpec, environment: CheckEnvironment): Result<CommandConfig, SourceFault> {
  const problem = (message: string) => fault('config', `check \`${spec.name}\`: ${message}`);
  const unsupported = commandPlatformProblem('type `command`');
  if (unsupported !== null) return problem(unsupported);
  const { run, timeout, cwd, env } = spec.entry;
  if (typeof run === 'string') {
    return problem(`\`run\` must be a list of arguments such as [npm, run, smoke], got the string ${JSON.stringify(run)}; commands never go through a shell, so give the program and each argument as list items`);
  }
  const argv = scalarList(run);
  if (!argv || argv.length === 0) return problem('`run` must be a non-empty list: the program, then its arguments, e.g. [npm, run, smoke]');
  const timeoutMs = parseDuration(timeout ?? DEFAULT_TIMEOUT);
  if (!timeoutMs.ok || timeoutMs.value <= 0) return problem(`\`timeout\`: ${timeoutMs.ok ? 'must be more than 0' : timeoutMs.error}`);
  if (cwd !== undefined && typeof cwd !== 'string') return problem(`\`cwd\` must be a folder relative to the workspace, got ${JSON.stringify(cwd)}`);
  const extraEnv = scalarMap(env ?? {});
  if (!extraEnv) return problem(`\`env\` must be a mapping of names to values, got ${JSON.stringify(env)}`);
  const expectExit = exitCodes(spec.entry['expect-exit'] ?? 0);
  if (!expectExit) return problem(`\`expect-exit\` must be an exit code or a list of them (0–255), got ${JSON.stringify(spec.entry['expect-exit'])}`);
  return ok({
    argv,
    timeoutMs: timeoutMs.value,
    cwd: path.resolve(environment.workspace, cwd ?? '.'),
    env: { ...definedOnly(environment.env), ...extraEnv },
    expectExit,
  });
}

/** YAML reads `[sleep, 1]` with a number; arguments are text, so scalars are turned into strings. */
function scalarList(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw) || !raw.every(isScalar)) return undefined;
  return raw.map(String);
}

function scalarMap(raw: unknown): Record<string, string> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw);
  if (!entries.every(([, value]) => isScalar(value))) return undefined;
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

function exitCodes(raw: unknown): number[] | undefined {
  const codes = Array.isArray(raw) ? raw : [raw];
  const valid = codes.length > 0 && codes.every((code) => Number.isInteger(code) && (code as number) >= 0 && (code as number) <= 255);
  return valid ? (codes as number[]) : undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function definedOnly(env: CheckEnvironment['env']): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
