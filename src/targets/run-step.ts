import { type Result, ok } from '../engine/result.js';
import { formatDuration } from '../engine/units.js';
import { formatCommand, runCommand } from '../sources/run-command.js';
import type { SourceFault } from '../sources/source-fault.js';
import type { TrafficStep } from './traffic-target.js';

/** Where and how long a target's commands run. */
export interface StepOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/**
 * Runs one command of a traffic change, without a shell. A command that ran
 * is a step (whatever its exit); only one that could not start is a fault,
 * whose message names the program.
 */
export async function runStep(name: string, argv: string[], options: StepOptions): Promise<Result<TrafficStep, SourceFault>> {
  const run = await runCommand({ argv, cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs, label: name });
  if (!run.ok) return { ok: false, error: { kind: run.error.kind, message: `${name}: ${run.error.message}` } };
  return ok({ name, argv, outcome: run.value });
}

/** Why a step failed, in one line with its last line of output, or `null` when it exited 0. */
export function stepFailure(step: TrafficStep, timeoutMs: number): string | null {
  const outcome = step.outcome;
  if (outcome === null || (outcome.exitCode === 0 && !outcome.timedOut)) return null;
  const shown = `\`${formatCommand(step.argv)}\``;
  const lastLine = [...outcome.tail].reverse().find((line) => line.trim() !== '');
  const output = lastLine ? `: ${lastLine.trim()}` : '';
  if (outcome.timedOut) return `${step.name} ${shown} timed out after ${formatDuration(timeoutMs)}; killed it and its child processes${output}`;
  if (outcome.exitCode === null) return `${step.name} ${shown} was killed by ${outcome.signal ?? 'a signal'}${output}`;
  return `${step.name} ${shown} exited with ${outcome.exitCode}${output}`;
}
