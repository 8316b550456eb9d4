import type { CheckType } from '../check-type.js';

/**
 * `command`: the exit status of a command, e.g. a smoke test
 * against staging. `run` is an argument list and never goes through a shell,
 * so no input can inject one.
 *
 * ```yaml
 * smoke: { type: command, run: [npm, run, smoke, --, --base-url, "https://staging.example"], timeout: 2m }
 * ```
 */
export const commandCheck: CheckType = {
  type: 'command',
  measures: { 'exit-code': 'count', 'duration-ms': 'duration' },
  keys: ['run', 'timeout', 'cwd', 'env', 'expect-exit'],
  needsPath: false,
  // The exit status is the verdict: `expect-exit` (default 0) is its threshold.
  judgement: 'own',
  // Loaded on use, so a policy without a command check never loads the process runner.
  measure: async (spec, environment) => (await import('./command-measure.js')).measureCommand(spec, environment),
};
