import { ConfigError } from '../../engine/result.js';
import type { GetInput } from '../shared/input-reader.js';

/**
 * treosh/lighthouse-ci-action's input names, read as ours, so that a
 * workflow moves over by changing its `uses:` line alone (README, "Coming
 * from treosh/lighthouse-ci-action"). Each alias is read where ours is
 * empty; both given with different values is an error naming the two.
 * `runs` and `urls` have the same name in both.
 */
export const TREOSH_ALIASES: Readonly<Record<string, string>> = {
  config: 'configPath',
  'budget-path': 'budgetPath',
  'server-base-url': 'serverBaseUrl',
  'server-token': 'serverToken',
  'basic-auth-username': 'basicAuthUsername',
  'basic-auth-password': 'basicAuthPassword',
};

const TREOSH_BASIC_AUTH_USERNAME = 'lighthouse';

/** treosh inputs with no counterpart here: each says in one line what happens instead. */
export const TREOSH_ONLY_INPUTS = ['uploadArtifacts', 'artifactName', 'temporaryPublicStorage', 'uploadExtraArgs'] as const;

/** Inputs whose URLs may name environment variables, as treosh expands them in `urls`. */
const INTERPOLATED = new Set(['urls', 'baseline-url']);

/**
 * `getInput` that falls back to the treosh name of an input, and expands
 * `$NAME` and `${NAME}` in `urls` and `baseline-url` from `env` (treosh's
 * rule: only names set in the environment are replaced; anything else,
 * such as the `$web` of an Azure static site, stays as written).
 */
export function withTreoshNames(getInput: GetInput, env: NodeJS.ProcessEnv): GetInput {
  return (name) => {
    const ours = getInput(name);
    const alias = TREOSH_ALIASES[name];
    const theirs = alias === undefined ? '' : getInput(alias);
    if (ours.trim() !== '' && theirs.trim() !== '' && ours.trim() !== theirs.trim()) {
      throw new ConfigError(`inputs \`${name}\` and \`${alias}\` (its treosh name) are both set, to different values; keep one`);
    }
    const value = ours.trim() === '' ? theirs : ours;
    // treosh sends basic auth as `lighthouse` when only the password is given.
    if (name === 'basic-auth-username' && value.trim() === '' && getInput('basicAuthPassword').trim() !== '') return TREOSH_BASIC_AUTH_USERNAME;
    return INTERPOLATED.has(name) ? expandEnvironment(value, env) : value;
  };
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandEnvironment(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(VARIABLE, (written, braced: string | undefined, bare: string | undefined) => env[braced ?? bare!] ?? written);
}

/**
 * One line for the log about a treosh-only input that was given. The
 * artifact is a `notice`: a workflow moved over as documented keeps
 * `uploadArtifacts: true` beside its own upload-artifact step, and a warning
 * on every run would cry wolf. The two that change what happens (nothing is
 * published; arguments are dropped) are warnings.
 */
export interface TreoshNotice {
  level: 'notice' | 'warning';
  message: string;
}

/** What each treosh-only input given does here; an `uploadArtifacts` that is not a boolean is an error. */
export function treoshOnlyNotices(getInput: GetInput): TreoshNotice[] {
  const notices: TreoshNotice[] = [];
  const flag = (name: string): boolean => {
    const value = getInput(name).trim();
    if (value === '' || /^false$/i.test(value)) return false;
    if (/^true$/i.test(value)) return true;
    throw new ConfigError(`input \`${name}\` must be true or false, got \`${value}\``);
  };
  if (flag('uploadArtifacts')) {
    const name = getInput('artifactName').trim() || 'lighthouse-results';
    notices.push({
      level: 'notice',
      message: `input \`uploadArtifacts\`: lighthouse-budget does not upload artifacts itself; add a step \`uses: actions/upload-artifact@v4\` with \`name: ${name}\` and \`path: \${{ steps.<this step's id>.outputs.resultsPath }}\` (README, "Coming from treosh/lighthouse-ci-action")`,
    });
  }
  if (flag('temporaryPublicStorage')) {
    notices.push({
      level: 'warning',
      message: 'input `temporaryPublicStorage`: uploading to LHCI\'s temporary public storage is not supported (nothing is made public); set `server-base-url` and `server-token` to upload to an LHCI server, or keep `output-dir` as an artifact',
    });
  }
  if (getInput('uploadExtraArgs').trim() !== '') {
    notices.push({ level: 'warning', message: 'input `uploadExtraArgs` is ignored: there is no `lhci upload` command line here; the upload reads `ci.upload` of the config' });
  }
  return notices;
}
