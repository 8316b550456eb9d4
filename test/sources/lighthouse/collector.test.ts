import { describe, expect, it } from 'vitest';
import { type RunLighthouse, collectRun, collectRuns, planRuns } from '../../../src/sources/lighthouse/collector.js';

const lhr = (url: string, extra: Record<string, unknown> = {}) => ({ lighthouseVersion: '12.8.2', requestedUrl: url, finalUrl: url, audits: {}, ...extra });
const crash = () => Object.assign(new Error('Protocol error (Page.navigate): Target closed\n    at stack'), { code: 'TARGET_CRASHED' });

/** A fake Lighthouse that answers from a script, one entry per call, recording the URLs it was asked for. */
function scripted(answers: (Record<string, unknown> | Error)[]): RunLighthouse & { calls: string[] } {
  const calls: string[] = [];
  const run = async (url: string) => {
    calls.push(url);
    const answer = answers.shift() ?? lhr(url);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(run, { calls });
}

describe('planRuns', () => {
  it('interleaves each target run with its baseline run, round by round', () => {
    const plan = planRuns(['https://pr.dev/', 'https://pr.dev/x'], new Map([['https://pr.dev/', 'https://app.com/']]), 2);
    expect(plan.map((p) => `${p.role} ${p.url} #${p.index}`)).toEqual([
      'target https://pr.dev/ #1',
      'baseline https://app.com/ #1',
      'target https://pr.dev/x #1',
      'target https://pr.dev/ #2',
      'baseline https://app.com/ #2',
      'target https://pr.dev/x #2',
    ]);
  });
});

describe('collectRun', () => {
  const planned = { url: 'https://pr.dev/', role: 'target' as const, index: 1 };

  it('retries a crash once and keeps the second result', async () => {
    const run = scripted([crash(), lhr('https://pr.dev/')]);
    const result = await collectRun(run, planned);
    expect(result).toMatchObject({ attempts: 2, failure: null, lhr: { finalUrl: 'https://pr.dev/' } });
    expect(run.calls).toHaveLength(2);
  });

  it('reports a second crash as a failure with one line, never a result', async () => {
    const result = await collectRun(scripted([crash(), crash()]), planned);
    expect(result).toEqual({ ...planned, lhr: null, attempts: 2, failure: { code: 'TARGET_CRASHED', message: 'Protocol error (Page.navigate): Target closed' } });
  });

  it('retries a runtime error of Chrome (no paint) but not one of the page (connection refused)', async () => {
    const noFcp = lhr('https://pr.dev/', { runtimeError: { code: 'NO_FCP', message: 'The page did not paint any content.' } });
    const retried = scripted([noFcp, noFcp]);
    expect(await collectRun(retried, planned)).toMatchObject({ attempts: 2, failure: { code: 'NO_FCP' } });
    const refused = lhr('https://pr.dev/', { runtimeError: { code: 'CHROME_INTERSTITIAL_ERROR', message: 'Chrome prevented page load with an interstitial.' } });
    const once = scripted([refused]);
    expect(await collectRun(once, planned)).toMatchObject({ attempts: 1, failure: { code: 'CHROME_INTERSTITIAL_ERROR', message: 'Chrome prevented page load with an interstitial.' } });
    expect(once.calls).toHaveLength(1);
  });

  it('names an error without a code LIGHTHOUSE_CRASHED', async () => {
    expect(await collectRun(scripted([new Error('boom'), new Error('boom')]), planned)).toMatchObject({ failure: { code: 'LIGHTHOUSE_CRASHED', message: 'boom' } });
  });
});

describe('collectRuns', () => {
  it('skips the later runs of a URL that failed, and goes on with the others', async () => {
    const refused = lhr('https://down.dev/', { runtimeError: { code: 'CHROME_INTERSTITIAL_ERROR', message: 'refused' } });
    const run = scripted([refused]);
    const seen: number[] = [];
    const plan = planRuns(['https://down.dev/', 'https://up.dev/'], new Map(), 3);
    const collected = await collectRuns(plan, run, (_r, position) => seen.push(position));
    expect(run.calls).toEqual(['https://down.dev/', 'https://up.dev/', 'https://up.dev/', 'https://up.dev/']);
    expect(collected.map((c) => [c.url, c.index, c.failure?.code ?? 'ok'])).toEqual([
      ['https://down.dev/', 1, 'CHROME_INTERSTITIAL_ERROR'],
      ['https://up.dev/', 1, 'ok'],
      ['https://up.dev/', 2, 'ok'],
      ['https://up.dev/', 3, 'ok'],
    ]);
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
