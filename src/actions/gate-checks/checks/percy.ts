import type { HttpOptions } from '../../../sources/metrics/fetch-json.js';
import type { PercyWait } from '../../../sources/percy.js';
import type { CheckType } from '../check-type.js';
import { readPercyKeys } from './percy-keys.js';

/**
 * `percy`: a Percy build through Percy's API, judged as
 * `percy build:wait --fail-on-changes --pass-if-approved` judges it: passes
 * when the build finished and has no visual changes, or they were approved.
 * The build is given by id (key `build-id` or env `PERCY_BUILD_ID`) or found
 * by project and commit (key `project`, with `commit`, default the commit
 * Percy itself records on GitHub Actions: PERCY_COMMIT, else the pull
 * request's head, else GITHUB_SHA). The token comes from env `PERCY_TOKEN`
 * only (a secret: the action masks it). Keys: `percy-keys.ts`; the policy
 * reference: docs/percy.md.
 *
 * ```yaml
 * visual: { type: percy, project: acme/shop, wait: 10m }
 * ```
 */
export interface PercyCheckOptions {
  http?: HttpOptions;
  poll?: Omit<PercyWait, 'waitMs'>;
}

export function createPercyCheck(options: PercyCheckOptions = {}): CheckType {
  return {
    type: 'percy',
    measures: { diffs: 'count', snapshots: 'count' },
    headline: 'diffs',
    keys: ['build-id', 'project', 'commit', 'api-url', 'wait', 'interval', 'fail-on-changes', 'pass-if-approved'],
    needsPath: false,
    judgement: 'own',
    checkEntry: (entry) => {
      const keys = readPercyKeys(entry);
      return keys.ok ? null : keys.error;
    },
    // Loaded on use, so a policy without a percy check never loads Percy's client and its answer schemas.
    measure: async (spec, environment) => (await import('./percy-measure.js')).measurePercy(spec, environment, options),
  };
}

export const percyCheck: CheckType = createPercyCheck();

