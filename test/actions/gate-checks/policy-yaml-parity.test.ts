import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { DOCUMENTS, fencedBlocks } from '../../docs/fenced-blocks.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// gate-checks loads policies with js-yaml (core schema) and names lines with
// `yaml`; every other YAML here is read with `yaml`. The two must read the
// same text as the same data, or a policy would mean one thing in the
// action and another in the error it reports. Checked on every YAML file
// and YAML block of the repository and on the corners of YAML 1.2's core
// schema where parsers are known to differ.

type Read = { ok: true; value: unknown } | { ok: false };

const withJsYaml = (text: string): Read => {
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA }) ?? null };
  } catch {
    return { ok: false };
  }
};

const withYaml = (text: string): Read => {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: -1 }) ?? null };
  } catch {
    return { ok: false };
  }
};

function repositoryYaml(): { name: string; text: string }[] {
  // The repository's own files, as git lists them: no walk through node_modules.
  const files = execFileSync('git', ['ls-files', '-z', '--', '*.yml', '*.yaml'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .map((file) => ({ name: file, text: readFileSync(path.join(REPO_ROOT, file), 'utf8') }));
  const blocks = DOCUMENTS.flatMap((file) =>
    fencedBlocks(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'))
      .filter((block) => block.lang === 'yaml' || block.lang === 'yml')
      .map((block) => ({ name: `${file}:${block.line}`, text: block.text })),
  );
  return [...files, ...blocks];
}

// Scalars and structures where YAML 1.1 and 1.2 parsers part ways, or where a library might.
const CORNERS = [
  'a: [yes, no, on, off, y, n, Yes, NO]',
  'a: [true, True, TRUE, false, False, FALSE, tRUE]',
  'a: [null, Null, NULL, ~, nULL, ""]\nb:',
  'a: [0, +1, 007, 0o17, 0O17, 0x1F, 0X1F, 12:30, 12:30:00, 190:20:30]',
  'a: [1.5, -1.5, +1.5, .5, 5., 1e3, 1E-3, 6.02e+23, .inf, -.inf, +.inf, .Inf, .INF, .nan, .NaN, .NAN, 1.0e]',
  'a: [2026-12-24, 2026-12-24T10:00:00Z, "2026-12-24", 2026-12-24 10:00]',
  'a: [Mon-Fri 09:00-17:00, "Tue-Thu 10:00-14:00", Fri]',
  'a: [1%, 5%, 2.5s, 500ms, 500KB, 10m, 48h]',
  'a: !!str 5\nb: !!int "5"\nd: !!bool "true"',
  'base: &base { type: junit, path: a.xml }\nuse: *base\nlist: [*base, *base]',
  'base: &base { type: junit }\nmerged:\n  <<: *base\n  path: a.xml',
  'a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\nc: |-\n  kept\nd: >+\n  more\n\n',
  "a: 'single ''quoted'''\nb: \"double \\\"quoted\\\" \\t \\u00e9 \\x41\"\nc: plain # comment\nd: 'x # not a comment'",
  'a:\n  - { b: 1, c: [2, 3] }\n  - - nested\n    - list\n  -\n    d: 4',
  '? complex key\n: value\n"quoted key": 1\n1: one\n2.5: half\ntrue: yes',
  'a: b: c',
  'a: 1\na: 2',
  '- a\nb: c',
  'a:\n\t- tab',
  '---\na: 1\n---\nb: 2',
  '---\na: 1\n...\n',
  '%YAML 1.2\n---\na: 1',
  '\ufeffa: 1',
  'a: 1\r\nb: [2, 3]\r\n',
  'a: "unterminated',
  'a: [1, 2',
  '__proto__: { polluted: true }\nchecks: {}',
  'constructor: 1\ntoString: 2\nhasOwnProperty: 3',
  'a: *undefined',
  'emoji: "😀"\nplain: ünïcödé ✓\nkey with spaces: value: with colon',
  'checks:\n  unit: { type: junit, path: "reports/*.xml", max-failed: 0 }\n  window: { type: deploy-window, timezone: Europe/Berlin, deny: [Fri, "Dec 24-26"] }',
  '',
  '# only a comment',
  'just a scalar',
  '[1, 2, 3]',
];

/**
 * Where they part, each kept here with what each reads so that a change in
 * either shows: none is a way to make a policy mean something unnoticed.
 */
const KNOWN_DIFFERENCES: { text: string; jsYaml: Read; yaml: Read; why: string }[] = [
  { text: 'a: [0b101, 1_000]', jsYaml: { ok: true, value: { a: [5, 1000] } }, yaml: { ok: true, value: { a: ['0b101', '1_000'] } }, why: 'js-yaml reads binary and underscored integers (YAML 1.1 forms); a threshold written so is the number it says' },
  { text: 'c: !!float 5', jsYaml: { ok: true, value: { c: 5 } }, yaml: { ok: true, value: { c: '5' } }, why: 'yaml leaves a tag it cannot resolve as a string, with a warning' },
  { text: 'e: !!null ""', jsYaml: { ok: false }, yaml: { ok: true, value: { e: null } }, why: 'js-yaml refuses the explicit null tag on a quoted empty string: the policy is refused' },
  { text: 'a: !custom tag', jsYaml: { ok: false }, yaml: { ok: true, value: { a: 'tag' } }, why: 'js-yaml refuses an unknown tag: the policy is refused' },
  { text: 'a: -0', jsYaml: { ok: true, value: { a: 0 } }, yaml: { ok: true, value: { a: -0 } }, why: 'yaml keeps the sign of negative zero; the same number to every comparison a check makes' },
  { text: 'null: nothing', jsYaml: { ok: true, value: { null: 'nothing' } }, yaml: { ok: true, value: { '': 'nothing' } }, why: 'a null key: js-yaml names it "null", yaml ""' },
];

/** Files where the two differ outside anything a policy holds: the corner it is and why it does not matter. */
const CORPUS_EXCEPTIONS: Record<string, string> = {
  'test/fixtures/flagsmith/openapi.yaml': 'block scalars with an indentation indicator (`|2-`) ending in a line of spaces deeper than the indentation: js-yaml keeps those spaces as content, yaml drops them',
};

describe('js-yaml (core schema) and yaml read the same data', () => {
  it('from every YAML file and YAML block of the repository', () => {
    const corpus = repositoryYaml();
    expect(corpus.length).toBeGreaterThan(40);
    for (const { name, text } of corpus) {
      if (name in CORPUS_EXCEPTIONS) expect(withJsYaml(text)).not.toEqual(withYaml(text));
      else expect({ name, read: withJsYaml(text) }).toEqual({ name, read: withYaml(text) });
    }
  });

  it.each(KNOWN_DIFFERENCES)('except where known: $text ($why)', ({ text, jsYaml, yaml }) => {
    expect({ jsYaml: withJsYaml(text), yaml: withYaml(text) }).toEqual({ jsYaml, yaml });
  });

  it.each(CORNERS)('from %j', (text) => {
    expect(withJsYaml(text)).toEqual(withYaml(text));
  });
});
