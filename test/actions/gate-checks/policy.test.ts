import { describe, expect, it } from 'vitest';
import type { CheckType } from '../../../src/actions/gate-checks/check-type.js';
import { parsePolicy } from '../../../src/actions/gate-checks/policy.js';

// A literal check type: the policy parser only needs its keys and measures.
const junitLike: CheckType = {
  type: 'junit',
  measures: { failed: 'count', skipped: 'count' },
  keys: [],
  needsPath: true,
  measure: async () => ({ ok: true, value: { measurements: {}, samples: 0, evidence: {} } }),
};
const windowLike: CheckType = { ...junitLike, type: 'deploy-window', measures: {}, keys: ['timezone', 'allow', 'deny'], needsPath: false };
const TYPES = new Map([
  ['junit', junitLike],
  ['deploy-window', windowLike],
]);

const parse = (text: string) => parsePolicy(text, '.github/gates.yml', TYPES);
const errorOf = (text: string) => {
  const result = parse(text);
  if (result.ok) throw new Error('expected a policy error');
  return result.error.message;
};

describe('parsePolicy', () => {
  it('reads named checks with defaults', () => {
    const result = parse('name: release gates\nchecks:\n  unit:\n    type: junit\n    path: "reports/*.xml"\n    max-failed: 0\n  window:\n    type: deploy-window\n    level: advisory\n    deny: [Fri]\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.name).toBe('release gates');
    expect(result.value.checks.map((c) => [c.name, c.type, c.level])).toEqual([
      ['unit', 'junit', 'required'],
      ['window', 'deploy-window', 'advisory'],
    ]);
  });

  it('accepts a list of checks with names', () => {
    const result = parse('checks:\n  - name: unit\n    type: junit\n    path: a.xml\n');
    expect(result.ok && result.value.checks[0]!.name).toBe('unit');
  });

  it('names file, line and key of a misspelt threshold', () => {
    expect(errorOf('checks:\n  unit:\n    type: junit\n    path: a.xml\n    max-faild: 0\n')).toBe(
      '.github/gates.yml:5: checks.unit: unknown threshold `max-faild`; this check accepts max-failed, min-failed, max-skipped, min-skipped (and warn- forms)',
    );
  });

  it('names an unknown key', () => {
    expect(errorOf('checks:\n  unit:\n    type: junit\n    path: a.xml\n    levle: advisory\n')).toMatch(/^\.github\/gates\.yml:5: checks\.unit: unknown key `levle` for type junit/);
  });

  it('names an unknown type and lists the known ones', () => {
    expect(errorOf('checks:\n  unit:\n    type: jnuit\n')).toBe('.github/gates.yml:3: checks.unit.type: unknown type `jnuit`; one of junit, deploy-window');
  });

  it('requires a path where the type reads a file', () => {
    expect(errorOf('checks:\n  unit:\n    type: junit\n')).toBe('.github/gates.yml:2: checks.unit.path is required for type junit');
  });

  it('rejects a bad level and a bad threshold value', () => {
    expect(errorOf('checks:\n  unit: { type: junit, path: a.xml, level: maybe }\n')).toMatch(/checks\.unit\.level must be required or advisory, got `maybe`/);
    expect(errorOf('checks:\n  unit: { type: junit, path: a.xml, max-failed: lots }\n')).toMatch(/checks\.unit: `max-failed`: got "lots"/);
  });

  it('reports invalid YAML with its line', () => {
    expect(errorOf('checks:\n  unit:\n    type: junit\n   path: [\n')).toMatch(/^\.github\/gates\.yml:\d+: invalid YAML: /);
  });

  it('refuses an empty policy, an unknown top-level key and duplicate keys', () => {
    expect(errorOf('checks: {}\n')).toMatch(/has no checks/);
    expect(errorOf('name: x\n')).toMatch(/`checks` is missing/);
    expect(errorOf('chekcs: {}\n')).toMatch(/^\.github\/gates\.yml:1: unknown key `chekcs`/);
    expect(errorOf('checks:\n  a: { type: junit, path: a.xml }\n  a: { type: junit, path: b.xml }\n')).toMatch(/invalid YAML: Map keys must be unique/);
  });
});
