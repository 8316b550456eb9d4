import { ConfigError } from '../../engine/result.js';
import { type LhciConfig, loadLhciConfig } from '../../sources/lighthouse/lhci-config.js';
import type { BudgetInputs } from './inputs.js';

/** The lighthouserc named by input `config`, read once for the budgets, the collection and the upload; null without one. */
export async function loadRunConfig(inputs: Pick<BudgetInputs, 'config'>, workspace: string): Promise<LhciConfig | null> {
  if (inputs.config === undefined) return null;
  const config = await loadLhciConfig(inputs.config, workspace);
  if (!config.ok) throw new ConfigError(`${config.error.message} (input \`config\`)`);
  return config.value;
}
