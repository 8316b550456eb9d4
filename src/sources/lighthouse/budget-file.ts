import path from 'node:path';
import budgetsConverter from '@lhci/utils/src/budgets-converter.js';
import { type AssertOptions, validateAssertOptions } from '../../engine/lighthouse/assert-options.js';
import { validateBudgets } from '../../engine/lighthouse/budget-json.js';
import { type Result, messageOf, ok } from '../../engine/result.js';
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
  return budgetsToAssertions(json.value, `${shown} ${file}`);
}

/**
 * Budgets (a parsed budget.json) as assertions, by LHCI's own converter so
 * they cannot drift from `lhci assert`. They are checked first, for
 * one-line messages naming the entry; anything LHCI's converter still
 * refuses, or an output our assertion reader would not take, is an error
 * too, never a budget quietly dropped.
 */
export async function budgetsToAssertions(raw: unknown, shown: string): Promise<Result<AssertOptions, SourceFault>> {
  const budgets = validateBudgets(raw);
  if (!budgets.ok) return fault('config', `${shown}: ${budgets.error}`);
  if (budgets.value.length === 0) return fault('config', `${shown}: the budget list is empty: nothing to assert`);
  let converted: unknown;
  try {
    converted = await budgetsConverter.convertBudgetsToAssertions(raw);
  } catch (thrown) {
    return fault('config', `${shown}: ${messageOf(thrown).split('\n')[0]}`);
  }
  const options = validateAssertOptions(converted, shown);
  return options.ok ? ok(options.value) : fault('config', options.error);
}
