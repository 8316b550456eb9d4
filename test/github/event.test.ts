import { describe, expect, it } from 'vitest';
import { headSha, parseRepository, pullRequestNumber } from '../../src/github/event.js';

const HEAD = 'f'.repeat(40);
const MERGE = 'e'.repeat(40);

describe('pullRequestNumber', () => {
  it('reads pull_request and pull_request_target payloads', () => {
    expect(pullRequestNumber({ action: 'synchronize', number: 5, pull_request: { number: 5, head: { sha: HEAD } } })).toBe(5);
  });

  it('reads an issue_comment on a pull request, and not one on a plain issue', () => {
    expect(pullRequestNumber({ action: 'created', issue: { number: 9, pull_request: { url: 'https://api.github.com/repos/o/r/pulls/9' } } })).toBe(9);
    expect(pullRequestNumber({ action: 'created', issue: { number: 9 } })).toBeNull();
  });

  it('reads workflow_run.pull_requests[0], which is empty for a pull request from a fork', () => {
    expect(pullRequestNumber({ workflow_run: { head_sha: HEAD, pull_requests: [{ number: 4 }, { number: 8 }] } })).toBe(4);
    expect(pullRequestNumber({ workflow_run: { head_sha: HEAD, pull_requests: [] } })).toBeNull();
    expect(pullRequestNumber({ workflow_run: { pull_requests: [{ number: '4' }] } })).toBeNull();
  });

  it('is null for other events and odd payloads', () => {
    for (const event of [{}, null, 'x', { ref: 'refs/heads/main' }, { pull_request: { number: '5' } }, { pull_request: { number: 0 } }]) {
      expect(pullRequestNumber(event)).toBeNull();
    }
  });
});

describe('headSha', () => {
  it('prefers the pull request head over the merge commit', () => {
    expect(headSha({ pull_request: { number: 1, head: { sha: HEAD } } }, MERGE)).toBe(HEAD);
  });

  it('takes workflow_run.head_sha (the first run\'s commit, a fork\'s head included), not GITHUB_SHA', () => {
    expect(headSha({ workflow_run: { head_sha: HEAD, pull_requests: [] } }, MERGE)).toBe(HEAD);
    expect(headSha({ workflow_run: { head_sha: 'main' } }, MERGE)).toBe(MERGE);
  });

  it('falls back when there is no pull request head', () => {
    expect(headSha({ issue: { number: 1, pull_request: {} } }, MERGE)).toBe(MERGE);
    expect(headSha({ pull_request: { head: { sha: 'not-a-sha' } } }, MERGE)).toBe(MERGE);
    expect(headSha(undefined, MERGE)).toBe(MERGE);
  });
});

describe('parseRepository', () => {
  it('splits owner/repo', () => {
    expect(parseRepository('octo-org/my.app_v2')).toEqual({ ok: true, value: { owner: 'octo-org', repo: 'my.app_v2' } });
  });

  it('names the value it refuses', () => {
    for (const text of ['', 'octo', 'octo/app/extra', '/app', 'octo/', '-octo/app', 'octo/..', 'oc to/app']) {
      expect(parseRepository(text)).toEqual({ ok: false, error: `repository must be \`owner/name\` (as in GITHUB_REPOSITORY), got \`${text}\`` });
    }
  });
});
