import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeAudits, parseNpmAudit, readNpmAudit } from '../../../src/sources/reports/npm-audit.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/npm-audit');
const read = (name: string) => readNpmAudit(path.join(FIXTURES, name), name);
const NONE = { critical: [], high: [], moderate: [], low: [], info: [] };

describe('readNpmAudit: npm 7+ output', () => {
  it('reads counts, packages per severity and the dependency count', async () => {
    expect(await read('npm-allowlisted-path.npm7-output.json')).toEqual({
      ok: true,
      value: {
        format: 'npm7',
        counts: { critical: 0, high: 3, moderate: 0, low: 0, info: 0, total: 3 },
        packages: { ...NONE, high: ['axios', 'follow-redirects', 'github-build'] },
        dependencies: 8,
      },
    });
  });

  it('reads a critical and a low report', async () => {
    const critical = await read('npm-critical.npm7-output.json');
    expect(critical.ok && critical.value.counts).toEqual({ critical: 1, high: 0, moderate: 0, low: 0, info: 0, total: 1 });
    expect(critical.ok && critical.value.packages.critical).toEqual(['open']);
    const low = await read('npm-low.npm7-output.json');
    expect(low.ok && low.value.packages).toEqual({ ...NONE, low: ['chownr'] });
  });

  it('reads a clean audit as zeros', async () => {
    expect(await read('npm-none.npm7-output.json')).toEqual({
      ok: true,
      value: { format: 'npm7', counts: { critical: 0, high: 0, moderate: 0, low: 0, info: 0, total: 0 }, packages: NONE, dependencies: 1 },
    });
  });
});

describe('readNpmAudit: npm 6 output', () => {
  it('sums the severities for the total npm 6 does not write, and names packages from advisories', async () => {
    expect(await read('npm-high.npm6-output.json')).toEqual({
      ok: true,
      value: { format: 'npm6', counts: { critical: 0, high: 1, moderate: 0, low: 0, info: 0, total: 1 }, packages: { ...NONE, high: ['qs'] }, dependencies: 9 },
    });
    const low = await read('npm-low.npm6-output.json');
    expect(low.ok && [low.value.counts.low, low.value.packages.low, low.value.dependencies]).toEqual([1, ['chownr'], 1]);
  });
});

describe('readNpmAudit: npm failures and wrong files', () => {
  // npm's words stay in the file: messages never quote an evidence file's text, only names and numbers.
  it("names npm's error code when the audit endpoint fails, as a provider fault", async () => {
    expect(await read('npm11-error-405.json')).toEqual({
      ok: false,
      error: { kind: 'provider', message: "npm11-error-405.json: npm audit failed (HTTP 405); npm's error is in the file" },
    });
  });

  it("names npm's error code when the project cannot be audited", async () => {
    expect(await read('npm11-error-enolock.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: "npm11-error-enolock.json: npm audit failed (ENOLOCK); npm's error is in the file" },
    });
  });

  it('is malformed for JSON that is not an audit, for broken JSON, and for npm counts that are not numbers', async () => {
    expect(await readNpmAudit(path.join(REPO_ROOT, 'test/fixtures/coverage/vitest-coverage-summary.json'), 'summary.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'summary.json has no metadata.vulnerabilities counts; is it `npm audit --json` output?' },
    });
    const broken = await readNpmAudit(path.join(REPO_ROOT, 'test/fixtures/coverage/vitest-lcov.info'), 'lcov.info');
    expect(broken).toEqual({ ok: false, error: { kind: 'malformed', message: 'lcov.info:1:1: not valid JSON: expected a value' } });
    const doc = { vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: '1', critical: 0 } } };
    expect(parseNpmAudit(doc, 'a.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'a.json: metadata.vulnerabilities.high is not a whole number ≥ 0' } });
    expect(parseNpmAudit([], 'b.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'b.json is not npm audit JSON output' } });
  });

  it('names a missing file', async () => {
    const missing = path.join(os.tmpdir(), 'rg-nonexistent', 'audit.json');
    expect(await readNpmAudit(missing)).toEqual({ ok: false, error: { kind: 'missing', message: `file not found: ${missing}` } });
  });
});

describe('parseNpmAudit: counts are validated, not trusted', () => {
  const audit = (counts: Record<string, unknown>, vulnerabilities: Record<string, unknown> = {}) => ({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } },
  });
  const messageOf = (doc: unknown) => {
    const result = parseNpmAudit(doc, 'audit.json');
    return result.ok ? 'read' : `${result.error.kind}: ${result.error.message}`;
  };

  it.each([-1, 1.5, Number.POSITIVE_INFINITY, '2'])('refuses a severity count of %s', (value) => {
    expect(messageOf(audit({ critical: value }))).toBe('malformed: audit.json: metadata.vulnerabilities.critical is not a whole number ≥ 0');
  });

  it('refuses a total that is not the sum of the severities', () => {
    expect(messageOf(audit({ high: 2, total: 1 }))).toBe('malformed: audit.json: metadata.vulnerabilities.total is not the sum of the severities (2)');
    expect(messageOf(audit({ high: 2, total: 2 }, { a: { name: 'a', severity: 'high' } }))).toBe('read');
  });

  it('refuses counts lower than the vulnerable packages listed: zeroed counts cannot hide a critical one', () => {
    const listed = { lodash: { name: 'lodash', severity: 'critical' } };
    expect(messageOf(audit({ total: 0 }, listed))).toBe(
      'malformed: audit.json: metadata.vulnerabilities.critical is 0 but the report lists 1 critical vulnerable packages; it was edited',
    );
  });

  it('refuses npm 6 counts lower than the advisories listed', () => {
    const doc = { advisories: { 118: { module_name: 'minimist', severity: 'high' } }, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0 } } };
    expect(messageOf(doc)).toMatch(/^malformed: audit\.json: metadata\.vulnerabilities\.high is 0 but the report lists 1 high advisories/);
  });
});

describe('mergeAudits', () => {
  it('adds counts and packages of several outputs', async () => {
    const high = await read('npm-allowlisted-path.npm7-output.json');
    const low = await read('npm-low.npm6-output.json');
    if (!high.ok || !low.ok) throw new Error('fixtures must read');
    expect(mergeAudits([high.value, low.value])).toEqual({
      format: 'mixed',
      counts: { critical: 0, high: 3, moderate: 0, low: 1, info: 0, total: 4 },
      packages: { ...NONE, high: ['axios', 'follow-redirects', 'github-build'], low: ['chownr'] },
      dependencies: 9,
    });
  });
});
