import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBudgets } from '../../../src/engine/lighthouse/budget-json.js';
import { budgetsToAssertions } from '../../../src/sources/lighthouse/budget-file.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// LHCI's own converter and Lighthouse's validator (the copy in @lhci/utils), to compare with.
const require = createRequire(import.meta.url);
const { convertBudgetsToAssertions } = require('@lhci/utils/src/budgets-converter.js') as { convertBudgetsToAssertions: (b: unknown) => Promise<unknown> };
const { Budget } = require('@lhci/utils/src/budget.js') as { Budget: { initializeBudget: (b: unknown) => unknown } };

/** The conversion lighthouse-budget makes: our checks, then LHCI's converter, read back as assertions. */
const convert = async (raw: unknown) => {
  const converted = await budgetsToAssertions(raw, 'budget.json');
  if (!converted.ok) throw new Error(converted.error.message);
  return converted.value;
};

describe('budgetsToAssertions', () => {
  it('converts the fixture budget.json exactly as LHCI does', async () => {
    const raw = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/lighthouse-budget/configs/budget.json'), 'utf8')) as unknown;
    expect(await convert(raw)).toEqual(await convertBudgetsToAssertions(raw));
    expect(await convert(raw)).toEqual({
      assertMatrix: [
        {
          matchingUrlPattern: 'https?:\\/\\/[^/]+\\/.*',
          assertions: {
            'largest-contentful-paint': ['error', { maxNumericValue: 2500 }],
            'cumulative-layout-shift': ['error', { maxNumericValue: 0.1 }],
            'resource-summary:script:size': ['error', { maxNumericValue: 307_200 }],
            'resource-summary:total:size': ['error', { maxNumericValue: 2_048_000 }],
          },
        },
        {
          matchingUrlPattern: 'https?:\\/\\/[^/]+\\/heavy\\.html$',
          assertions: {
            'total-blocking-time': ['error', { maxNumericValue: 500 }],
            'resource-summary:script:count': ['error', { maxNumericValue: 0 }],
            'resource-summary:third-party:count': ['error', { maxNumericValue: 0 }],
          },
        },
      ],
    });
  });

  it.each([
    [[{}]],
    [[{ path: '/' , timings: [{ metric: 'interactive', budget: 3000 }] }]],
    [[{ resourceSizes: [{ resourceType: 'image', budget: 0.5 }] }, { path: '/blog/*/post$', resourceCounts: [{ resourceType: 'font', budget: 2 }] }]],
  ])('agrees with LHCI on %j', async (raw) => {
    expect(await convert(raw)).toEqual(await convertBudgetsToAssertions(raw));
  });

  it('writes a robots.txt path as LHCI does: `/` and none match every URL, `*` any run of characters', async () => {
    const patterns = async (...paths: (string | undefined)[]) => ((await convert(paths.map((p) => (p === undefined ? {} : { path: p })))).assertMatrix ?? []).map((entry) => entry.matchingUrlPattern);
    expect(await patterns(undefined, '/', '/shop/*.html')).toEqual(['.*', '.*', 'https?:\\/\\/[^/]+\\/shop\\/.*\\.html']);
    expect(new RegExp((await patterns('/shop/*.html'))[0]!).test('https://example.com/shop/cart.html')).toBe(true);
  });

  it.each([
    ['an empty list', [], 'budget.json: the budget list is empty: nothing to assert'],
    ['a budget LHCI would throw a multi-line error for', [{ path: 'shop' }], "budget.json: budgets[0].path \"shop\": must start with '/'; write it in robots.txt format such as /, /blog/* or /checkout$"],
  ])('refuses %s in one line naming the file', async (_name, raw, message) => {
    expect(await budgetsToAssertions(raw, 'budget.json')).toEqual({ ok: false, error: { kind: 'config', message } });
  });
});

describe('validateBudgets', () => {
  const BAD: [string, unknown, string][] = [
    ['not an array', { timings: [] }, 'must be an array of budgets such as [{"path": "/*", "timings": [...]}]'],
    ['an unknown key', [{ timing: [] }], 'budgets[0] has unrecognized properties: timing; accepted: path, options, resourceSizes, resourceCounts, timings'],
    ['a path without a slash', [{ path: 'shop' }], "budgets[0].path \"shop\": must start with '/'; write it in robots.txt format such as /, /blog/* or /checkout$"],
    ['two wildcards', [{ path: '/a*/b*' }], "budgets[0].path \"/a*/b*\": may contain only one '*'; write it in robots.txt format such as /, /blog/* or /checkout$"],
    ['a $ inside', [{ path: '/a$b' }], "budgets[0].path \"/a$b\": '$' may only end the path; write it in robots.txt format such as /, /blog/* or /checkout$"],
    ['an unknown resource type', [{ resourceSizes: [{ resourceType: 'scripts', budget: 1 }] }], 'budgets[0].resourceSizes[0].resourceType "scripts" is not one of total, document, script, stylesheet, image, media, font, other, third-party'],
    ['an unknown metric', [{ timings: [{ metric: 'lcp', budget: 1 }] }], 'budgets[0].timings[0].metric "lcp" is not one of first-contentful-paint, interactive, first-meaningful-paint, max-potential-fid, total-blocking-time, speed-index, largest-contentful-paint, cumulative-layout-shift'],
    ['a budget that is a string', [{ timings: [{ metric: 'interactive', budget: '3s' }] }], 'budgets[0].timings[0].budget must be a number, got "3s"'],
    ['a duplicate', [{ resourceCounts: [{ resourceType: 'font', budget: 1 }, { resourceType: 'font', budget: 2 }] }], 'budgets[0].resourceCounts has a duplicate entry for font'],
    ['a bad hostname', [{ options: { firstPartyHostnames: ['https://a.com'] } }], 'budgets[0].options.firstPartyHostnames: "https://a.com" is not a valid hostname'],
    ['an unknown option', [{ options: { thirdParty: true } }], 'budgets[0].options has unrecognized properties: thirdParty; accepted: firstPartyHostnames'],
  ];

  it.each(BAD)('rejects %s in one line, as Lighthouse rejects it', (_name, raw, message) => {
    expect(validateBudgets(raw)).toEqual({ ok: false, error: message });
    expect(message).not.toContain('\n');
    expect(() => Budget.initializeBudget(raw)).toThrow();
  });

  it('accepts what Lighthouse accepts, including a *. hostname wildcard', () => {
    const raw = [{ path: '/*', options: { firstPartyHostnames: ['*.example.com', 'cdn.example.com'] }, resourceCounts: [{ resourceType: 'third-party', budget: 10 }] }];
    expect(() => Budget.initializeBudget(raw)).not.toThrow();
    expect(validateBudgets(raw)).toEqual({ ok: true, value: [{ path: '/*', firstPartyHostnames: ['*.example.com', 'cdn.example.com'], resourceCounts: [{ resourceType: 'third-party', budget: 10 }] }] });
  });
});
