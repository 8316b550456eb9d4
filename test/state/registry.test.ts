import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStateStore, parseStateSpec } from '../../src/state/registry.js';

describe('parseStateSpec', () => {
  it('defaults to GitHub Deployments when a token is given', () => {
    expect(parseStateSpec('', true)).toEqual({ ok: true, value: { kind: 'github' } });
    expect(parseStateSpec(undefined, true)).toEqual({ ok: true, value: { kind: 'github' } });
    expect(parseStateSpec(' github ', true)).toEqual({ ok: true, value: { kind: 'github' } });
  });

  it('reads file:<path>', () => {
    expect(parseStateSpec('file:.rollout/state.json', false)).toEqual({ ok: true, value: { kind: 'file', path: '.rollout/state.json' } });
  });

  it.each([
    ['', false, 'input `state` is not given and there is no token: give `github-token` to keep the rollout in GitHub Deployments, or `state: file:<path>`'],
    ['github', false, 'input `state` is `github` but no `github-token` was given; give one (with `deployments: write`) or use `state: file:<path>`'],
    ['s3://bucket/state', true, 'input `state` must be `github` or `file:<path>` (e.g. file:.rollout-guard/state.json), got `s3://bucket/state`'],
    ['file:', true, 'input `state` names no file: write `github` or `file:<path>` (e.g. file:.rollout-guard/state.json), got `file:`'],
  ])('refuses %j (token: %s) naming the input', (raw, hasToken, message) => {
    expect(parseStateSpec(raw, hasToken)).toEqual({ ok: false, error: message });
  });
});

describe('createStateStore', () => {
  it('resolves a relative state file against the workspace', () => {
    const store = createStateStore({ kind: 'file', path: 'state/rollouts.json' }, { workspace: '/work/space' });
    expect(store.ok && [store.value.kind, store.value.where]).toEqual(['file', path.resolve('/work/space', 'state/rollouts.json')]);
  });

  it('needs a client for the GitHub store', () => {
    expect(createStateStore({ kind: 'github' }, { workspace: '/w' })).toEqual({ ok: false, error: '`state: github` needs a GitHub client; give `github-token`' });
  });
});
