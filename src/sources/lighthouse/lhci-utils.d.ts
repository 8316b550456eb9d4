/**
 * Types for the parts of @lhci/utils (0.15.1, CommonJS, untyped) that
 * lighthouse-budget calls as a library. Only pure functions are called:
 * none reads a file or starts a process (build-context.js also holds
 * functions that run git; those are not called).
 */
declare module '@lhci/utils/src/assertions.js' {
  const assertions: {
    /** LHCI's whole assertion engine: options of `ci.assert`, parsed LHRs in, results out. */
    getAllAssertionResults(options: Record<string, unknown>, lhrs: unknown[]): unknown[];
  };
  export default assertions;
}

declare module '@lhci/utils/src/representative-runs.js' {
  const representativeRuns: {
    /** Per URL, the run closest to the median FCP and TTI: `[[value, lhr], …]` groups in, one value per group out. */
    computeRepresentativeRuns<T>(runsByUrl: Array<Array<[T, unknown]>>): T[];
  };
  export default representativeRuns;
}

declare module '@lhci/utils/src/lodash.js' {
  const lodash: {
    /** LHCI's deep merge (arrays merged by index), used for `extends`. */
    merge<T>(target: T, source: unknown): T;
    cloneDeep<T>(value: T): T;
    /** LHCI's kebab-case, as it normalises assertion keys (`performanceBudget` → `performance-budget`). */
    kebabCase(value: string): string;
  };
  export default lodash;
}

declare module '@lhci/utils/src/budgets-converter.js' {
  const budgetsConverter: {
    /** What `lhci assert --budgetsFile` does: Lighthouse's budget validation, then one `assertMatrix` entry per budget. Throws on an invalid budget. */
    convertBudgetsToAssertions(budgets: unknown): Promise<Record<string, unknown>>;
  };
  export default budgetsConverter;
}

declare module '@lhci/utils/src/build-context.js' {
  const buildContext: {
    /** The email of a `Name <email>` author line, as `lhci upload` reads it for the avatar; null when there is none. */
    getEmailFromAuthor(author: string): string | null;
    /** The Gravatar identicon URL `lhci upload` sends as a build's avatarUrl. */
    getGravatarUrlFromEmail(email: string): string;
  };
  export default buildContext;
}
/**
 * Tests only, as the oracle of url-replacement.ts: never import it from
 * src/, as its getHTMLReportForLHR imports all of Lighthouse, which ncc
 * would then put in the bundle (17 MB).
 */
declare module '@lhci/utils/src/saved-reports.js' {
  const savedReports: {
    replaceUrlPatterns(url: string, sedLikeReplacementPatterns: string[]): string;
  };
  export default savedReports;
}
