import type { Octokit } from './client.js';
import { type Result, err, ok } from '../engine/result.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';
import { GITHUB_LIMITS, fitMarkdown } from './text-limits.js';

/**
 * A GitHub release marking a version that finished its rollout, which
 * creates its tag at the released commit (needs `contents: write`). A
 * release that already has the tag is left as it is: a re-run of the
 * completing tick, or a team that tags at build time, changes nothing.
 */
export interface ReleaseRequest {
  owner: string;
  repo: string;
  tag: string;
  /** The commit or branch the tag is created at, when it does not exist yet. */
  target: string;
  name: string;
  /** Markdown. */
  body: string;
}

export interface PublishedRelease {
  status: 'created' | 'already';
  url: string;
}

export async function publishRelease(octokit: Octokit, request: ReleaseRequest): Promise<Result<PublishedRelease, GitHubFailure>> {
  const { owner, repo, tag } = request;
  const existing = await findRelease(octokit, owner, repo, tag);
  if (!existing.ok) return existing;
  if (existing.value !== null) return ok({ status: 'already', url: existing.value });
  const body = fitMarkdown(request.body, GITHUB_LIMITS.commentBody, 'the workflow run').text;
  const created = await callGitHub(`POST /repos/${owner}/${repo}/releases`, () =>
    octokit.rest.repos.createRelease({ owner, repo, tag_name: tag, target_commitish: request.target, name: request.name, body }),
  );
  if (created.ok) return ok({ status: 'created', url: created.value.data.html_url });
  // Another run created it between the two calls: the release exists, which is what was asked.
  if (created.error.status === 422) {
    const raced = await findRelease(octokit, owner, repo, tag);
    if (raced.ok && raced.value !== null) return ok({ status: 'already', url: raced.value });
  }
  return created;
}

/** The release's page for a tag, or `null` when there is none. */
async function findRelease(octokit: Octokit, owner: string, repo: string, tag: string): Promise<Result<string | null, GitHubFailure>> {
  const found = await callGitHub(`GET /repos/${owner}/${repo}/releases/tags/${tag}`, () => octokit.rest.repos.getReleaseByTag({ owner, repo, tag }));
  if (found.ok) return ok(found.value.data.html_url);
  return found.error.status === 404 ? ok(null) : err(found.error);
}

/**
 * Git's rules for a tag name (`git check-ref-format`), so a version that
 * cannot be a tag is refused at the input instead of failing at the end of
 * a rollout.
 */
export function tagNameProblem(tag: string): string | null {
  if (tag.length === 0) return 'is empty';
  if (tag.length > 250) return 'is longer than 250 characters';
  if ([...tag].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f) || /[~^:?*[\\]/.test(tag)) return 'has a space, a control character or one of ~ ^ : ? * [ \\';
  if (tag.includes('..') || tag.includes('@{') || tag.includes('//')) return 'has `..`, `@{` or `//`';
  if (/^[/.-]|[/.]$|\.lock$|\/\./.test(tag) || tag === '@') return 'starts or ends with `/`, `.` or `-`, ends with `.lock`, has a part starting with `.`, or is `@`';
  return null;
}
