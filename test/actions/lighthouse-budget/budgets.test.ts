import { describe, expect, it } from 'vitest';
import { loadBudgetSets } from '../../../src/actions/lighthouse-budget/budgets.js';
import type { BudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { ConfigError } from '../../../src/engine/result.js';
import { readCollectConfig } from '../../../src/sources/lighthouse/lhci-collect.js';
import type { LhciConfig } from '../../../src/sources/lighthouse/lhci-config.js';

const inputs = { config: 'rc.json', budgetPath: undefined, simple: {} } as unknown as BudgetInputs;
const rcWithBudgets = (budgets: unknown): LhciConfig => {
  const collect = readCollectConfig({ url: 'https://a.dev/', settings: { budgets } }, 'rc.json ci.collect');
  if (!collect.ok) throw new Error(collect.error);
  return { file: 'rc.json', assert: null, collect: collect.value, upload: null };
};

describe('ci.collect.settings.budgets', () => {
  it('is a budget set of its own, converted by LHCI\'s converter (Lighthouse 12 no longer reads budgets from its settings)', async () => {
    const sets = await loadBudgetSets(inputs, '/work', rcWithBudgets([{ path: '/blog/*', timings: [{ metric: 'interactive', budget: 3000 }], resourceSizes: [{ resourceType: 'script', budget: 100 }] }]));
    expect(sets).toEqual([
      {
        source: 'config',
        file: 'rc.json',
        where: 'rc.json ci.collect.settings.budgets',
        options: { assertMatrix: [{ matchingUrlPattern: 'https?:\\/\\/[^/]+\\/blog\\/.*', assertions: { interactive: ['error', { maxNumericValue: 3000 }], 'resource-summary:script:size': ['error', { maxNumericValue: 102_400 }] } }] },
      },
    ]);
  });

  it('refuses budgets Lighthouse would refuse, in one line naming the key', async () => {
    const loading = loadBudgetSets(inputs, '/work', rcWithBudgets([{ timings: [{ metric: 'lcp', budget: 1 }] }]));
    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loading).rejects.toThrow(/^rc\.json ci\.collect\.settings\.budgets: budgets\[0\]\.timings\[0\]\.metric "lcp" is not one of first-contentful-paint, /);
  });

  it('leaves the default budgets to apply when a config sets only ci.collect', async () => {
    const collect = readCollectConfig({ url: 'https://a.dev/' }, 'rc.json ci.collect');
    if (!collect.ok) throw new Error(collect.error);
    const sets = await loadBudgetSets(inputs, '/work', { file: 'rc.json', assert: null, collect: collect.value, upload: null });
    expect(sets.map((set) => set.source)).toEqual(['defaults']);
  });
});
