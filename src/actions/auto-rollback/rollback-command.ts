import { type Result, ok } from '../../engine/result.js';
import { runStep, stepFailure } from '../../targets/run-step.js';
import type { TrafficStep } from '../../targets/traffic-target.js';

/**
 * `rollback-command`: the platform's own rollback, as an argument list run
 * without a shell; exit 0 is success. Secrets come from the step's `env:`,
 * which the command inherits, never from its arguments. Recipes:
 * - Vercel: `["vercel", "rollback", "--yes"]`
 * - Argo Rollouts: `["kubectl", "argo", "rollouts", "abort", "my-app"]`
 * - AWS CodeDeploy: `["aws", "deploy", "stop-deployment", "--deployment-id", "d-123", "--auto-rollback-enabled"]`
 * Placeholders are replaced inside each argument, once, so a value holding
 * `{stable}` stays as written (as the traffic command's are).
 */
export interface CommandValues {
  version: string;
  stable: string;
  environment: string;
  reason: string;
}

const PLACEHOLDERS = {
  '{version}': (values) => values.version,
  '{stable}': (values) => values.stable,
  '{environment}': (values) => values.environment,
  '{reason}': (values) => values.reason,
} satisfies Record<string, (values: CommandValues) => string>;

const PATTERN = /\{[a-z][a-z-]*\}/g;
const isPlaceholder = (token: string): token is keyof typeof PLACEHOLDERS => Object.hasOwn(PLACEHOLDERS, token);

/** A `{word}` that is not a placeholder is a typo; say so when the inputs are read. */
export function checkCommandPlaceholders(command: readonly string[]): string | null {
  for (const [index, arg] of command.entries()) {
    const unknown = (arg.match(PATTERN) ?? []).find((token) => !isPlaceholder(token));
    if (unknown) return `unknown placeholder \`${unknown}\` in item ${index + 1}; accepted: ${Object.keys(PLACEHOLDERS).join(', ')}`;
  }
  return null;
}

export function fillCommand(command: readonly string[], values: CommandValues): string[] {
  return command.map((arg) => arg.replace(PATTERN, (token) => (isPlaceholder(token) ? PLACEHOLDERS[token](values) : token)));
}

export interface CommandRun {
  step: TrafficStep;
  /** Why it failed, in one line with its last output line; `null` when it exited 0. */
  failure: string | null;
}

/** Runs the command; a program that cannot start is a failure naming it, like a non-zero exit. */
export async function runRollbackCommand(
  command: readonly string[],
  values: CommandValues,
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<Result<CommandRun, string>> {
  const argv = fillCommand(command, values);
  const step = await runStep('rollback-command', argv, options);
  if (!step.ok) return { ok: false, error: step.error.message };
  return ok({ step: step.value, failure: stepFailure(step.value, options.timeoutMs) });
}
