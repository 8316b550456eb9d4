import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssertionResult } from '../../engine/lighthouse/assertion-result.js';
import type { Evaluation } from './evaluate.js';

/**
 * What treosh/lighthouse-ci-action leaves for later steps, beside our own
 * outputs: `resultsPath` (the folder of results: our `output-dir`),
 * `assertionResults` (what `lhci assert` writes to assertion-results.json:
 * the assertions that did not pass, warnings included) and `links` (what
 * `lhci upload` writes to links.json). The two files are written into the
 * folder too, under LHCI's names, so steps that read them there still work.
 */
export interface TreoshOutputs {
  resultsPath: string;
  assertionResults: AssertionResult[];
  links: Record<string, string>;
}

export function treoshOutputs(evaluation: Evaluation, outputDir: string, links: Record<string, string>): TreoshOutputs {
  const assertionResults = evaluation.details.flatMap((detail) => detail.assertions.filter((result) => !result.passed).map(({ source: _source, ...lhci }) => lhci));
  return { resultsPath: outputDir, assertionResults, links };
}

export async function writeTreoshFiles(outputs: TreoshOutputs): Promise<void> {
  await writeFile(path.join(outputs.resultsPath, 'assertion-results.json'), `${JSON.stringify(outputs.assertionResults, null, 2)}\n`);
  await writeFile(path.join(outputs.resultsPath, 'links.json'), `${JSON.stringify(outputs.links, null, 2)}\n`);
}
