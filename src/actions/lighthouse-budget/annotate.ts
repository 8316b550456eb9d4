import path from 'node:path';
import * as core from '@actions/core';
import { type BudgetAssertion, assertionKey, isFailure, isWarning } from '../../engine/lighthouse/assertion-result.js';
import { describeRegression } from '../../engine/lighthouse/budget-verdict.js';
import { readText } from '../../sources/files.js';
import { lineOfKey } from '../../sources/lighthouse/lhci-config.js';
import type { BudgetSet } from './budgets.js';
import type { Evaluation } from './evaluate.js';
import { describeAssertion } from './summary-markdown.js';

/**
 * Annotations for what failed: each error-level assertion, regression and
 * failed run as an error, each warn-level assertion as a warning. An
 * assertion from a lighthouserc points at the line where its key is
 * written. GitHub shows at most 10 of each kind per step, so more are
 * counted in one notice instead of being dropped silently.
 */
const LIMIT = 10;

interface Place {
  file: string;
  startLine?: number;
}

export async function annotateFailures(evaluation: Evaluation, sets: readonly BudgetSet[], workspace: string): Promise<void> {
  const errors: { message: string; title: string; place?: Place }[] = [];
  const warnings: typeof errors = [];
  const places = await placesOf(sets, workspace);
  for (const { verdict, assertions, runs } of evaluation.details) {
    for (const run of runs.filter((r) => r.failure)) errors.push({ title: 'Lighthouse run failed', message: `${verdict.url}: ${run.id} failed after ${run.attempts} attempt(s): ${run.failure!.code} ${run.failure!.message}` });
    for (const result of assertions.filter((r) => isFailure(r) || isWarning(r))) {
      const entry = { title: `Lighthouse budget: ${assertionKey(result)}`, message: `${verdict.url}: ${describeAssertion(result)}`, place: placeOf(result, places) };
      (isFailure(result) ? errors : warnings).push(entry);
    }
    for (const row of verdict.rows) {
      if (row.regression && row.regression.status !== 'pass') errors.push({ title: `Lighthouse regression: ${row.metric}`, message: `${verdict.url}: ${describeRegression(row.regression)}` });
    }
  }
  errors.slice(0, LIMIT).forEach((a) => core.error(a.message, { title: a.title, ...a.place }));
  warnings.slice(0, LIMIT).forEach((a) => core.warning(a.message, { title: a.title, ...a.place }));
  const hidden = Math.max(0, errors.length - LIMIT) + Math.max(0, warnings.length - LIMIT);
  if (hidden > 0) core.notice(`${hidden} more Lighthouse budget annotation(s) are in the job summary and the report`);
}

type Places = Map<string, { file: string; text: string | null }>;

async function placesOf(sets: readonly BudgetSet[], workspace: string): Promise<Places> {
  const places: Places = new Map();
  for (const set of sets) {
    if (set.file === null || places.has(set.source)) continue;
    const text = await readText(path.resolve(workspace, set.file));
    places.set(set.source, { file: set.file, text: text.ok && set.source === 'config' ? text.value : null });
  }
  return places;
}

function placeOf(result: BudgetAssertion, places: Places): Place | undefined {
  const place = places.get(result.source);
  if (!place) return undefined;
  const line = place.text === null ? null : lineOfKey(place.text, assertionKey(result));
  return line === null ? { file: place.file } : { file: place.file, startLine: line };
}
