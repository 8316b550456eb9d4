import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COVERAGE_SUMMARY, FIRST_HEAVY_RUN, HEAVY_RUNS, JUNIT_XML, NPM_AUDIT, PLAYWRIGHT_REPORT, failingAudit, failingCoverage, failingJunit, failingLighthouse, failingPlaywright } from './evidence-scenarios.js';
import { type Corruption, type XmlCorruption, applyCorruption, applyXmlCorruption, jsonCorruption, xmlCorruption } from './mutate.js';
import { BREACHING_LIVE_METRICS, FAULTY_CANARY_METRICS, breachingWatch, faultyCanaryTick, slowHistogramCanaryTick, slowHistogramMetrics, startedStateFile } from './rollout-scenarios.js';
import { POSITIVE_DECISIONS, type Scenario, crashSignsOf, runScenario } from './scenario.js';

/**
 * The property: no corruption of a failing input, run through the bundle as
 * the runner runs it, turns its verdict positive, and none ends in a crash
 * instead of a verdict. The corruptions are drawn by fast-check from a fixed
 * seed (the corpus is the same on every run and in CI; set ADVERSARIAL_SEED
 * and ADVERSARIAL_RUNS to explore further); a counterexample is shrunk and
 * printed with the corruption that caused it.
 */
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 20261202);
const RUNS = Number(process.env.ADVERSARIAL_RUNS ?? 16);

type Json = Parameters<typeof jsonCorruption>[0];

/** How a corruption is drawn and applied to one file of a scenario. */
interface Corruptible<C extends { describe: string }> {
  file: string;
  arbitrary: fc.Arbitrary<C>;
  apply(corruption: C): string;
}

const jsonFile = (file: string, document: Json, isKept?: Parameters<typeof jsonCorruption>[1]): Corruptible<Corruption> => ({
  file,
  arbitrary: jsonCorruption(document, isKept),
  apply: (corruption) => applyCorruption(document, corruption),
});

/**
 * Which release the stored rollout is of is not evidence about it: a state
 * naming another release than the inputs is a new release, which starts
 * (`promote` to the first step) by design, as Argo Rollouts restarts on a
 * new version. Those fields are left out of the state's corruptions.
 */
const isReleaseIdentity = (path: readonly (string | number)[]) => path.includes('plan') && (path.includes('canary') || path.includes('stable'));
const xmlFile = (file: string, xml: string): Corruptible<XmlCorruption> => ({ file, arbitrary: xmlCorruption(xml), apply: (corruption) => applyXmlCorruption(xml, corruption) });

async function neverPositive<C extends { describe: string }>(scenario: Scenario, target: Corruptible<C>, expected: string): Promise<void> {
  const base = await runScenario(scenario);
  expect(base.outputs.decision, base.stdout).toBe(expected);
  await fc.assert(
    fc.asyncProperty(target.arbitrary, async (corruption: C) => {
      const run = await runScenario(scenario, { [target.file]: target.apply(corruption) });
      const decision = run.outputs.decision ?? '';
      if (POSITIVE_DECISIONS.includes(decision) || crashSignsOf(run).length > 0) {
        throw new Error(`${corruption.describe} in ${target.file} gave ${decision || 'no decision'}${crashSignsOf(run).map((sign) => `, ${sign}`).join('')}:\n${run.stdout.slice(-2_000)}`);
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}

describe('no corruption of a failing input is a positive verdict (through the bundles)', { timeout: 600_000 }, () => {
  it('canary-promote: a faulty canary\'s metrics, corrupted, never promote or complete', async () => {
    await neverPositive(faultyCanaryTick(), jsonFile('metrics.json', FAULTY_CANARY_METRICS as unknown as Json), 'rollback');
  });

  it("canary-promote: a slower canary's histogram buckets, corrupted, never promote or complete", async () => {
    await neverPositive(slowHistogramCanaryTick(), jsonFile('metrics.json', slowHistogramMetrics() as Json), 'rollback');
  });

  it('canary-promote: the rollout state, corrupted, never promotes or completes a faulty canary', async () => {
    await neverPositive(faultyCanaryTick(), jsonFile('state.json', startedStateFile() as Json, isReleaseIdentity), 'rollback');
  });

  it('auto-rollback: a breaching release\'s metrics, corrupted, are never healthy', async () => {
    await neverPositive(breachingWatch(), jsonFile('metrics.json', BREACHING_LIVE_METRICS as Json), 'rolled-back');
  });

  it('gate-checks: JUnit XML with failing tests, corrupted (counts that are not counts, elements gone, cut off), is never go', async () => {
    await neverPositive(failingJunit(), xmlFile('junit.xml', JUNIT_XML), 'no-go');
  });

  it('gate-checks: a Playwright report with a failure, corrupted, is never go', async () => {
    await neverPositive(failingPlaywright(), jsonFile('results.json', PLAYWRIGHT_REPORT as Json), 'no-go');
  });

  it('gate-checks: coverage below its minimum, corrupted, is never go', async () => {
    await neverPositive(failingCoverage(), jsonFile('coverage-summary.json', COVERAGE_SUMMARY as Json), 'no-go');
  });

  it('gate-checks: an audit with a critical advisory, corrupted, is never go', async () => {
    await neverPositive(failingAudit(), jsonFile('audit.json', NPM_AUDIT as Json), 'no-go');
  });

  it('lighthouse-budget: runs over the LCP budget, one of them corrupted, never pass', async () => {
    await neverPositive(failingLighthouse(), jsonFile(`results/${FIRST_HEAVY_RUN}`, HEAVY_RUNS[FIRST_HEAVY_RUN] as Json), 'fail');
  });
});
