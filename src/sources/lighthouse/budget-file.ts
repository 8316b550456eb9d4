import path from 'node:path';
import type { AssertOptions } from '../../engine/lighthouse/assert-options.js';
import { budgetsToAssertOptions, validateBudgets } from '../../engine/lighthouse/budget-json.js';
import { type Result, ok } from '../../engine/result.js';
import { readJson } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * Reads a Lighthouse budget.json and converts it to LHCI assertions (as
 * `lhci assert` does with `budgetsFile`). `shown` is how messages name the
 * file: the input or config key and the path as written.
 */
export async function loadBudgetFile(file: string, workspace: string, shown: string): Promise<Result<AssertOptions, SourceFault>> {
  const json = await readJson(path.resolve(workspace, file));
  if (!json.ok) {
    if (json.error.kind === 'missing') return fault('missing', `${shown}: file not found: ${file}`);
    return fault(json.error.kind, `${shown}: ${json.error.message.replace(path.resolve(workspace, file), file)}`);
  }
  const budgets = validateBudgets(json.value);
  if (!budgets.ok) return fault('config', `${shown} ${file}: ${budgets.error}`);
  if (budgets.value.length === 0) return fault('config', `${shown} ${file}: the budget list is empty: nothing to assert`);
  return ok(budgetsToAssertOptions(budgets.value));
}
