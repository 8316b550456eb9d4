import { describe, expect, it } from 'vitest';
import { publishCheckRun, type CheckRunRequest } from '../../src/github/check-run.js';
import type { Annotation } from '../../src/report/annotation.js';
import { OWNER, REPO, SHA, useGitHubFixture } from './github-fixture.js';

const github = useGitHubFixture();

const annotation = (i: number): Annotation => ({
  path: `/home/runner/work/app/app/test/case-${i}.test.ts`,
  line: i + 1,
  level: 'failure',
  title: `case ${i} failed`,
  message: `expected ${i} to be ${i + 1}`,
});

const request = (overrides: Partial<CheckRunRequest> = {}): CheckRunRequest => ({
  owner: OWNER,
  repo: REPO,
  sha: SHA,
  name: 'release gates',
  conclusion: 'failure',
  title: '2 of 9 checks failed',
  summary: '### no-go',
  annotations: [],
  workspace: '/home/runner/work/app/app',
  ...overrides,
});

type Output = { title?: string; summary?: string; text?: string; annotations?: Record<string, unknown>[] };
const outputs = () => github.server.requests.map((r) => (r.body as { output: Output }).output);

describe('publishCheckRun', () => {
  it('creates the run with 50 annotations and adds the rest 50 at a time', async () => {
    const annotations = Array.from({ length: 120 }, (_, i) => annotation(i));
    const result = await publishCheckRun(github.octokit, request({ annotations }));

    expect(result).toEqual({ ok: true, value: { id: expect.any(Number), url: expect.stringContaining('/runs/'), annotationsSent: 120, isTruncated: false } });
    expect(github.server.requests.map((r) => r.route)).toEqual([
      'POST /repos/{owner}/{repo}/check-runs',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    ]);
    expect(outputs().map((o) => o.annotations?.length)).toEqual([50, 50, 20]);
    const [run] = github.server.state.checkRuns;
    expect(run).toMatchObject({ name: 'release gates', headSha: SHA, status: 'completed', conclusion: 'failure' });
    expect(run?.annotations.map((a) => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('maps annotations to GitHub’s fields with workspace-relative paths', async () => {
    const annotations: Annotation[] = [
      { path: '/home/runner/work/app/app/src/cart.ts', line: 12, endLine: 14, level: 'warning', title: 'slow', message: 'took 3 s' },
      { path: './test/a.test.ts', line: 0, level: 'notice', title: 'flaky', message: '' },
    ];
    await publishCheckRun(github.octokit, request({ annotations }));
    expect(outputs()[0]?.annotations).toEqual([
      { path: 'src/cart.ts', start_line: 12, end_line: 14, annotation_level: 'warning', title: 'slow', message: 'took 3 s' },
      { path: 'test/a.test.ts', start_line: 1, end_line: 1, annotation_level: 'notice', title: 'flaky', message: 'flaky' },
    ]);
  });

  it('sends a single create when there are no annotations, with details link and text', async () => {
    const result = await publishCheckRun(github.octokit, request({ conclusion: 'success', text: 'details', detailsUrl: 'https://github.com/octo/app/actions/runs/1' }));
    expect(result.ok && result.value.annotationsSent).toBe(0);
    expect(github.server.requests).toHaveLength(1);
    expect(github.server.requests[0]?.body).toMatchObject({ conclusion: 'success', details_url: 'https://github.com/octo/app/actions/runs/1', output: { text: 'details', annotations: [] } });
  });

  it('cuts summary and text to 65535 characters and says so', async () => {
    const result = await publishCheckRun(github.octokit, request({ summary: 'x'.repeat(70_000), text: 'y'.repeat(65_536) }));
    expect(result.ok && result.value.isTruncated).toBe(true);
    const [output] = outputs();
    expect(output?.summary).toHaveLength(65_535);
    expect(output?.summary).toMatch(/truncated by rollout-guard: \d+ characters left out to fit GitHub's limit; the full report is in the job summary/);
    expect(output?.text?.length).toBeLessThanOrEqual(65_535);
  });

  it('returns a failed update as a value naming the endpoint and what was already sent', async () => {
    github.server.failNext({ route: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', status: 422, message: 'Validation Failed' });
    const result = await publishCheckRun(github.octokit, request({ annotations: Array.from({ length: 60 }, (_, i) => annotation(i)) }));
    const id = github.server.state.checkRuns[0]?.id;
    expect(result).toEqual({
      ok: false,
      error: {
        endpoint: `PATCH /repos/${OWNER}/${REPO}/check-runs/${id}`,
        status: 422,
        message: `GitHub API PATCH /repos/${OWNER}/${REPO}/check-runs/${id} answered 422 "Validation Failed": GitHub refused the request as invalid (check run ${id} was created with 50 of 60 annotations)`,
      },
    });
  });
});
