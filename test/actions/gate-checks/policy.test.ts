import { describe, expect, it } from 'vitest';
import type { CheckType } from '../../../src/actions/gate-checks/check-type.js';
import { CHECK_TYPES } from '../../../src/actions/gate-checks/checks/index.js';
import { parsePolicy } from '../../../src/actions/gate-checks/policy.js';

// A literal check type: the policy parser only needs its keys and measures.
const junitLike: CheckType = {
  type: 'junit',
  measures: { failed: 'count', skipped: 'count' },
  keys: [],
  needsPath: true,
  judgement: 'thresholds',
  measure: async () => ({ ok: true, value: { measurements: {}, samples: 0, evidence: {} } }),
};
const windowLike: CheckType = { ...junitLike, type: 'deploy-window', measures: {}, keys: ['timezone', 'allow', 'deny'], needsPath: false, judgement: 'own' };
const TYPES = new Map([
  ['junit', junitLike],
  ['deploy-window', windowLike],
]);

const parse = (text: string) => parsePolicy(text, '.github/gates.yml', TYPES);
const errorOf = async (text: string) => {
  const result = await parse(text);
  if (result.ok) throw new Error('expected a policy error');
  return result.error.message;
};

describe('parsePolicy', () => {
  it('reads named checks with defaults', async () => {
    const result = await parse('name: release gates\nchecks:\n  unit:\n    type: junit\n    path: "reports/*.xml"\n    max-failed: 0\n  window:\n    type: deploy-window\n    level: advisory\n    deny: [Fri]\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.name).toBe('release gates');
    expect(result.value.checks.map((c) => [c.name, c.type, c.level])).toEqual([
      ['unit', 'junit', 'required'],
      ['window', 'deploy-window', 'advisory'],
    ]);
  });

  it('accepts a list of checks with names', async () => {
    const result = await parse('checks:\n  - name: unit\n    type: junit\n    path: a.xml\n    max-failed: 0\n');
    expect(result.ok && result.value.checks[0]!.name).toBe('unit');
  });

  it('names file, line and key of a misspelt threshold', async () => {
    expect(await errorOf('checks:\n  unit:\n    type: junit\n    path: a.xml\n    max-faild: 0\n')).toBe(
      '.github/gates.yml:5: checks.unit: unknown threshold `max-faild`; this check accepts max-failed, min-failed, max-skipped, min-skipped (and warn- forms)',
    );
  });

  it('names an unknown key', async () => {
    expect(await errorOf('checks:\n  unit:\n    type: junit\n    path: a.xml\n    levle: advisory\n')).toMatch(/^\.github\/gates\.yml:5: checks\.unit: unknown key `levle` for type junit/);
  });

  it('names an unknown type and lists the known ones', async () => {
    expect(await errorOf('checks:\n  unit:\n    type: jnuit\n')).toBe('.github/gates.yml:3: checks.unit.type: unknown type `jnuit`; one of junit, deploy-window');
  });

  it('requires a path where the type reads a file', async () => {
    expect(await errorOf('checks:\n  unit:\n    type: junit\n')).toBe('.github/gates.yml:2: checks.unit.path is required for type junit');
  });

  it('rejects a bad level and a bad threshold value', async () => {
    expect(await errorOf('checks:\n  unit: { type: junit, path: a.xml, level: maybe }\n')).toMatch(/checks\.unit\.level must be required or advisory, got `maybe`/);
    expect(await errorOf('checks:\n  unit: { type: junit, path: a.xml, max-failed: lots }\n')).toMatch(/checks\.unit: `max-failed`: got "lots"/);
  });

  it('reports invalid YAML with its line', async () => {
    expect(await errorOf('checks:\n  unit:\n    type: junit\n   path: [\n')).toMatch(/^\.github\/gates\.yml:\d+: invalid YAML: /);
  });

  it('refuses an empty policy, an unknown top-level key and duplicate keys', async () => {
    expect(await errorOf('checks: {}\n')).toMatch(/has no checks/);
    expect(await errorOf('name: x\n')).toMatch(/`checks` is missing/);
    expect(await errorOf('chekcs: {}\n')).toMatch(/^\.github\/gates\.yml:1: unknown key `chekcs`/);
    expect(await errorOf('checks:\n  a: { type: junit, path: a.xml }\n  a: { type: junit, path: b.xml }\n')).toMatch(/invalid YAML: Map keys must be unique/);
  });
});

describe('parsePolicy: nothing judged is refused when the policy loads', () => {
  const real = (text: string) => parsePolicy(text, '.github/gates.yml', CHECK_TYPES);
  const refusal = async (text: string) => {
    const result = await real(text);
    if (result.ok) throw new Error('expected a policy error');
    return result.error.message;
  };

  it.each([
    ['coverage', 'path: c.json', 'min-lines: 80'],
    ['bundle-size', 'path: "dist/*.js"', 'max-gzip-bytes: 500KB'],
    ['metric', 'source: { type: file, path: m.json }, series: errors, window: 1h', 'max: 1%'],
  ])('a %s check with no threshold names file:line, the check and what to add', async (type, keys, example) => {
    expect(await refusal(`name: gates\nchecks:\n  quiet: { type: ${type}, ${keys} }\n`)).toMatch(
      new RegExp(`^\\.github/gates\\.yml:3: checks\\.quiet: a ${type} check with no threshold judges nothing, so it could never fail; add a threshold such as \`${example}\``),
    );
  });

  it('a warn-level threshold is a threshold: the check is judged', async () => {
    expect((await real('checks:\n  cov: { type: coverage, path: c.json, warn-min-lines: 80 }\n')).ok).toBe(true);
  });

  it.each(['junit', 'playwright', 'npm-audit', 'axe', 'lighthouse'])('a %s check with no threshold is held to its defaults, so it loads', async (type) => {
    expect((await real(`checks:\n  x: { type: ${type}, path: r.json }\n`)).ok).toBe(true);
  });

  it.each(['{ type: deploy-window }', '{ type: deploy-window, timezone: UTC, allow: [], deny: [] }'])('a deploy window with no rule is refused: %s', async (entry) => {
    expect(await refusal(`checks:\n  window: ${entry}\n`)).toBe(
      '.github/gates.yml:2: checks.window: a deploy-window with neither `allow` nor `deny` rules is always open, so it judges nothing; add rules such as allow: ["Tue-Thu 10:00-14:00"] or deny: [Fri]',
    );
  });

  it.each([
    ['source: { type: file, path: m.json }, window: 1h, max: 1%', 'checks.staging: give either `series` (a series name) or `ratio` ({ numerator, denominator })'],
    ['source: { type: file, path: m.json }, series: errors, max: 1%', 'checks.staging: `window` is required, e.g. 48h or 30m'],
    ['source: { type: file, path: m.json }, series: errors, window: 1h, aggregate: median, max: 1%', 'checks.staging: `aggregate`: expected one of "mean"|"max"|"min"|"last"|"sum"|"p50"|"p95"|"p99"; got "median"'],
  ])('a metric check that could only error is refused when the policy loads: %s', async (keys, message) => {
    expect(await refusal(`checks:\n  staging: { type: metric, ${keys} }\n`)).toBe(`.github/gates.yml:2: ${message}`);
  });

  it('checks with a verdict of their own need no threshold', async () => {
    const policy = await real('checks:\n  window: { type: deploy-window, deny: [Fri] }\n  smoke: { type: command, run: [true] }\n  upstream: { type: report, path: r.json }\n  visual: { type: percy }\n');
    expect(policy.ok).toBe(true);
  });
});

describe('parsePolicy: malicious YAML', () => {
  it('refuses an alias bomb (billion laughs) with one line naming the policy file', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) {
      const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    lines.push('checks: { unit: { type: junit, path: a.xml, max-failed: 0, description: *i } }');
    const started = Date.now();
    expect(await errorOf(lines.join('\n'))).toBe('.github/gates.yml: refused: its YAML aliases expand too far (an alias bomb); write the checks out without nested aliases');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a `__proto__` key as unknown, and an aliased entry is a copy of its own', async () => {
    expect(await errorOf('__proto__: { type: junit }\nchecks:\n  unit: { type: junit, path: a.xml, max-failed: 0 }\n')).toBe('.github/gates.yml:1: unknown key `__proto__`; a policy has name, checks');
    const result = await parse('checks:\n  unit: &unit { type: junit, path: a.xml, max-failed: 0 }\n  again: *unit\n');
    expect(result.ok && result.value.checks[0]!.entry !== result.value.checks[1]!.entry).toBe(true);
  });

  it('still reads a policy that reuses a mapping with an alias', async () => {
    const result = await parse('checks:\n  unit: &unit { type: junit, path: a.xml, max-failed: 0 }\n  again: *unit\n');
    expect(result.ok && result.value.checks.map((c) => c.name)).toEqual(['unit', 'again']);
  });
});
