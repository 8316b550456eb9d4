import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineOfKey, loadLhciConfig } from '../../../src/sources/lighthouse/lhci-config.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

let dir: string;
const write = async (name: string, text: string) => {
  await writeFile(path.join(dir, name), text);
  return name;
};

const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lhci-config-'));
});

describe('loadLhciConfig', () => {
  it('reads ci.assert from JSON, writing `.` in keys as `:` as LHCI does', async () => {
    const file = await write('dots.json', JSON.stringify({ ci: { collect: { numberOfRuns: 5 }, assert: { assertions: { 'resource-summary.script.size': ['error', { maxNumericValue: 1000 }] } } } }));
    expect(await loadLhciConfig(file, dir)).toMatchObject({
      ok: true,
      value: { file, assert: { options: { assertions: { 'resource-summary:script:size': ['error', { maxNumericValue: 1000 }] } }, budgetsFile: null }, collect: { numberOfRuns: 5 }, upload: null },
    });
  });

  it('reads YAML, and the `lhci` and `ci:client` spellings of the section', async () => {
    const yaml = await write('rc.yml', 'lhci:\n  assert:\n    preset: "lighthouse:recommended"\n');
    expect(await loadLhciConfig(yaml, dir)).toMatchObject({ ok: true, value: { assert: { options: { preset: 'lighthouse:recommended' } } } });
    const client = await write('client.json', JSON.stringify({ 'ci:client': { assert: { assertions: { 'image-alt': 'error' } } } }));
    expect(await loadLhciConfig(client, dir)).toMatchObject({ ok: true, value: { assert: { options: { assertions: { 'image-alt': 'error' } } } } });
  });

  it('merges `extends` under the file, the file\'s own assertions winning (the repository fixture)', async () => {
    const configs = 'test/fixtures/lighthouse-budget/configs';
    expect(await loadLhciConfig(`${configs}/extends.yml`, REPO_ROOT)).toEqual({
      ok: true,
      value: {
        file: `${configs}/extends.yml`,
        assert: { options: { preset: 'lighthouse:recommended', assertions: { 'color-contrast': 'off', 'cumulative-layout-shift': ['error', { maxNumericValue: 0.05 }] } }, budgetsFile: null },
        collect: null,
        upload: null,
      },
    });
  });

  it('resolves budgetsFile against the workspace, as LHCI resolves it against its working directory', async () => {
    const file = await write('budgets.json', JSON.stringify({ ci: { assert: { budgetsFile: 'perf/budget.json' } } }));
    expect(await loadLhciConfig(file, dir)).toEqual({ ok: true, value: { file, assert: { options: null, budgetsFile: path.join(dir, 'perf/budget.json') }, collect: null, upload: null } });
  });

  it('reads ci.collect and ci.upload beside ci.assert, merging each with `extends`, and hands ci.upload on untouched', async () => {
    await write('base.json', JSON.stringify({ ci: { collect: { numberOfRuns: 5, settings: { preset: 'desktop', onlyCategories: ['performance'] } }, upload: { target: 'lhci', serverBaseUrl: 'https://lhci.example.com' } } }));
    const file = await write(
      'full.json',
      JSON.stringify({ ci: { extends: './base.json', collect: { staticDistDir: './public', settings: { 'only.categories': 'x', extraHeaders: '{"Authorization": "Bearer x"}' } }, upload: { token: 'build-token', 'basicAuth.username': 'u' } } }),
    );
    const loaded = await loadLhciConfig(file, dir);
    expect(loaded).toMatchObject({
      ok: true,
      value: {
        assert: null,
        collect: { staticDistDir: './public', numberOfRuns: 5, settings: { preset: 'desktop', flags: { onlyCategories: ['performance'], extraHeaders: { Authorization: 'Bearer x' } } } },
        upload: { target: 'lhci', serverBaseUrl: 'https://lhci.example.com', token: 'build-token', 'basicAuth:username': 'u' },
      },
    });
    // A dotted key is read as LHCI reads it (`only:categories`), which no Lighthouse setting is: a warning, not a silent skip.
    expect(loaded.ok && loaded.value.collect?.warnings).toEqual(['full.json ci.collect.settings.only:categories is not a Lighthouse setting lighthouse-budget knows, and is ignored (a misspelling?)']);
  });

  it('reads settings.extraHeaders given as a path to a JSON file, relative to the workspace as Lighthouse reads it', async () => {
    await write('headers.json', '{"Cookie": "session=file-secret"}');
    const file = await write('headers-rc.json', JSON.stringify({ ci: { collect: { url: 'https://a.dev/', settings: { extraHeaders: './headers.json' } } } }));
    expect(await loadLhciConfig(file, dir)).toMatchObject({ ok: true, value: { collect: { settings: { flags: { extraHeaders: { Cookie: 'session=file-secret' } } } } } });
    const missing = await write('no-headers-rc.json', JSON.stringify({ ci: { collect: { url: 'https://a.dev/', settings: { extraHeaders: './nope.json' } } } }));
    expect(await loadLhciConfig(missing, dir)).toEqual({ ok: false, error: { kind: 'missing', message: 'no-headers-rc.json ci.collect.settings.extraHeaders: file not found: ./nope.json' } });
  });

  it.each([
    ['missing.json', null, 'missing', 'config file not found: missing.json'],
    ['rc.js', 'module.exports = {}', 'config', 'rc.js is a JavaScript lighthouserc; lighthouse-budget does not run repository code, so write it as .json or .yml'],
    ['broken.json', '{ "ci": ', 'malformed', /^broken\.json is not valid JSON: /],
    ['broken.yml', 'ci: [unclosed', 'malformed', /^broken\.yml is not valid YAML: /],
    ['empty.json', '{ "ci": { "assert": {} } }', 'config', 'empty.json ci.assert has no assertions, preset, assertMatrix or budgetsFile: nothing to assert'],
    ['both.json', '{ "ci": { "assert": { "budgetsFile": "b.json", "preset": "lighthouse:all" } } }', 'config', 'both.json ci.assert: budgetsFile cannot be combined with assertions, preset or assertMatrix (LHCI rejects it); use the budget-path input beside the config instead'],
    ['typo.json', '{ "ci": { "assert": { "assertions": { "image-alt": "fail" } } } }', 'config', 'typo.json ci.assert.assertions.image-alt: level must be off, warn or error, got "fail"'],
    ['loop.json', '{ "ci": { "extends": "./loop.json" } }', 'config', /^\.\/loop\.json: `extends` loops back to /],
    ['runs.json', '{ "ci": { "collect": { "numberOfRuns": "three" } } }', 'config', 'runs.json ci.collect.numberOfRuns must be a whole number of runs from 1 to 50, got "three"'],
    ['tablet.yml', 'ci:\n  collect:\n    settings:\n      preset: tablet\n', 'config', 'tablet.yml ci.collect.settings.preset must be one of desktop, perf, experimental, got "tablet"'],
    ['collect-list.json', '{ "ci": { "collect": [] } }', 'config', 'collect-list.json: ci.collect must be an object, got []'],
    ['array.json', '[1]', 'malformed', 'array.json must hold an object with a `ci` section, got [1]'],
    // Billion laughs: nine levels of nine aliases would expand to 9^9 strings.
    ['bomb.yml', `${ALIAS_BOMB}ci:\n  assert:\n    assertions:\n      image-alt: error\n`, 'malformed', 'bomb.yml is refused: its YAML aliases expand beyond 100 nodes (an alias bomb); write the assertions out'],
    ['duplicate.yml', 'ci:\n  assert:\n    assertions:\n      image-alt: error\n      image-alt: off\n', 'malformed', /^duplicate\.yml is not valid YAML: Map keys must be unique/],
  ])('%s is a one-line %s error', async (name, text, kind, message) => {
    if (text !== null) await write(name, text);
    const loaded = await loadLhciConfig(name, dir);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.kind).toBe(kind);
    expect(loaded.error.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    expect(loaded.error.message).not.toContain('\n');
  });
});

describe('lineOfKey', () => {
  it('finds a key in JSON (either spelling) and YAML, for annotations', () => {
    expect(lineOfKey('{\n  "assertions": {\n    "categories:performance": "error"\n  }\n}', 'categories:performance')).toBe(3);
    expect(lineOfKey('{\n  "resource-summary.script.size": 1\n}', 'resource-summary:script:size')).toBe(2);
    expect(lineOfKey('ci:\n  assert:\n    assertions:\n      image-alt: error\n', 'image-alt')).toBe(4);
    expect(lineOfKey('{}', 'image-alt')).toBeNull();
  });
});
