import type { z } from 'zod';
import { type Result, err, ok } from '../engine/result.js';
import { checkTimerDuration, parseDuration } from '../engine/units.js';
import { commandPlatformProblem } from '../sources/command-platform.js';
import { type SourceFault, fault } from '../sources/source-fault.js';
import { commandTarget } from './command.js';
import { flagTrafficKind } from './flags/flag-target.js';
import { FLAG_SERVICES } from './flags/services.js';
import { nginxTarget } from './nginx.js';
import type { TargetContext, TrafficTarget, TrafficTargetKind } from './traffic-target.js';
import { vercelTarget } from './vercel.js';

/**
 * The only place traffic target kinds are listed, as argo-rollouts' one
 * factory is for its providers: adding an Unleash or AWS ALB target is its
 * file plus one line here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its own config type
const TARGET_KINDS: Record<string, TrafficTargetKind<any>> = {
  [commandTarget.kind]: commandTarget,
  [nginxTarget.kind]: nginxTarget,
  [vercelTarget.kind]: vercelTarget,
  ...Object.fromEntries(Object.values(FLAG_SERVICES).map((service) => [service.kind, flagTrafficKind(service)])),
};

export const TRAFFIC_TARGET_KINDS: readonly string[] = Object.keys(TARGET_KINDS);

/** Names the kind; optional when only one kind's inputs are given. */
export const TRAFFIC_TARGET_INPUT = 'traffic-target';
/** How long each command of a change may take (a duration); default {@link DEFAULT_TRAFFIC_TIMEOUT}. */
export const TRAFFIC_TIMEOUT_INPUT = 'traffic-timeout';
export const DEFAULT_TRAFFIC_TIMEOUT = '2m';

/** Every input a traffic target reads, for `action.yml` and the actions' `inputs.ts`. */
export const TRAFFIC_INPUTS: readonly string[] = [TRAFFIC_TARGET_INPUT, TRAFFIC_TIMEOUT_INPUT, ...new Set(Object.values(TARGET_KINDS).flatMap((kind) => kind.inputs))];

/** Reads one action input; `''` when it is not set, as `core.getInput` returns. */
export type GetInput = (name: string) => string;

/**
 * Builds the traffic target the action inputs describe, or `null` when none
 * is configured (auto-rollback may use `rollback-command` instead). A bad
 * config is one `config` fault listing every bad input by name.
 */
export function createTrafficTarget(getInput: GetInput, context: TargetContext): Result<TrafficTarget | null, SourceFault> {
  const read = (name: string): string | undefined => getInput(name).trim() || undefined;
  const picked = pickKind(read);
  if (!picked.ok) return picked;
  const definition = picked.value;
  if (definition === null) return ok(null);
  const problems = strayInputs(definition, read);
  const unsupported = definition.runsCommands === undefined ? null : commandPlatformProblem(definition.runsCommands);
  if (unsupported !== null) problems.push(unsupported);
  const timeout = readTimeout(read(TRAFFIC_TIMEOUT_INPUT) ?? DEFAULT_TRAFFIC_TIMEOUT);
  if (!timeout.ok) problems.push(`input \`${TRAFFIC_TIMEOUT_INPUT}\`: ${timeout.error}`);
  const raw = Object.fromEntries(definition.inputs.flatMap((name) => (read(name) === undefined ? [] : [[name, read(name)]])));
  const parsed = definition.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => describeIssue(issue, definition.kind)));
  if (problems.length > 0 || !parsed.success || !timeout.ok) return fault('config', problems.join('; '));
  return ok(definition.create(parsed.data, timeout.value, context));
}

/** A command's timeout drives a timer: more than 0, and at most 2^31 − 1 ms, beyond which Node's setTimeout fires at once and would kill every command at once. */
function readTimeout(text: string): Result<number> {
  const parsed = parseDuration(text);
  if (!parsed.ok) return parsed;
  if (!(parsed.value > 0)) return err('must be more than 0');
  return checkTimerDuration(parsed.value);
}

/** Inputs of another kind would be silently ignored; say so instead. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see TARGET_KINDS
function strayInputs(chosen: TrafficTargetKind<any>, read: (name: string) => string | undefined): string[] {
  const others = Object.values(TARGET_KINDS).filter((kind) => kind !== chosen);
  const strays = [...new Set(others.flatMap((kind) => kind.inputs))].filter((name) => read(name) !== undefined && !chosen.inputs.includes(name));
  return strays.map((name) => `input \`${name}\` does not apply to traffic-target ${chosen.kind}; remove it or choose the target it belongs to`);
}

/**
 * `traffic-target` when set; otherwise the one kind whose inputs are given,
 * so `traffic-command` alone means the command target.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see TARGET_KINDS
function pickKind(read: (name: string) => string | undefined): Result<TrafficTargetKind<any> | null, SourceFault> {
  const named = read(TRAFFIC_TARGET_INPUT);
  if (named !== undefined) {
    const kind = TARGET_KINDS[named];
    if (kind) return ok(kind);
    return fault('config', `input \`${TRAFFIC_TARGET_INPUT}\` must be one of ${TRAFFIC_TARGET_KINDS.join(', ')}, got \`${named}\``);
  }
  const given = Object.values(TARGET_KINDS).filter((kind) => kind.inputs.some((name) => read(name) !== undefined));
  const [only, ...others] = given;
  if (only === undefined) return ok(null);
  if (others.length === 0) return ok(only);
  // The flag services share their inputs, so the inputs alone cannot say which service the flag is on.
  if (given.every((kind) => kind.kind in FLAG_SERVICES)) return fault('config', `the flag inputs name no service: set \`${TRAFFIC_TARGET_INPUT}\` to the flag's service, one of ${given.map((kind) => kind.kind).join(', ')}`);
  return fault('config', `inputs of several traffic targets are set (${given.map((kind) => kind.kind).join(', ')}); set \`${TRAFFIC_TARGET_INPUT}\` to the one to use and remove the others' inputs`);
}

function describeIssue(issue: z.core.$ZodIssue, kind: string): string {
  const input = String(issue.path[0] ?? TRAFFIC_TARGET_INPUT);
  const received = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && received === undefined) return `input \`${input}\` is required with traffic-target ${kind}`;
  // Tokens are never repeated back; other values help find the typo.
  const isSecret = /token|key/.test(input);
  const got = issue.code !== 'custom' && typeof received === 'string' && !isSecret ? `, got ${JSON.stringify(received)}` : '';
  return `input \`${input}\`: ${issue.message}${got}`;
}
