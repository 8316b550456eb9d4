import path from 'node:path';
import type { AssertOptions } from '../../engine/lighthouse/assert-options.js';
import type { BudgetSource } from '../../engine/lighthouse/assertion-result.js';
import type { Rational } from '../../engine/exact.js';
import { DEFAULT_BUDGETS_TEXT, type SimpleBudgetValues, defaultBudgetValues, exactThresholds, simpleBudgetAssertions } from '../../engine/lighthouse/simple-budgets.js';
import { ConfigError } from '../../engine/result.js';
import { budgetsToAssertions, loadBudgetFile } from '../../sources/lighthouse/budget-file.js';
import type { LhciConfig } from '../../sources/lighthouse/lhci-config.js';
import type { BudgetInputs } from './inputs.js';
import { loadRunConfig } from './lhci-rc.js';

/**
 * The budgets a run is held to: the LHCI config, the budget.json and the
 * simple inputs, each evaluated on its own by LHCI's code (`lhci assert`
 * refuses a budgets file beside assertions, and an `assertMatrix` beside
 * anything; kept apart, each set means what it means to LHCI) and all of
 * them must pass. When none is configured, the default budgets apply
 * (DEFAULT_BUDGETS), reported as such. Budgets written in the config's
 * `ci.collect.settings.budgets` are a set of their own too: Lighthouse 12
 * no longer reads budgets from its settings (so `lhci collect` drops them
 * without a word), and whoever wrote them meant them to be held to.
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

/** `config` is the lighthouserc already read (main.ts reads it once); without it, input `config` is read here. */
export async function loadBudgetSets(inputs: BudgetInputs, workspace: string, config?: LhciConfig | null): Promise<BudgetSet[]> {
  const sets: BudgetSet[] = [];
  const rc = config === undefined ? await loadRunConfig(inputs, workspace) : config;
  if (rc !== null) sets.push(...(await configSets(rc, workspace)));
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

async function configSets(rc: LhciConfig, workspace: string): Promise<BudgetSet[]> {
  const sets: BudgetSet[] = [];
  if (rc.assert?.options) sets.push({ source: 'config', file: rc.file, where: `${rc.file} ci.assert`, options: rc.assert.options });
  if (rc.assert?.budgetsFile) {
    const shown = path.relative(workspace, rc.assert.budgetsFile) || rc.assert.budgetsFile;
    const budgets = await loadBudgetFile(rc.assert.budgetsFile, workspace, `${rc.file} ci.assert.budgetsFile`);
    if (!budgets.ok) throw new ConfigError(budgets.error.message);
    // A budget.json, wherever it was named: its assertions are reported as the budget file's.
    sets.push({ source: 'budget-path', file: shown, where: shown, options: budgets.value });
  }
  const inline = rc.collect?.settings.budgets;
  if (inline) {
    const where = `${rc.file} ci.collect.settings.budgets`;
    const budgets = await budgetsToAssertions(inline, where);
    if (!budgets.ok) throw new ConfigError(budgets.error.message);
    sets.push({ source: 'config', file: rc.file, where, options: budgets.value });
  }
  return sets;
}

function simpleSet(source: 'inputs' | 'defaults', where: string, values: SimpleBudgetValues): BudgetSet | null {
  const options = simpleBudgetAssertions(values);
  return options === null ? null : { source, file: null, where, options, exact: exactThresholds(values) };
}
