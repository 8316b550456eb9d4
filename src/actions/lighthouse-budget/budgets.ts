import path from 'node:path';
import type { AssertOptions } from '../../engine/lighthouse/assert-options.js';
import type { BudgetSource } from '../../engine/lighthouse/assertion-result.js';
import type { Rational } from '../../engine/exact.js';
import { DEFAULT_BUDGETS_TEXT, type SimpleBudgetValues, defaultBudgetValues, exactThresholds, simpleBudgetAssertions } from '../../engine/lighthouse/simple-budgets.js';
import { ConfigError } from '../../engine/result.js';
import { loadBudgetFile } from '../../sources/lighthouse/budget-file.js';
import { loadLhciConfig } from '../../sources/lighthouse/lhci-config.js';
import type { BudgetInputs } from './inputs.js';

/**
 * The budgets a run is held to: the LHCI config, the budget.json and the
 * simple inputs, each evaluated on its own by LHCI's code (`lhci assert`
 * refuses a budgets file beside assertions, and an `assertMatrix` beside
 * anything; kept apart, each set means what it means to LHCI) and all of
 * them must pass. When none is configured, the default budgets apply
 * (DEFAULT_BUDGETS), reported as such.
 */
export interface BudgetSet {
  source: BudgetSource;
  /** The file the assertions were written in (for annotations), or null for inputs. */
  file: string | null;
  /** Names the set in messages. */
  where: string;
  options: AssertOptions;
  /** For the simple budgets: each assertion key's threshold as written, on which the verdict is given exactly (exact-budgets.ts). */
  exact?: ReadonlyMap<string, Rational>;
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
  const simple = simpleSet('inputs', 'the budget inputs', inputs.simple);
  if (simple) sets.push(simple);
  if (sets.length === 0) sets.push(simpleSet('defaults', `the default budgets (${DEFAULT_BUDGETS_TEXT})`, defaultBudgetValues())!);
  return sets;
}

function simpleSet(source: 'inputs' | 'defaults', where: string, values: SimpleBudgetValues): BudgetSet | null {
  const options = simpleBudgetAssertions(values);
  return options === null ? null : { source, file: null, where, options, exact: exactThresholds(values) };
}
