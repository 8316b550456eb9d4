import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Corruption, applyCorruption, jsonCorruption } from './mutate.js';
import { BREACHING_LIVE_METRICS, FAULTY_CANARY_METRICS, breachingWatch, faultyCanaryTick, startedStateFile } from './rollout-scenarios.js';
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

async function neverPositive(scenario: Scenario, file: string, document: Json, expected: string): Promise<void> {
  const base = await runScenario(scenario);
  expect(base.outputs.decision, base.stdout).toBe(expected);
  await fc.assert(
    fc.asyncProperty(jsonCorruption(document), async (corruption: Corruption) => {
      const run = await runScenario(scenario, { [file]: applyCorruption(document, corruption) });
      const decision = run.outputs.decision ?? '';
      if (POSITIVE_DECISIONS.includes(decision) || crashSignsOf(run).length > 0) {
        throw new Error(`${corruption.describe} in ${file} gave ${decision || 'no decision'}${crashSignsOf(run).map((sign) => `, ${sign}`).join('')}:\n${run.stdout.slice(-2_000)}`);
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}

describe('no corruption of a failing input is a positive verdict (through the bundles)', { timeout: 600_000 }, () => {
  it('canary-promote: a faulty canary\'s metrics, corrupted, never promote or complete', async () => {
    await neverPositive(faultyCanaryTick(), 'metrics.json', FAULTY_CANARY_METRICS as unknown as Json, 'rollback');
  });

  it('canary-promote: the rollout state, corrupted, never promotes or completes a faulty canary', async () => {
    await neverPositive(faultyCanaryTick(), 'state.json', startedStateFile() as Json, 'rollback');
  });

  it('auto-rollback: a breaching release\'s metrics, corrupted, are never healthy', async () => {
    await neverPositive(breachingWatch(), 'metrics.json', BREACHING_LIVE_METRICS as Json, 'rolled-back');
  });
});
