import { isAbsolute, resolve } from 'node:path';
import type { Octokit } from '../github/client.js';
import { type Result, err, ok } from '../engine/result.js';
import { type DeploymentsStoreOptions, createDeploymentsStore } from '../github/deployments-store.js';
import { type FileStoreOptions, createFileStore } from './file-store.js';
import type { StateStore, StoreKind } from './state-store.js';

/**
 * The `state` input: `github` (the default when a token is
 * given) or `file:<path>`. The only place store kinds are told apart: a new
 * kind is its file plus a line here.
 */
export type StateSpec = { kind: 'github' } | { kind: 'file'; path: string };

const ACCEPTED = '`github` or `file:<path>` (e.g. file:.rollout-guard/state.json)';

/** Parses the input; `hasToken` decides the default and whether `github` can work. */
export function parseStateSpec(raw: string | undefined, hasToken: boolean): Result<StateSpec> {
  const text = raw?.trim() ?? '';
  if (text === '') {
    if (hasToken) return ok({ kind: 'github' });
    return err(`input \`state\` is not given and there is no token: give \`github-token\` to keep the rollout in GitHub Deployments, or \`state: file:<path>\``);
  }
  if (text === 'github') {
    return hasToken ? ok({ kind: 'github' }) : err('input `state` is `github` but no `github-token` was given; give one (with `deployments: write`) or use `state: file:<path>`');
  }
  const path = /^file:(.*)$/.exec(text)?.[1]?.trim();
  if (path === undefined) return err(`input \`state\` must be ${ACCEPTED}, got \`${text}\``);
  if (path === '') return err(`input \`state\` names no file: write ${ACCEPTED}, got \`${text}\``);
  return ok({ kind: 'file', path });
}

/** What the stores may need; each kind takes its part. */
export interface StoreContext {
  /** Relative file paths resolve here (GITHUB_WORKSPACE, read by the caller). */
  workspace: string;
  github?: { octokit: Octokit } & DeploymentsStoreOptions;
  file?: FileStoreOptions;
}

type StoreFactory = (spec: StateSpec, context: StoreContext) => Result<StateStore>;

const FACTORIES = {
  github: (_spec, context) =>
    context.github ? ok(createDeploymentsStore(context.github.octokit, context.github)) : err('`state: github` needs a GitHub client; give `github-token`'),
  file: (spec, context) => {
    const path = spec.kind === 'file' ? spec.path : '';
    return ok(createFileStore(isAbsolute(path) ? path : resolve(context.workspace, path), context.file));
  },
} as const satisfies Record<StoreKind, StoreFactory>;

export function createStateStore(spec: StateSpec, context: StoreContext): Result<StateStore> {
  return FACTORIES[spec.kind](spec, context);
}
