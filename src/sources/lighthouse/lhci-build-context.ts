import { execFile } from 'node:child_process';
import lhciBuildContext from '@lhci/utils/src/build-context.js';
import { type Result, err, ok } from '../../engine/result.js';
import { headSha } from '../../github/event.js';
import { childEnvironment } from '../run-command.js';

/**
 * What `lhci upload` tells the server about the build: the commit, its
 * branch, the base-branch commit it is compared with, and who and when.
 * Same rules as LHCI's build-context.js, in the same order, for the
 * GitHub Actions case:
 * - an `LHCI_BUILD_CONTEXT__*` variable wins, as in LHCI;
 * - then the workflow's own facts where LHCI would ask git or read another
 *   CI's variables: the pull request's head commit (GITHUB_SHA is a merge
 *   commit nobody sees), `workflow_run`'s head commit and branch,
 *   GITHUB_HEAD_REF / GITHUB_REF, the run's URL;
 * - then git, as LHCI runs it (argument arrays, no shell), with none of the
 *   action's inputs in its environment;
 * - for what a shallow checkout's git cannot say, the event's own copy (a
 *   push's `head_commit` and `before`, a pull request's base commit).
 * LHCI's own code gives the avatar (Gravatar of the author's email).
 *
 * Not LHCI's functions themselves: they read `process.env` and start git
 * with the whole environment (the server token included, as an `INPUT_`
 * variable), and know neither GITHUB_SHA nor the event payload.
 */
export interface BuildContext {
  hash: string;
  branch: string;
  ancestorHash: string;
  commitMessage: string | undefined;
  author: string | undefined;
  avatarUrl: string | undefined;
  committedAt: string | undefined;
  ancestorCommittedAt: string | undefined;
  externalBuildUrl: string;
  runAt: string;
}

export interface BuildContextSources {
  env: Readonly<Record<string, string | undefined>>;
  /** The parsed GITHUB_EVENT_PATH payload; `{}` when there is none. */
  event: unknown;
  /** The `commit` input, when given: the commit the verdict is about. */
  commit: string | undefined;
  /** The project's base branch, from the server (LHCI: `project.baseBranch || 'master'`). */
  baseBranch: string;
  /** Runs git with these arguments; its trimmed stdout, or null when it failed. */
  git: (args: string[]) => Promise<string | null>;
  now: Date;
}

export interface BuildContextResult {
  context: BuildContext;
  /** Fields nobody could tell (a shallow checkout), sent empty; named in a warning. */
  unknown: string[];
}

type Env = BuildContextSources['env'];

const ZERO_SHA = /^0+$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The first of these variables that is set, as LHCI's getEnvVarIfSet. */
function fromEnv(env: Env, ...names: string[]): string | undefined {
  for (const name of names) if (env[name]) return env[name];
  return undefined;
}

export async function readBuildContext(sources: BuildContextSources): Promise<Result<BuildContextResult>> {
  const { env, event, git } = sources;
  const hash = await currentHash(sources);
  if (hash === undefined) return err('could not tell the commit of the build (no GITHUB_SHA, and git has no HEAD here); set LHCI_BUILD_CONTEXT__CURRENT_HASH');
  const branch = await currentBranch(sources);
  if (branch === undefined) return err('could not tell the branch of the build (no GITHUB_HEAD_REF or GITHUB_REF, and git is on a detached HEAD); set LHCI_BUILD_CONTEXT__CURRENT_BRANCH');
  const ancestorHash = await ancestorOf(hash, branch, sources);
  const headCommit = pushedCommit(event, hash);

  const commitMessage = fromEnv(env, 'LHCI_BUILD_CONTEXT__COMMIT_MESSAGE')?.trim().slice(0, 80) ?? (await git(['log', '--format=%s', '-n', '1', hash]))?.slice(0, 80) ?? headCommit?.message;
  const author = fromEnv(env, 'LHCI_BUILD_CONTEXT__AUTHOR')?.trim().slice(0, 256) ?? (await git(['log', '--format=%aN <%aE>', '-n', '1', hash]))?.slice(0, 256) ?? headCommit?.author;
  const committedAt = await commitTime(hash, sources) ?? headCommit?.timestamp;
  const unknown = Object.entries({ commitMessage, author, committedAt }).filter(([, value]) => value === undefined).map(([name]) => name);
  return ok({
    context: {
      hash,
      branch,
      ancestorHash,
      commitMessage,
      author,
      avatarUrl: await avatarUrl(hash, author, sources),
      committedAt,
      ancestorCommittedAt: ancestorHash ? await commitTime(ancestorHash, sources) : undefined,
      externalBuildUrl: externalBuildUrl(env),
      runAt: sources.now.toISOString(),
    },
    unknown,
  });
}

async function currentHash({ env, event, commit, git }: BuildContextSources): Promise<string | undefined> {
  const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__CURRENT_HASH');
  if (override) return override;
  if (commit) return commit;
  const fromEvent = headSha(event, env.GITHUB_SHA ?? '');
  if (fromEvent) return fromEvent;
  return (await git(['rev-list', '--no-merges', '-n1', 'HEAD'])) || undefined;
}

/** LHCI strips `refs/heads/` and keeps 40 characters, the server's column width. */
async function currentBranch({ env, event, git }: BuildContextSources): Promise<string | undefined> {
  const named =
    fromEnv(env, 'LHCI_BUILD_CONTEXT__CURRENT_BRANCH', 'GITHUB_HEAD_REF') ??
    text(field(event, 'workflow_run', 'head_branch')) ??
    fromEnv(env, 'GITHUB_REF') ??
    (await git(['rev-parse', '--abbrev-ref', 'HEAD'])) ??
    undefined;
  if (!named || named === 'HEAD') return undefined;
  return named.replace('refs/heads/', '').slice(0, 40);
}

/**
 * LHCI: on the base branch, the parent commit; elsewhere, the merge base
 * with the base branch (`origin/<base>` first). A shallow checkout has
 * neither, so then the event's: a push's `before` (the base branch's
 * previous tip, which has a build), a pull request's base commit. Optional:
 * the server then compares with the base branch's build nearest in time.
 */
async function ancestorOf(hash: string, branch: string, { env, event, baseBranch, git }: BuildContextSources): Promise<string> {
  const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__ANCESTOR_HASH');
  if (override && !ZERO_SHA.test(override)) return override;
  const fromGit = branch === baseBranch ? await git(['rev-parse', `${hash}^`]) : ((await git(['merge-base', hash, `origin/${baseBranch}`])) ?? (await git(['merge-base', hash, baseBranch])));
  if (fromGit) return fromGit;
  if (branch === baseBranch) {
    const before = text(field(event, 'before'));
    return before && !ZERO_SHA.test(before) ? before : '';
  }
  return text(field(event, 'pull_request', 'base', 'sha')) ?? '';
}

/** LHCI reads LHCI_BUILD_CONTEXT__COMMIT_TIME for any commit it asks the time of, the ancestor's included. */
async function commitTime(hash: string, { env, git }: BuildContextSources): Promise<string | undefined> {
  return fromEnv(env, 'LHCI_BUILD_CONTEXT__COMMIT_TIME') ?? (await git(['log', '-n1', '--pretty=%cI', hash])) ?? undefined;
}

async function avatarUrl(hash: string, author: string | undefined, { env, git }: BuildContextSources): Promise<string | undefined> {
  const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__AVATAR_URL');
  if (override) return override;
  const email = (author ? lhciBuildContext.getEmailFromAuthor(author) : null) ?? (await git(['log', '--format=%aE', '-n', '1', hash]));
  return email ? lhciBuildContext.getGravatarUrlFromEmail(email) : undefined;
}

/** The run's page, where LHCI (knowing no GitHub variable) would send an empty string. */
function externalBuildUrl(env: Env): string {
  const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__EXTERNAL_BUILD_URL');
  if (override) return override;
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  return repository && runId ? `${server}/${repository}/actions/runs/${runId}` : '';
}

/** A push event's copy of the commit, when it is the one uploaded: what a depth-1 checkout's git may not have. */
function pushedCommit(event: unknown, hash: string): { message: string | undefined; author: string | undefined; timestamp: string | undefined } | undefined {
  const commit = field(event, 'head_commit');
  if (field(commit, 'id') !== hash) return undefined;
  const name = text(field(commit, 'author', 'name'));
  const email = text(field(commit, 'author', 'email'));
  return {
    message: text(field(commit, 'message'))?.split('\n')[0]?.trim().slice(0, 80),
    author: name ? (email ? `${name} <${email}>` : name).slice(0, 256) : undefined,
    timestamp: text(field(commit, 'timestamp')),
  };
}

/** git in `cwd` without the action's inputs or the runner's credentials in its environment; null when it fails or prints nothing. */
export function gitIn(cwd: string, env: Readonly<Record<string, string | undefined>>): (args: string[]) => Promise<string | null> {
  const defined = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return (args) =>
    new Promise((resolve) => {
      execFile('git', args, { cwd, env: childEnvironment(defined), timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
        const output = String(stdout).trim();
        resolve(error || output === '' ? null : output);
      });
    });
}
