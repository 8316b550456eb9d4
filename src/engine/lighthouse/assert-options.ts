import { type Result, err, ok } from '../result.js';

/**
 * LHCI's assertion options (`ci.assert` of a lighthouserc), as
 * `@lhci/utils/src/assertions.js` (0.15.1) reads them. The evaluation itself
 * is LHCI's own code, called as a library (src/sources/lighthouse/lhci-assert.ts);
 * this file only types the options and checks them, so a typo is an error
 * naming the key instead of a silent change of meaning (LHCI ignores an
 * unknown option such as `minscore` and then asserts its default minScore 0.9).
 */
export const ASSERTION_LEVELS = ['off', 'warn', 'error'] as const;
export type AssertionLevel = (typeof ASSERTION_LEVELS)[number];

/** How the runs of one URL are folded into one value (LHCI's default is `optimistic`). */
export const AGGREGATION_METHODS = ['median', 'optimistic', 'pessimistic', 'median-run'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** LHCI's presets (`preset: lighthouse:recommended`), shipped in @lhci/utils/src/presets/. */
export const PRESETS = ['lighthouse:all', 'lighthouse:recommended', 'lighthouse:no-pwa'] as const;
export type Preset = (typeof PRESETS)[number];

/** Options of one assertion: `["error", {"minScore": 0.9}]`. */
export interface AssertionOptions {
  aggregationMethod?: AggregationMethod;
  minScore?: number;
  maxNumericValue?: number;
  maxLength?: number;
}

/** `"error"`, `["warn"]` or `["error", {…}]`, as LHCI accepts them. */
export type Assertion = AssertionLevel | [AssertionLevel] | [AssertionLevel, AssertionOptions];

/** One set of assertions, optionally limited to URLs matching a pattern (an `assertMatrix` entry). */
export interface BaseAssertOptions {
  preset?: Preset;
  assertions?: Record<string, Assertion>;
  /** A regular expression tested against each run's `finalUrl`. */
  matchingUrlPattern?: string;
  aggregationMethod?: AggregationMethod;
}

/** The `ci.assert` section: one base set, or an `assertMatrix` of several. */
export interface AssertOptions extends BaseAssertOptions {
  assertMatrix?: BaseAssertOptions[];
}

const OPTION_KEYS = ['aggregationMethod', 'minScore', 'maxNumericValue', 'maxLength'] as const satisfies readonly (keyof AssertionOptions)[];
const BASE_KEYS = ['preset', 'assertions', 'matchingUrlPattern', 'aggregationMethod'] as const;
/** Keys of `ci.assert` that LHCI reads besides the base ones; `includePassedAssertions` only changes its output file. */
export const ASSERT_SECTION_KEYS = [...BASE_KEYS, 'assertMatrix', 'budgetsFile', 'includePassedAssertions'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * Checks one `ci.assert` section (without `budgetsFile`, which the loader
 * turns into an `assertMatrix`). `where` names it in messages, e.g.
 * `.lighthouserc.json ci.assert`.
 */
export function validateAssertOptions(raw: unknown, where: string): Result<AssertOptions> {
  if (!isRecord(raw)) return err(`${where} must be an object with assertions, preset or assertMatrix, got ${show(raw)}`);
  const unknown = Object.keys(raw).filter((key) => !(ASSERT_SECTION_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) return err(`${where}: unknown key ${unknown.map((k) => `\`${k}\``).join(', ')}; LHCI reads ${ASSERT_SECTION_KEYS.join(', ')}`);
  const { assertMatrix, budgetsFile: _budgetsFile, includePassedAssertions: _include, ...base } = raw;
  if (assertMatrix === undefined) return validateBase(base, where);
  // LHCI: "Cannot use assertMatrix with other options" (assertions.js getAllAssertionResults).
  const mixed = Object.keys(base).filter((key) => base[key] !== undefined);
  if (mixed.length > 0) return err(`${where}: assertMatrix cannot be combined with ${mixed.join(', ')} (LHCI rejects it); move them into the matrix entries`);
  if (!Array.isArray(assertMatrix) || assertMatrix.length === 0) return err(`${where}.assertMatrix must be a non-empty list of {matchingUrlPattern, assertions, preset}`);
  const entries: BaseAssertOptions[] = [];
  for (const [index, entry] of assertMatrix.entries()) {
    const checked = isRecord(entry) ? validateBase(entry, `${where}.assertMatrix[${index}]`) : err(`${where}.assertMatrix[${index}] must be an object, got ${show(entry)}`);
    if (!checked.ok) return checked;
    entries.push(checked.value);
  }
  return ok({ assertMatrix: entries });
}

function validateBase(raw: Record<string, unknown>, where: string): Result<BaseAssertOptions> {
  const unknown = Object.keys(raw).filter((key) => !(BASE_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) return err(`${where}: unknown key ${unknown.map((k) => `\`${k}\``).join(', ')}; accepted: ${BASE_KEYS.join(', ')}`);
  const options: BaseAssertOptions = {};
  if (raw.preset !== undefined) {
    if (!(PRESETS as readonly unknown[]).includes(raw.preset)) return err(`${where}.preset must be one of ${PRESETS.join(', ')}, got ${show(raw.preset)}`);
    options.preset = raw.preset as Preset;
  }
  if (raw.aggregationMethod !== undefined) {
    const method = checkAggregation(raw.aggregationMethod, `${where}.aggregationMethod`);
    if (!method.ok) return method;
    options.aggregationMethod = method.value;
  }
  if (raw.matchingUrlPattern !== undefined) {
    const pattern = checkPattern(raw.matchingUrlPattern, `${where}.matchingUrlPattern`);
    if (!pattern.ok) return pattern;
    options.matchingUrlPattern = pattern.value;
  }
  if (raw.assertions !== undefined) {
    if (!isRecord(raw.assertions)) return err(`${where}.assertions must be an object of assertion keys, got ${show(raw.assertions)}`);
    const assertions: Record<string, Assertion> = {};
    for (const [key, value] of Object.entries(raw.assertions)) {
      const checked = validateAssertion(value, `${where}.assertions.${key}`);
      if (!checked.ok) return checked;
      assertions[key] = checked.value;
    }
    options.assertions = assertions;
  }
  return ok(options);
}

/** One assertion value; LHCI's normalizeAssertion accepts a level or a [level, options] pair. */
export function validateAssertion(value: unknown, where: string): Result<Assertion> {
  const [level, options, ...rest] = Array.isArray(value) ? value : [value];
  if (!(ASSERTION_LEVELS as readonly unknown[]).includes(level)) return err(`${where}: level must be off, warn or error, got ${show(level)}`);
  if (rest.length > 0) return err(`${where} must be a level or [level, options], got ${show(value)}`);
  if (options === undefined) return ok(Array.isArray(value) ? [level as AssertionLevel] : (level as AssertionLevel));
  if (!isRecord(options)) return err(`${where}: options must be an object such as {"minScore": 0.9}, got ${show(options)}`);
  const checked: AssertionOptions = {};
  for (const [key, option] of Object.entries(options)) {
    if (key === 'aggregationMethod') {
      const method = checkAggregation(option, `${where}.aggregationMethod`);
      if (!method.ok) return method;
      checked.aggregationMethod = method.value;
    } else if ((OPTION_KEYS as readonly string[]).includes(key)) {
      if (typeof option !== 'number' || !Number.isFinite(option)) return err(`${where}.${key} must be a number, got ${show(option)}`);
      checked[key as 'minScore' | 'maxNumericValue' | 'maxLength'] = option;
    } else {
      return err(`${where}: unknown option \`${key}\`; accepted: ${OPTION_KEYS.join(', ')}`);
    }
  }
  return ok([level as AssertionLevel, checked]);
}

function checkAggregation(value: unknown, where: string): Result<AggregationMethod> {
  if ((AGGREGATION_METHODS as readonly unknown[]).includes(value)) return ok(value as AggregationMethod);
  return err(`${where} must be one of ${AGGREGATION_METHODS.join(', ')}, got ${show(value)}`);
}

function checkPattern(value: unknown, where: string): Result<string> {
  if (typeof value !== 'string') return err(`${where} must be a regular expression string, got ${show(value)}`);
  try {
    new RegExp(value);
    return ok(value);
  } catch {
    return err(`${where} is not a valid regular expression: ${show(value)}`);
  }
}

/** Whether options assert anything at all (LHCI: "No assertions to use" otherwise). */
export function hasAssertions(options: AssertOptions): boolean {
  if (options.assertMatrix) return options.assertMatrix.length > 0;
  return options.preset !== undefined || (options.assertions !== undefined && Object.keys(options.assertions).length > 0);
}
