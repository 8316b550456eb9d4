import { ConfigError } from '../../engine/result.js';
import { readText } from '../../sources/confined-read.js';
import type { CheckEnvironment, CheckType } from './check-type.js';
import { evaluateCheck, type EvaluatedCheck } from './evaluate-check.js';
import { parsePolicy, type Policy } from './policy.js';

/** Reads and validates the policy file; a missing or malformed file is a ConfigError naming it. */
export async function loadPolicy(file: string, shownAs: string, types: ReadonlyMap<string, CheckType>): Promise<Policy> {
  // Read as evidence is: inside the workspace or the runner's temp folder only.
  const text = await readText(file);
  if (!text.ok) throw new ConfigError(text.error.kind === 'missing' ? `policy file not found: ${shownAs} (input \`policy\`)` : `${text.error.message.replace(file, shownAs)} (input \`policy\`)`);
  const policy = await parsePolicy(text.value, shownAs, types);
  if (!policy.ok) throw policy.error;
  return policy.value;
}

/**
 * Evaluates every check, concurrently: checks read independent files and
 * services, and a slow Percy poll should not hold up the rest. Results keep
 * the policy's order so the table reads as the policy does.
 */
export async function evaluatePolicy(policy: Policy, types: ReadonlyMap<string, CheckType>, environment: CheckEnvironment): Promise<EvaluatedCheck[]> {
  return Promise.all(
    policy.checks.map((spec) => {
      // parsePolicy only admits registered types, so the lookup cannot miss.
      const type = types.get(spec.type) as CheckType;
      return evaluateCheck(spec, type, environment);
    }),
  );
}
