import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/run-bundle.js';

// Every actions/<name>/action.yml against the public JSON schema for GitHub
// action metadata (SchemaStore's github-action.json, see test/fixtures/schemas/ORIGIN.md).
const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/schemas/github-action.schema.json'), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const actions = readdirSync(path.join(REPO_ROOT, 'actions'));

describe('action.yml metadata', () => {
  it('covers every action the suite ships', () => {
    expect(actions.sort()).toEqual(expect.arrayContaining(['canary-promote', 'gate-checks']));
  });

  describe.each(actions)('%s', (name) => {
    const metadata = parse(readFileSync(path.join(REPO_ROOT, 'actions', name, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs?: Record<string, { description: string }>;
      outputs?: Record<string, unknown>;
    };

    it('validates against the GitHub action metadata schema', () => {
      const isValid = validate(metadata);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(isValid).toBe(true);
    });

    it('runs on node24 from the committed bundle', () => {
      expect(metadata.runs).toEqual({ using: 'node24', main: `../../dist/${name}/index.js` });
    });

    it('has the common outputs every action sets', () => {
      expect(Object.keys(metadata.outputs ?? {})).toEqual(expect.arrayContaining(['decision', 'report', 'summary']));
    });
  });

  it('the schema really rejects what GitHub would refuse', () => {
    expect(validate({ name: 'x', description: 'y', runs: { using: 'node8', main: 'index.js' } })).toBe(false);
    expect(validate({ name: 'x', description: 'y', runs: { using: 'node24', main: 'index.js' }, inputs: { a: { required: true } } })).toBe(false);
  });
});
