import { createFileStore } from '../../../src/state/file-store.js';
import { canaryPlan, statesOf } from './rollout-states.js';

/**
 * One racing writer for the cross-process test: waits for the shared start
 * instant, then saves the first state of a rollout at version 0 and prints
 * the outcome. Usage: tsx save-once.ts <state-file> <start-ms> <ref>
 */
const [path = '', startText = '0', ref = 'v2'] = process.argv.slice(2);
const [first] = statesOf(canaryPlan(ref), [[0, null]]);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startText) - Date.now())));
const saved = await createFileStore(path, { lock: { retryMs: 5 } }).save('production', first!, 0);
process.stdout.write(saved.ok ? saved.value : `fault: ${saved.error.message}`);
