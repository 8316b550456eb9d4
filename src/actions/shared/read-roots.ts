import os from 'node:os';
import { setReadRoots } from '../../sources/confined-read.js';

/**
 * The folders an action reads evidence and configuration from: the
 * workspace (the checkout) and the runner's temp folder (where earlier steps
 * and actions put reports and downloads; the system temp folder when run
 * outside a runner). Everything else, `../` and symlinks included, is
 * refused by `src/sources/files.ts`.
 */
export function confineReads(workspace: string, env: NodeJS.ProcessEnv): void {
  const temp = env.RUNNER_TEMP ? { name: 'RUNNER_TEMP', path: env.RUNNER_TEMP } : { name: 'the temp folder', path: os.tmpdir() };
  setReadRoots([{ name: 'GITHUB_WORKSPACE', path: workspace }, temp]);
}
