import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { deployWindowCheck } from '../../../../src/actions/gate-checks/checks/deploy-window.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'window', type: 'deploy-window', level: 'required', entry: { type: 'deploy-window', ...entry } });
const at = (iso: string, override = false): CheckEnvironment => ({ workspace: REPO_ROOT, now: new Date(iso), override, env: {} });
const POLICY = { timezone: 'Europe/Berlin', allow: ['Tue-Thu 10:00-14:00'], deny: ['2026-12-24..2026-12-26', 'Fri'] };

describe('deploy-window check', () => {
  it('fails on a Friday, naming the rule and the next opening', async () => {
    const { report } = await evaluateCheck(spec(POLICY), deployWindowCheck, at('2026-11-20T15:05:00Z'));
    expect(report).toMatchObject({
      status: 'fail',
      value: 'Fri 2026-11-20 16:05 Europe/Berlin',
      threshold: 'Fri',
      unit: '',
      message: 'Fri 2026-11-20 16:05 Europe/Berlin is denied by "Fri"; next window opens Tue 2026-11-24 10:00',
    });
    expect(report.evidence).toMatchObject({
      instant: '2026-11-20T15:05:00.000Z',
      timeZone: 'Europe/Berlin',
      local: 'Fri 2026-11-20 16:05',
      weekday: 'Fri',
      open: false,
      matched: { list: 'deny', rule: 'Fri' },
      nextOpening: { instant: '2026-11-24T09:00:00.000Z', local: 'Tue 2026-11-24 10:00' },
      overridden: false,
    });
  });

  it('passes inside an allow rule', async () => {
    const { report } = await evaluateCheck(spec(POLICY), deployWindowCheck, at('2026-11-24T10:00:00Z'));
    expect(report.status).toBe('pass');
    expect(report.message).toBe('Tue 2026-11-24 11:00 Europe/Berlin is within "Tue-Thu 10:00-14:00"; the window closes Tue 2026-11-24 14:00');
  });

  it('turns a closed window into a warning when overridden, and says so', async () => {
    const { report } = await evaluateCheck(spec(POLICY), deployWindowCheck, at('2026-12-24T10:00:00Z', true));
    expect(report.status).toBe('warn');
    expect(report.message).toBe(
      'Thu 2026-12-24 11:00 Europe/Berlin is denied by "2026-12-24..2026-12-26"; next window opens Tue 2026-12-29 10:00; overridden by input `override`',
    );
    expect(report.evidence.overridden).toBe(true);
  });

  it('does not mark an open window as overridden', async () => {
    const { report } = await evaluateCheck(spec(POLICY), deployWindowCheck, at('2026-11-24T10:00:00Z', true));
    expect(report.status).toBe('pass');
    expect(report.evidence.overridden).toBe(false);
  });

  it('defaults to UTC and reads a bare string as one rule', async () => {
    const { report } = await evaluateCheck(spec({ deny: 'Fri' }), deployWindowCheck, at('2026-11-20T23:59:00Z'));
    expect(report.status).toBe('fail');
    expect(report.message).toBe('Fri 2026-11-20 23:59 UTC is denied by "Fri"; next window opens Sat 2026-11-21 00:00');
  });

  it('is a config error naming an unknown zone and each bad rule', async () => {
    const { report } = await evaluateCheck(spec({ timezone: 'Mars/Olympus', allow: ['Tue-Thu 10:00-14:00', 'Fry'] }), deployWindowCheck, at('2026-11-20T15:05:00Z'));
    expect(report.status).toBe('error');
    expect(report.message).toBe(
      'check `window`: timezone: unknown time zone "Mars/Olympus"; give an IANA name such as UTC, Europe/Berlin or America/New_York; allow "Fry": "Fry" is not a day, date or time range; days are Sun, Mon, Tue, Wed, Thu, Fri, Sat',
    );
  });

  it('is a config error when the rules are not strings', async () => {
    const { report } = await evaluateCheck(spec({ timezone: 1, deny: [{ day: 'Fri' }] }), deployWindowCheck, at('2026-11-20T15:05:00Z'));
    expect(report.status).toBe('error');
    expect(report.message).toBe(
      'check `window`: timezone must be an IANA zone name such as Europe/Berlin, got 1; deny must be a list of rules such as ["Tue-Thu 10:00-14:00"], got [{"day":"Fri"}]',
    );
  });

  it('rejects thresholds, since a window has no measure', async () => {
    const { report } = await evaluateCheck(spec({ ...POLICY, max: 1 }), deployWindowCheck, at('2026-11-24T10:00:00Z'));
    expect(report.status).toBe('error');
    expect(report.message).toContain('unknown threshold `max`');
  });

  it('a window with no rule judges nothing: an error even if the policy reader was skipped', async () => {
    for (const entry of [{}, { allow: [], deny: [] }]) {
      const { report } = await evaluateCheck(spec(entry), deployWindowCheck, at('2026-11-24T11:00:00Z'));
      expect(report).toMatchObject({ status: 'error', message: expect.stringMatching(/^check `window`: a deploy-window with neither `allow` nor `deny` rules is always open/) });
    }
  });
});
