import path from 'node:path';
import type { AssertOptions } from '../../engine/lighthouse/assert-options.js';
import type { BudgetSource } from '../../engine/lighthouse/assertion-result.js';
import { simpleBudgetAssertions } from '../../engine/lighthouse/simple-budgets.js';
import { ConfigError } from '../../engine/result.js';
import { loadBudgetFile } from '../../sources/lighthouse/budget-file.js';
import { loadLhciConfig } from '../../sources/lighthouse/lhci-config.js';
import type { BudgetInputs } from './inputs.js';

/**
 * The budgets a run is held to: the LHCI config, the budget.json and the
 * simple inputs, each evaluated on its own by LHCI's code (`lhci assert`
 * refuses a budgets file beside assertions, and an `assertMatrix` beside
 * anything; kept apart, each set means what it means to LHCI) and all of
 * them must pass.
 */
export interface BudgetSet {
  source: BudgetSource;
  /** The file the assertions were written in (for annotations), or null for inputs. */
  file: string | null;
  /** Names the set in messages. */
  where: string;
  options: AssertOptions;
}

export async function loadBudgetSets(inputs: BudgetInputs, workspace: string): Promise<BudgetSet[]> {
  const sets: BudgetSet[] = [];
  if (inputs.config !== undefined) {
    const config = await loadLhciConfig(inputs.config, workspace);
    if (!config.ok) throw new ConfigError(`${config.error.message} (input \`config\`)`);
    if (config.value.options) sets.push({ source: 'config', file: inputs.config, where: `${inputs.config} ci.assert`, options: config.value.options });
    if (config.value.budgetsFile) {
      const shown = path.relative(workspace, config.value.budgetsFile) || config.value.budgetsFile;
      const budgets = await loadBudgetFile(config.value.budgetsFile, workspace, `${inputs.config} ci.assert.budgetsFile`);
      if (!budgets.ok) throw new ConfigError(budgets.error.message);
      // A budget.json, wherever it was named: its assertions are reported as the budget file's.
      sets.push({ source: 'budget-path', file: shown, where: shown, options: budgets.value });
    }
  }
  if (inputs.budgetPath !== undefined) {
    const budgets = await loadBudgetFile(inputs.budgetPath, workspace, 'input `budget-path`');
    if (!budgets.ok) throw new ConfigError(budgets.error.message);
    sets.push({ source: 'budget-path', file: inputs.budgetPath, where: inputs.budgetPath, options: budgets.value });
  }
  const simple = simpleBudgetAssertions(inputs.simple);
  if (simple) sets.push({ source: 'inputs', file: null, where: 'the budget inputs', options: simple });
  return sets;
}
