import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import { formatCommand } from '../sources/run-command.js';
import { parseArgList } from './arg-list.js';
import { runStep, stepFailure } from './run-step.js';
import {
  type TargetContext,
  type TrafficChange,
  type TrafficFault,
  type TrafficTarget,
  type TrafficTargetKind,
  type WeightRequest,
  checkWeight,
  definedEnv,
} from './traffic-target.js';

/**
 * The `command` target: any tool that can set a weight — a script,
 * `kubectl argo rollouts set weight`, the Vercel or AWS CLI — run as an
 * argument array, never through a shell. Placeholders are replaced inside
 * each argument, so a version name such as `$(touch /tmp/pwned)` reaches the
 * program as those exact characters.
 *
 * ```yaml
 * traffic-command: '["./scripts/set-weight.sh", "{weight}", "{canary}", "{stable}"]'
 * ```
 * Exit 0 is success; anything else fails the change with the output's tail.
 */
export const COMMAND_KIND = 'command';

export interface CommandTargetConfig {
  /** Program, then arguments, placeholders not yet replaced. */
  command: string[];
}

/** Each placeholder and what it becomes; `{weight}` is the canary's percent. */
const PLACEHOLDERS = {
  '{weight}': (request) => String(request.canaryWeight),
  '{canary-weight}': (request) => String(request.canaryWeight),
  '{stable-weight}': (request) => String(100 - request.canaryWeight),
  '{canary}': (request) => request.canary,
  '{stable}': (request) => request.stable,
} satisfies Record<string, (request: WeightRequest) => string>;

const PLACEHOLDER_PATTERN = /\{[a-z][a-z-]*\}/g;

const isPlaceholder = (token: string): token is keyof typeof PLACEHOLDERS => Object.hasOwn(PLACEHOLDERS, token);

/**
 * Replaces placeholders in one pass, so a substituted value that itself
 * contains `{stable}` stays as written.
 */
export function substitutePlaceholders(template: readonly string[], request: WeightRequest): string[] {
  return template.map((arg) => arg.replace(PLACEHOLDER_PATTERN, (token) => (isPlaceholder(token) ? PLACEHOLDERS[token](request) : token)));
}

/** A `{word}` that is not a placeholder is almost always a typo (`{weigth}`); refuse it rather than pass it on. */
function checkPlaceholders(command: string[]): string | null {
  for (const [index, arg] of command.entries()) {
    const unknown = (arg.match(PLACEHOLDER_PATTERN) ?? []).find((token) => !isPlaceholder(token));
    if (unknown) return `unknown placeholder \`${unknown}\` in item ${index + 1}; accepted: ${Object.keys(PLACEHOLDERS).join(', ')}`;
  }
  return null;
}

const configSchema = z.strictObject({ 'traffic-command': z.string() }).transform((raw, context): CommandTargetConfig => {
  const parsed = parseArgList(raw['traffic-command']);
  const problem = parsed.ok ? checkPlaceholders(parsed.value) : parsed.error;
  if (parsed.ok && problem === null) return { command: parsed.value };
  context.addIssue({ code: 'custom', message: problem ?? 'is invalid', path: ['traffic-command'] });
  return z.NEVER;
});

export const commandTarget: TrafficTargetKind<CommandTargetConfig> = {
  kind: COMMAND_KIND,
  inputs: ['traffic-command'],
  runsCommands: 'input `traffic-command`',
  schema: configSchema,
  create: (config, timeoutMs, context) => new CommandTarget(config, timeoutMs, context),
};

class CommandTarget implements TrafficTarget {
  readonly kind = COMMAND_KIND;

  constructor(
    private readonly config: CommandTargetConfig,
    private readonly timeoutMs: number,
    private readonly context: TargetContext,
  ) {}

  describe(): string {
    return `command ${formatCommand(this.config.command)}`;
  }

  async setWeight(request: WeightRequest): Promise<Result<TrafficChange, TrafficFault>> {
    const weight = checkWeight(request.canaryWeight);
    if (!weight.ok) return weight;
    const started = performance.now();
    const argv = substitutePlaceholders(this.config.command, request);
    const change = (steps: TrafficChange['steps']): TrafficChange => ({
      target: this.describe(),
      canaryWeight: request.canaryWeight,
      stableWeight: 100 - request.canaryWeight,
      dryRun: request.dryRun === true,
      steps,
      file: null,
      verification: null,
      durationMs: Math.round(performance.now() - started),
    });
    if (request.dryRun) return ok(change([{ name: 'set-weight', argv, outcome: null }]));
    const options = { cwd: this.context.workspace, env: definedEnv(this.context.env), timeoutMs: this.timeoutMs };
    const step = await runStep('set-weight', argv, options);
    if (!step.ok) return step;
    const failure = stepFailure(step.value, this.timeoutMs);
    if (failure !== null) return { ok: false, error: { kind: 'provider', message: failure, steps: [step.value] } };
    return ok(change([step.value]));
  }
}
