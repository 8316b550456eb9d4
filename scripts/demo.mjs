// `npm run demo`: runs the real dist/ bundles the way the GitHub runner
// would, step by step, and prints a timeline of decisions with their
// evidence. Each step's job summary is written to .demo-out/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDemoContext } from './demo/context.mjs';
import { runCanaryDemo } from './demo/canary.mjs';
import { runGatesDemo } from './demo/gates.mjs';
import { runLighthouseDemo } from './demo/lighthouse.mjs';
import { runRollbackDemo } from './demo/rollback.mjs';

const ctx = createDemoContext();
if (!existsSync(path.join(ctx.root, 'dist', 'gate-checks', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` (a clone has dist/ committed).');
  process.exit(1);
}
const STEPS = [runGatesDemo, runLighthouseDemo, runCanaryDemo, runRollbackDemo];
const results = [];
try {
  for (const step of STEPS) results.push(await step(ctx));
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`\nDone in ${ctx.elapsed()}:\n  ${results.join('\n  ')}\nJob summaries: .demo-out/`);
