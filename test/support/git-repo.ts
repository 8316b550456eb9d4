import { execFileSync } from 'node:child_process';

/**
 * A small real git history for the build-context tests: `main` with
 * commits, a feature branch off it. Commit times are fixed, so the test
 * knows what `git log --pretty=%cI` answers.
 */
export interface TestCommit {
  sha: string;
  subject: string;
  /** ISO time, as git's `%cI` prints it in UTC. */
  committedAt: string;
}

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, TZ: 'UTC', ...env } }).trim();
}

export function initRepo(cwd: string): void {
  git(cwd, ['init', '-q', '-b', 'main']);
}

export function commit(cwd: string, subject: string, isoTime: string, author = { name: 'Ada Lovelace', email: 'Ada@Example.com' }): TestCommit {
  const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email, GIT_AUTHOR_DATE: isoTime, GIT_COMMITTER_DATE: isoTime };
  git(cwd, ['commit', '-q', '--allow-empty', '-m', subject], env);
  return { sha: git(cwd, ['rev-parse', 'HEAD']), subject, committedAt: git(cwd, ['log', '-n1', '--pretty=%cI', 'HEAD']) };
}
