import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/run-bundle.js';

/**
 * What a workflow may pass to and read from rollout-guard's own actions:
 * each `with:` key must be an input of the action's action.yml, and each
 * `steps.<id>.outputs.<name>` read from such a step one of its outputs. A
 * misspelt input is dropped without a word by the runner (it only warns), so
 * a copied example with `max-failure: 3` would silently watch with the
 * default.
 */
interface ActionMetadata {
  inputs: Set<string>;
  outputs: Set<string>;
}

const metadata = new Map<string, ActionMetadata | null>();

export function actionMetadata(name: string): ActionMetadata | null {
  if (!metadata.has(name)) {
    const file = path.join(REPO_ROOT, 'actions', name, 'action.yml');
    const parsed = existsSync(file) ? (parse(readFileSync(file, 'utf8')) as { inputs?: object; outputs?: object }) : null;
    metadata.set(name, parsed && { inputs: new Set(Object.keys(parsed.inputs ?? {})), outputs: new Set(Object.keys(parsed.outputs ?? {})) });
  }
  return metadata.get(name)!;
}

/** `OWNER/rollout-guard/actions/<name>@<ref>` (the placeholder the docs use) or `./actions/<name>`: the action's name. */
export function ownActionName(uses: unknown): string | null {
  if (typeof uses !== 'string') return null;
  return /^(?:OWNER\/rollout-guard\/actions\/([\w-]+)@\S+|\.\/actions\/([\w-]+)\/?)$/.exec(uses.trim())?.slice(1).find(Boolean) ?? null;
}

interface Step {
  id?: unknown;
  uses?: unknown;
  with?: unknown;
}

/** The steps of a parsed workflow (`jobs.*.steps`), of a list of steps, or of one step. */
export function stepsOf(document: unknown): Step[] {
  if (Array.isArray(document)) return document.filter((step): step is Step => typeof step === 'object' && step !== null);
  if (typeof document !== 'object' || document === null) return [];
  const jobs = (document as { jobs?: unknown }).jobs;
  if (typeof jobs === 'object' && jobs !== null) return Object.values(jobs).flatMap((job) => stepsOf((job as { steps?: unknown } | null)?.steps ?? []));
  return 'uses' in document ? [document as Step] : [];
}

/** Every input passed to and output read from one of our actions that the action does not have. */
export function ownActionProblems(document: unknown, text: string): string[] {
  const problems: string[] = [];
  for (const step of stepsOf(document)) {
    const name = ownActionName(step.uses);
    if (name === null) continue;
    const action = actionMetadata(name);
    if (!action) {
      problems.push(`uses: ${String(step.uses)}: there is no actions/${name}/action.yml`);
      continue;
    }
    const given = typeof step.with === 'object' && step.with !== null ? Object.keys(step.with) : [];
    for (const input of given.filter((key) => !action.inputs.has(key))) problems.push(`${name}: \`with: ${input}\` is not an input of actions/${name}/action.yml`);
    if (typeof step.id !== 'string') continue;
    for (const [, output] of text.matchAll(new RegExp(`steps\\.${step.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.outputs\\.([\\w-]+)`, 'g'))) {
      if (!action.outputs.has(output!)) problems.push(`${name}: \`steps.${step.id}.outputs.${output}\` is not an output of actions/${name}/action.yml`);
    }
  }
  return problems;
}
