import type { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import { type SourceFault, fault } from '../sources/source-fault.js';
import { flagRollbackTarget } from './flags/flag-rollback.js';
import { netlifyRollbackTarget } from './netlify-rollback.js';
import type { RollbackTarget, RollbackTargetContext, RollbackTargetKind } from './rollback-target.js';
import { vercelRollbackTarget } from './vercel-rollback.js';

/**
 * The only place platform rollback kinds are listed, as `registry.ts` is for
 * traffic targets: adding a platform is its file plus one line here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its own config type
const ROLLBACK_KINDS: Record<string, RollbackTargetKind<any>> = {
  [flagRollbackTarget.kind]: flagRollbackTarget,
  [netlifyRollbackTarget.kind]: netlifyRollbackTarget,
  [vercelRollbackTarget.kind]: vercelRollbackTarget,
};

export const ROLLBACK_TARGET_KINDS: readonly string[] = Object.keys(ROLLBACK_KINDS);

/** Names the kind. Required: a platform's token alone must not quietly choose to roll production back. */
export const ROLLBACK_TARGET_INPUT = 'rollback-target';

/** Every input a rollback target reads, for `action.yml` and auto-rollback's `inputs.ts`. */
export const ROLLBACK_INPUTS: readonly string[] = [ROLLBACK_TARGET_INPUT, ...new Set(Object.values(ROLLBACK_KINDS).flatMap((kind) => kind.inputs))];

/** Reads one action input; `''` when it is not set, as `core.getInput` returns. */
export type GetInput = (name: string) => string;

/** The inputs the named kind reads, so a traffic target sharing a platform's inputs does not claim them too. */
export function rollbackKindInputs(getInput: GetInput): readonly string[] {
  return ROLLBACK_KINDS[getInput(ROLLBACK_TARGET_INPUT).trim()]?.inputs ?? [];
}

/**
 * Builds the rollback target the inputs describe, or `null` when
 * `rollback-target` is empty. A bad config is one `config` fault naming
 * every bad input. `sharedInputs` are read elsewhere too (a Vercel traffic
 * target's `vercel-token`), so they are never strays.
 */
export function createRollbackTarget(getInput: GetInput, context: RollbackTargetContext, options: { sharedInputs?: readonly string[] } = {}): Result<RollbackTarget | null, SourceFault> {
  const read = (name: string): string | undefined => getInput(name).trim() || undefined;
  const isOwn = (name: string): boolean => !(options.sharedInputs ?? []).includes(name);
  const named = read(ROLLBACK_TARGET_INPUT);
  if (named === undefined) {
    const given = ROLLBACK_INPUTS.filter((name) => name !== ROLLBACK_TARGET_INPUT && isOwn(name) && read(name) !== undefined);
    if (given.length === 0) return ok(null);
    return fault('config', `${given.map((name) => `input \`${name}\``).join(', ')} set but \`${ROLLBACK_TARGET_INPUT}\` is empty; set it to ${ROLLBACK_TARGET_KINDS.join(' or ')} to roll back with the platform, or remove them`);
  }
  const definition = ROLLBACK_KINDS[named];
  if (!definition) return fault('config', `input \`${ROLLBACK_TARGET_INPUT}\` must be one of ${ROLLBACK_TARGET_KINDS.join(', ')}, got \`${named}\``);
  const problems = strayInputs(definition, (name) => (isOwn(name) ? read(name) : undefined));
  const raw = Object.fromEntries(definition.inputs.flatMap((name) => (read(name) === undefined ? [] : [[name, read(name)]])));
  const parsed = definition.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => describeIssue(issue, definition.kind)));
  if (problems.length > 0 || !parsed.success) return fault('config', problems.join('; '));
  return ok(definition.create(parsed.data, context));
}

/** Inputs of another kind would be silently ignored; say so instead. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ROLLBACK_KINDS
function strayInputs(chosen: RollbackTargetKind<any>, read: (name: string) => string | undefined): string[] {
  const others = Object.values(ROLLBACK_KINDS).filter((kind) => kind !== chosen);
  const strays = [...new Set(others.flatMap((kind) => kind.inputs))].filter((name) => read(name) !== undefined && !chosen.inputs.includes(name));
  return strays.map((name) => `input \`${name}\` does not apply to rollback-target ${chosen.kind}; remove it or choose the target it belongs to`);
}

function describeIssue(issue: z.core.$ZodIssue, kind: string): string {
  const input = String(issue.path[0] ?? ROLLBACK_TARGET_INPUT);
  const received = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && received === undefined) return `input \`${input}\` is required with rollback-target ${kind}`;
  // Tokens are never repeated back; other values help find the typo.
  const isSecret = /token|key/.test(input);
  const got = issue.code !== 'custom' && typeof received === 'string' && !isSecret ? `, got ${JSON.stringify(received)}` : '';
  return `input \`${input}\`: ${issue.message}${got}`;
}
