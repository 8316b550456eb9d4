import { pairBaselineUrls } from '../../engine/lighthouse/baseline-pairing.js';
import { type MaxRegression, parseMaxRegression } from '../../engine/lighthouse/regression.js';
import { SIMPLE_BUDGETS, SIMPLE_BUDGET_INPUTS, type SimpleBudgetValues } from '../../engine/lighthouse/simple-budgets.js';
import { type Dimension, type ExactQuantity, checkTimerDuration, formatDuration, parseExactQuantity } from '../../engine/units.js';
import { redactUrl } from '../../sources/http/redact-url.js';
import { MAX_RUNS } from '../../sources/lighthouse/lhci-collect.js';
import { type FormFactorPreset, RUN_TIMEOUT_MS } from '../../sources/lighthouse/lighthouse-driver.js';
import { INSTALL_TIMEOUT_MS } from '../../sources/lighthouse/lighthouse-runtime.js';
import { InputReader, type GetInput } from '../shared/input-reader.js';
import { type PublishPlace, readPublishPlace } from '../shared/publish-inputs.js';

/**
 * Collect now: Lighthouse against `urls` (or the config's ci.collect),
 * interleaved with the baseline's runs when `baseline-url` is set. Inputs
 * left empty are undefined here: the config's ci.collect may set them, and
 * the defaults apply after it is read (collect-plan.ts).
 */
export interface CollectMode {
  kind: 'collect';
  /** Empty when the URLs come from the config's ci.collect. */
  urls: string[];
  /** Input `runs`, or undefined: ci.collect.numberOfRuns, else 3. */
  runs: number | undefined;
  /** Input `preset`, or undefined: ci.collect.settings, else mobile. */
  preset: FormFactorPreset | undefined;
  chromePath: string | undefined;
  lighthousePath: string | undefined;
  /** The deadline of one run, Chrome's launch included (`run-timeout`). */
  runTimeoutMs: number;
  /** npm's deadline when the action installs Lighthouse (`lighthouse-install-timeout`). */
  installTimeoutMs: number;
  /** Target URL → baseline URL, from `baseline-url`; paired when collecting if the URLs come from the config. */
  baselineOf: Map<string, string>;
  /** `baseline-url` as given. */
  baselineUrls: string[];
}

/** Judge saved results (`results-path`) without collecting. */
export interface EvaluateMode {
  kind: 'evaluate';
  resultsPath: string;
}

/** The inputs of `actions/lighthouse-budget/action.yml`, typed and validated. */
export interface BudgetInputs {
  mode: CollectMode | EvaluateMode;
  /** An LHCI config (`.lighthouserc.json`/`.yml`) whose `ci.assert` holds assertions. */
  config: string | undefined;
  /** A Lighthouse budget.json. */
  budgetPath: string | undefined;
  /** The simple budget inputs given, as written (the defaults apply only when no budget at all is configured). */
  simple: SimpleBudgetValues;
  baselineResultsPath: string | undefined;
  /** Null: a baseline only shows deltas. */
  maxRegression: MaxRegression | null;
  outputDir: string | undefined;
  reportPath: string | undefined;
  githubToken: string | undefined;
  comment: boolean;
  /** Which pull request and commit the comment is about when the event does not say (a `workflow_run` judging a fork's results), and what a pass does to it. */
  place: PublishPlace;
  /** The summary's heading and the sticky comment's marker. */
  title: string;
  failOnFail: boolean;
  /** Where to upload the runs, as `lhci upload --target=lhci`; merged with the config's `ci.upload` (these win). */
  lhciServer: LhciServerInputs;
}

/** `server-base-url`, `server-token`, `basic-auth-username`, `basic-auth-password`: treosh's serverBaseUrl, serverToken, basicAuthUsername, basicAuthPassword. */
export interface LhciServerInputs {
  baseUrl: string | undefined;
  token: string | undefined;
  basicAuthUsername: string | undefined;
  basicAuthPassword: string | undefined;
}

export function readBudgetInputs(getInput: GetInput): BudgetInputs {
  const read = new InputReader(getInput);
  const config = read.string('config');
  const mode = readMode(read, config !== undefined);
  const simple: SimpleBudgetValues = {};
  for (const input of SIMPLE_BUDGET_INPUTS) {
    const value = readExact(read, input, SIMPLE_BUDGETS[input].dimension);
    if (value !== undefined) simple[input] = value;
  }
  const baselineResultsPath = read.string('baseline-results-path');
  const maxRegression = readMaxRegression(read);
  const hasBaseline = baselineResultsPath !== undefined || (mode.kind === 'collect' && mode.baselineUrls.length > 0);
  if (mode.kind === 'collect' && mode.baselineUrls.length > 0 && baselineResultsPath !== undefined) read.problem('give `baseline-url` (collected now) or `baseline-results-path` (an earlier run), not both');
  if (maxRegression !== null && !hasBaseline) read.problem('input `max-regression` needs a baseline: set `baseline-url` or `baseline-results-path`');
  const inputs = {
    mode,
    config,
    budgetPath: read.string('budget-path'),
    simple,
    baselineResultsPath,
    maxRegression,
    outputDir: read.string('output-dir'),
    reportPath: read.string('report-path'),
    githubToken: read.string('github-token'),
    comment: read.boolean('comment', false),
    place: readPublishPlace(read),
    title: read.string('title') ?? 'Lighthouse budget',
    failOnFail: read.boolean('fail-on-fail', true),
    lhciServer: readLhciServerInputs(read),
  };
  return read.finish(inputs);
}

function readLhciServerInputs(read: InputReader): LhciServerInputs {
  const server: LhciServerInputs = {
    baseUrl: read.string('server-base-url'),
    token: read.string('server-token'),
    basicAuthUsername: read.string('basic-auth-username'),
    basicAuthPassword: read.string('basic-auth-password'),
  };
  if (server.baseUrl !== undefined && !isHttpUrl(server.baseUrl)) read.problem(`input \`server-base-url\` must be the http(s) URL of an LHCI server, got \`${redactUrl(server.baseUrl).slice(0, 80)}\``);
  // LHCI sends basic auth only with a password; a username alone would be dropped without a word.
  if (server.basicAuthUsername !== undefined && server.basicAuthPassword === undefined) read.problem('input `basic-auth-username` is set but `basic-auth-password` is empty: the server gets no basic auth without a password');
  return server;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function readMode(read: InputReader, hasConfig: boolean): CollectMode | EvaluateMode {
  const urls = read.lines('urls');
  const resultsPath = read.string('results-path');
  const baselineUrls = read.lines('baseline-url');
  const checkedUrls = checkUrls(read, 'urls', urls);
  const runs = read.quantity('runs', 'count');
  if (runs !== undefined && (runs < 1 || runs > MAX_RUNS)) read.problem(`input \`runs\` must be from 1 to ${MAX_RUNS}, got \`${runs}\``);
  const collect: CollectMode = {
    kind: 'collect',
    urls: checkedUrls,
    runs,
    preset: read.string('preset') === undefined ? undefined : read.oneOf('preset', ['mobile', 'desktop'] as const, 'mobile'),
    chromePath: read.string('chrome-path'),
    lighthousePath: read.string('lighthouse-path'),
    runTimeoutMs: readRunTimeout(read),
    installTimeoutMs: readInstallTimeout(read),
    baselineOf: new Map(),
    baselineUrls,
  };
  if (resultsPath !== undefined) {
    if (urls.length > 0) read.problem('give `urls` (to collect) or `results-path` (to judge saved results), not both');
    if (baselineUrls.length > 0) read.problem('`baseline-url` is collected beside `urls`; with `results-path` give the baseline as `baseline-results-path`');
    return { kind: 'evaluate', resultsPath };
  }
  // Without `urls`, a config's ci.collect may name the pages; whether it does is known once it is read (collect-plan.ts).
  if (urls.length === 0 && !hasConfig) read.problem('input `urls` is required (one URL per line), unless `results-path` names saved Lighthouse results or `config` has ci.collect.url or staticDistDir');
  if (baselineUrls.length > 0 && urls.length > 0 && checkUrls(read, 'baseline-url', baselineUrls).length === baselineUrls.length && collect.urls.length === urls.length) {
    const paired = pairBaselineUrls(urls, baselineUrls);
    if (paired.ok) collect.baselineOf = paired.value;
    else read.problem(`input \`baseline-url\`: ${paired.error}`);
  }
  return collect;
}

/**
 * Lighthouse alone takes several seconds per run, so a deadline under
 * MIN_RUN_TIMEOUT_MS would fail every run; beyond a timer's range it would
 * fire at once (see checkTimerDuration).
 */
const MIN_RUN_TIMEOUT_MS = 10_000;

function readRunTimeout(read: InputReader): number {
  const ms = read.quantity('run-timeout', 'duration') ?? RUN_TIMEOUT_MS;
  const timer = checkTimerDuration(ms);
  if (!timer.ok) read.problem(`input \`run-timeout\`: ${timer.error}`);
  else if (ms < MIN_RUN_TIMEOUT_MS) read.problem(`input \`run-timeout\` must be at least ${formatDuration(MIN_RUN_TIMEOUT_MS)}: one Lighthouse run takes several seconds, got \`${read.string('run-timeout')}\``);
  return ms;
}

/** npm needs a few seconds even from a warm cache (docs/lighthouse-runtime.md has the measured times). */
const MIN_INSTALL_TIMEOUT_MS = 10_000;

function readInstallTimeout(read: InputReader): number {
  const ms = read.quantity('lighthouse-install-timeout', 'duration') ?? INSTALL_TIMEOUT_MS;
  const timer = checkTimerDuration(ms);
  if (!timer.ok) read.problem(`input \`lighthouse-install-timeout\`: ${timer.error}`);
  else if (ms < MIN_INSTALL_TIMEOUT_MS) read.problem(`input \`lighthouse-install-timeout\` must be at least ${formatDuration(MIN_INSTALL_TIMEOUT_MS)}: npm takes several seconds even from its cache, got \`${read.string('lighthouse-install-timeout')}\``);
  return ms;
}

function checkUrls(read: InputReader, name: string, urls: string[]): string[] {
  const valid: string[] = [];
  for (const url of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) read.problem(`input \`${name}\`: \`${url}\` is not an http(s) URL`);
    // Two lines for one page would pool their runs into one median: say so rather than guess.
    else if (valid.includes(url)) read.problem(`input \`${name}\`: \`${url}\` is listed twice`);
    else valid.push(url);
  }
  return valid;
}

/** A quantity input keeping the fraction written (see exact.ts), or undefined when empty; a bad value is a problem naming the input. */
function readExact(read: InputReader, name: string, dimension: Dimension): ExactQuantity | undefined {
  const text = read.string(name);
  if (text === undefined) return undefined;
  const parsed = parseExactQuantity(text, dimension);
  if (parsed.ok) return parsed.value;
  read.problem(`input \`${name}\`: ${parsed.error}`);
  return undefined;
}

function readMaxRegression(read: InputReader): MaxRegression | null {
  const text = read.string('max-regression');
  if (text === undefined) return null;
  const parsed = parseMaxRegression(text);
  if (parsed.ok) return parsed.value;
  read.problem(`input \`max-regression\`: ${parsed.error}`);
  return null;
}
