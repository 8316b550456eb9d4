import { describe, expect, it } from 'vitest';
import { TREOSH_ALIASES, expandEnvironment, treoshOnlyNotices, withTreoshNames } from '../../../src/actions/lighthouse-budget/treosh-inputs.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('treosh input names', () => {
  it('reads each treosh name where ours is empty, and ours where both agree', () => {
    for (const [ours, theirs] of Object.entries(TREOSH_ALIASES)) {
      expect(withTreoshNames(inputs({ [theirs]: 'value-1' }), {})(ours)).toBe('value-1');
      expect(withTreoshNames(inputs({ [ours]: 'value-2' }), {})(ours)).toBe('value-2');
      expect(withTreoshNames(inputs({ [ours]: 'same', [theirs]: ' same ' }), {})(ours)).toBe('same');
    }
  });

  it('sends basic auth as treosh does: `lighthouse` when only its password input is given', () => {
    expect(withTreoshNames(inputs({ basicAuthPassword: 'p' }), {})('basic-auth-username')).toBe('lighthouse');
    expect(withTreoshNames(inputs({ 'basic-auth-password': 'p' }), {})('basic-auth-username')).toBe('');
    expect(withTreoshNames(inputs({ basicAuthPassword: 'p', basicAuthUsername: 'me' }), {})('basic-auth-username')).toBe('me');
  });

  it('refuses both names set to different values, naming both and neither value', () => {
    const read = withTreoshNames(inputs({ 'server-token': 'secret-a', serverToken: 'secret-b' }), {});
    expect(() => read('server-token')).toThrow(/^inputs `server-token` and `serverToken` \(its treosh name\) are both set, to different values; keep one$/);
  });

  it('expands environment variables in urls as treosh does, leaving unset names as written', () => {
    const env = { PR: '42', HOST: 'preview.example.com' };
    expect(expandEnvironment('https://$HOST/pr-${PR}/$web/?q=$UNSET', env)).toBe('https://preview.example.com/pr-42/$web/?q=$UNSET');
    expect(withTreoshNames(inputs({ urls: 'https://$HOST/a\nhttps://$HOST/b' }), env)('urls')).toBe('https://preview.example.com/a\nhttps://preview.example.com/b');
    // Other inputs are read as written.
    expect(withTreoshNames(inputs({ title: 'Budget $HOST' }), env)('title')).toBe('Budget $HOST');
  });

  it('says what happens instead of each treosh-only input, and refuses a flag that is not a boolean', () => {
    expect(treoshOnlyNotices(inputs({}))).toEqual([]);
    expect(treoshOnlyNotices(inputs({ uploadArtifacts: 'false', temporaryPublicStorage: 'false' }))).toEqual([]);
    const notices = treoshOnlyNotices(inputs({ uploadArtifacts: 'true', artifactName: 'lh', temporaryPublicStorage: 'true', uploadExtraArgs: '--x' }));
    expect(notices).toHaveLength(3);
    expect(notices.map((notice) => notice.level)).toEqual(['notice', 'warning', 'warning']);
    expect(notices[0]!.message).toMatch(/actions\/upload-artifact.*name: lh.*outputs\.resultsPath/);
    expect(notices[1]!.message).toMatch(/temporary public storage is not supported/);
    expect(notices[2]!.message).toMatch(/uploadExtraArgs` is ignored/);
    expect(() => treoshOnlyNotices(inputs({ uploadArtifacts: 'yes please' }))).toThrow(/input `uploadArtifacts` must be true or false/);
  });
});
