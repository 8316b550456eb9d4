import { describe, expect, it } from 'vitest';
import { type RunFacts, baselineMismatchOf, contradictionOf, runFacts } from '../../../src/engine/lighthouse/run-consistency.js';

const run = (id: string, extra: Partial<RunFacts> = {}): RunFacts => ({ id, requestedUrl: 'https://a.dev/', fetchTime: `2026-12-01T10:00:0${id.slice(-1)}.000Z`, formFactor: 'mobile', lighthouseVersion: '12.8.2', ...extra });

describe('runFacts', () => {
  it('reads the form factor, the version and the fetch time an LHR states; null where it says nothing', () => {
    expect(runFacts('r1', 'https://a.dev/', { lighthouseVersion: '12.8.2', fetchTime: '2026-12-01T10:00:00.000Z', configSettings: { formFactor: 'desktop' } })).toEqual({
      id: 'r1',
      requestedUrl: 'https://a.dev/',
      fetchTime: '2026-12-01T10:00:00.000Z',
      formFactor: 'desktop',
      lighthouseVersion: '12.8.2',
    });
    expect(runFacts('r1', 'https://a.dev/', { configSettings: { emulatedFormFactor: 'mobile' } })).toMatchObject({ formFactor: 'mobile', fetchTime: null, lighthouseVersion: null });
    expect(runFacts('r1', 'https://a.dev/', {})).toMatchObject({ formFactor: null });
  });
});

describe('contradictionOf', () => {
  it('accepts runs of one page measured alike, and a single run', () => {
    expect(contradictionOf([run('r1'), run('r2'), run('r3')])).toBeNull();
    expect(contradictionOf([run('r1', { formFactor: null, fetchTime: null })])).toBeNull();
    expect(contradictionOf([])).toBeNull();
  });

  it.each([
    ['mobile beside desktop', [run('r1'), run('r2', { formFactor: 'desktop' })], 'its runs mix form factors (mobile, desktop): judge mobile and desktop results apart'],
    ['two Lighthouse versions', [run('r1'), run('r2', { lighthouseVersion: '11.7.1' })], 'its runs come from different Lighthouse versions (12.8.2, 11.7.1), which score differently'],
    ['two requested URLs that redirected to one page', [run('r1'), run('r2', { requestedUrl: 'https://a.dev/old' })], 'runs requested as https://a.dev/ and https://a.dev/old all ended on this page and would pool into one median: list the page once'],
    ['one run under two names', [run('r1'), run('copy-of-r1', { fetchTime: run('r1').fetchTime })], 'copy-of-r1 repeats the run of r1 (same fetchTime 2026-12-01T10:00:01.000Z): one run counted twice'],
  ])('refuses %s', (_name, runs, message) => {
    expect(contradictionOf(runs)).toBe(message);
  });
});

describe('baselineMismatchOf', () => {
  it('refuses to compare desktop runs with mobile ones, and accepts runs that agree or do not say', () => {
    expect(baselineMismatchOf([run('t1')], [run('b1', { formFactor: 'desktop' })])).toBe('the baseline ran as desktop and this page as mobile, so their metrics cannot be compared');
    expect(baselineMismatchOf([run('t1')], [run('b1')])).toBeNull();
    expect(baselineMismatchOf([run('t1')], [run('b1', { formFactor: null })])).toBeNull();
  });
});
