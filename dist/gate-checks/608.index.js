export const id = 608;
export const ids = [608];
export const modules = {

/***/ 4608:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measureLighthouse: () => (/* binding */ measureLighthouse)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./.build/sources/files.js
var sources_files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/reports/json-evidence.js
var json_evidence = __webpack_require__(3275);
// EXTERNAL MODULE: ./.build/sources/reports/lighthouse-measures.js
var lighthouse_measures = __webpack_require__(1957);
;// CONCATENATED MODULE: ./.build/sources/reports/lhr-values.js

/** Per measure, its value (`null`: Lighthouse did not measure it), or the field that is wrong and why. */
function lhrValues(lhr, measures) {
    const infinite = firstNonFinite(lhr);
    if (infinite !== null)
        return (0,result/* err */._q)(`\`${infinite}\` is not a finite number`);
    const values = {};
    for (const measure of Object.keys(measures)) {
        const isCategory = measures[measure].from === 'category';
        // Categories carry `score`; audits their measured value as `numericValue` (LHCI asserts on the same fields).
        const field = isCategory ? `categories.${measure}.score` : `audits.${measure}.numericValue`;
        const group = isCategory ? lhr.categories : lhr.audits;
        const entry = isRecord(group) ? group[measure] : undefined;
        const value = isRecord(entry) ? (isCategory ? entry.score : entry.numericValue) : undefined;
        if (value === undefined || value === null) {
            values[measure] = null;
            continue;
        }
        if (typeof value !== 'number')
            return (0,result/* err */._q)(`\`${field}\` is not a number`);
        if (value < 0 || (isCategory && value > 1))
            return (0,result/* err */._q)(`\`${field}\` is ${value}; ${isCategory ? 'a score is from 0 to 1' : 'a measured value is ≥ 0'}`);
        values[measure] = value;
    }
    return (0,result.ok)(values);
}
/** The path of the first non-finite number in a parsed document, or `null`. Iterative: an LHR may nest deeply. */
function firstNonFinite(doc) {
    const stack = [{ value: doc, path: '' }];
    while (stack.length > 0) {
        const { value, path } = stack.pop();
        if (typeof value === 'number' && !Number.isFinite(value))
            return path || '(the document)';
        if (typeof value !== 'object' || value === null)
            continue;
        for (const [key, child] of Object.entries(value))
            stack.push({ value: child, path: Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key });
    }
    return null;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./.build/sources/reports/shown-name.js
var shown_name = __webpack_require__(5696);
;// CONCATENATED MODULE: ./.build/sources/reports/lighthouse-results.js










/**
 * Lighthouse results (LHR JSON, as `lighthouse --output=json` and LHCI's
 * `.lighthouseci/lhr-*.json` hold them), grouped by URL and taken at the
 * median of several runs, since one run's scores vary too much to gate on
 * (treosh/lighthouse-ci-action#14, #65). Values are validated
 * (`lhr-values.ts`): a score outside 0–1, a negative timing or byte weight,
 * or a non-finite number anywhere in an LHR makes it malformed. Only
 * `readLighthouseRuns` touches files; the grouping and median functions are
 * pure, for the lighthouse-budget action to reuse.
 */
// The table lives apart so gate-checks can describe its lighthouse check without loading these readers.

const MEASURE_NAMES = Object.keys(lighthouse_measures/* LIGHTHOUSE_MEASURES */.R);
/** Whether a parsed document is an LHR (and not LHCI's assertion-results, links or flags). */
function isLhr(doc) {
    return lighthouse_results_isRecord(doc) && typeof doc.lighthouseVersion === 'string' && (lighthouse_results_isRecord(doc.audits) || lighthouse_results_isRecord(doc.runtimeError));
}
/** Reads one parsed LHR; `file` names it in messages. Values out of their range are `malformed`, naming the field. */
function runFromLhr(doc, file) {
    if (!isLhr(doc))
        return (0,source_fault/* fault */.D)('malformed', `${file} is not a Lighthouse result (no lighthouseVersion and audits)`);
    const values = lhrValues(doc, lighthouse_measures/* LIGHTHOUSE_MEASURES */.R);
    if (!values.ok)
        return (0,source_fault/* fault */.D)('malformed', `${file}: ${values.error}`);
    const error = lighthouse_results_isRecord(doc.runtimeError) ? doc.runtimeError : null;
    const requested = stringOr(doc.requestedUrl);
    // A failed run's final URL is Chrome's error page (chrome-error://chromewebdata/); name the requested one.
    const url = error ? (requested ?? stringOr(doc.finalUrl)) : (stringOr(doc.finalDisplayedUrl) ?? stringOr(doc.finalUrl) ?? requested);
    if (!url)
        return (0,source_fault/* fault */.D)('malformed', `${file} has no finalDisplayedUrl, finalUrl or requestedUrl`);
    return (0,result.ok)({
        file,
        url,
        lighthouseVersion: doc.lighthouseVersion,
        fetchTime: stringOr(doc.fetchTime),
        // The code is a name shown in messages; the message stays in the evidence.
        runtimeError: error ? { code: (0,shown_name/* shownName */.H)(stringOr(error.code) ?? 'UNKNOWN'), message: stringOr(error.message) ?? '' } : null,
        values: error ? emptyValues() : values.value,
    });
}
/** The median as LHCI's `median` aggregation takes it: the middle value, or the mean of the two middle ones. */
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor((sorted.length - 1) / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle] + sorted[middle + 1]) / 2;
}
/** Runs grouped by URL, in the order URLs first appear. */
function groupByUrl(runs) {
    const groups = new Map();
    for (const run of runs)
        groups.set(run.url, [...(groups.get(run.url) ?? []), run]);
    return groups;
}
/** The medians and spread of one URL's successful runs; a value missing from some runs is taken over the others. */
function summarizeUrl(url, runs) {
    const medians = emptyValues();
    const spread = Object.fromEntries(MEASURE_NAMES.map((m) => [m, null]));
    for (const measure of MEASURE_NAMES) {
        const values = runs.map((run) => run.values[measure]).filter((value) => value !== null);
        medians[measure] = median(values);
        if (values.length > 0)
            spread[measure] = { min: Math.min(...values), max: Math.max(...values) };
    }
    return { url, runs: runs.length, medians, spread };
}
/**
 * Per measure, the worst URL's median. A URL without the value makes the
 * measure unknown (null), so a gate never passes on the pages that happened
 * to report it.
 */
function worstAcross(urls) {
    const worst = emptyValues();
    for (const measure of MEASURE_NAMES) {
        const medians = urls.map((u) => u.medians[measure]);
        if (medians.length === 0 || medians.some((m) => m === null))
            continue;
        const known = medians;
        worst[measure] = lighthouse_measures/* LIGHTHOUSE_MEASURES */.R[measure].worse === 'lower' ? Math.min(...known) : Math.max(...known);
    }
    return worst;
}
/** Summarizes runs per URL. Every run failing is a fault naming the error codes, never an empty pass. */
function summarizeRuns(runs) {
    const failed = runs.filter((run) => run.runtimeError !== null);
    const measured = runs.filter((run) => run.runtimeError === null);
    if (measured.length === 0) {
        const codes = [...new Set(failed.map((run) => `${run.runtimeError?.code} (${(0,shown_name/* shownName */.H)(run.url)})`))].join(', ');
        return (0,source_fault/* fault */.D)('provider', `every Lighthouse run failed: ${codes || 'no runs'}`);
    }
    const urls = [...groupByUrl(measured)].map(([url, group]) => summarizeUrl(url, group));
    const unmeasured = [...new Set(failed.map((run) => run.url))].filter((url) => !urls.some((u) => u.url === url));
    return (0,result.ok)({ urls, failed, unmeasured, worst: worstAcross(urls) });
}
function emptyValues() {
    return Object.fromEntries(MEASURE_NAMES.map((m) => [m, null]));
}
function stringOr(value) {
    return typeof value === 'string' && value !== '' ? value : null;
}
function lighthouse_results_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** LHCI's name for saved runs (`lhr-<time>.json`) and the Lighthouse CLI's default (`*.report.json`). */
const LHR_NAME = /(^|[\\/])lhr-[^\\/]*\.json$|\.report\.json$/;
/**
 * The runs in a file, a folder (such as `.lighthouseci/`) or a glob. In a
 * folder or glob, JSON that is not an LHR (LHCI's assertion-results.json,
 * links.json, flags-*.json) is skipped and listed; a file that looks like an
 * LHR but does not parse is malformed, never skipped.
 */
async function readLighthouseRuns(pattern, cwd) {
    const read = await readLighthouseResults(pattern, cwd);
    return read.ok ? (0,result.ok)({ runs: read.value.results.map((result) => result.run), skipped: read.value.skipped }) : read;
}
/** As readLighthouseRuns, keeping each parsed LHR beside its run. */
async function readLighthouseResults(pattern, cwd) {
    const listed = await listResultFiles(pattern, cwd);
    if (!listed.ok)
        return listed;
    const { files, isSingle } = listed.value;
    const results = [];
    const skipped = [];
    for (const file of files) {
        const name = external_node_path_.relative(cwd, file);
        const text = await (0,sources_files/* readText */.yR)(file);
        if (!text.ok)
            return (0,source_fault/* fault */.D)(text.error.kind, text.error.message.replace(file, name));
        const mustBeLhr = isSingle || LHR_NAME.test(name) || text.value.includes('"lighthouseVersion"');
        const parsed = (0,json_evidence/* parseJsonEvidence */.d)(text.value, name);
        if (!parsed.ok && mustBeLhr)
            return parsed;
        const doc = parsed.ok ? parsed.value : undefined;
        if (!parsed.ok || (!mustBeLhr && !isLhr(doc))) {
            skipped.push(name);
            continue;
        }
        const run = runFromLhr(doc, name);
        if (!run.ok)
            return run;
        results.push({ run: run.value, lhr: doc });
    }
    if (results.length > 0)
        return (0,result.ok)({ results, skipped });
    return (0,source_fault/* fault */.D)('missing', `no Lighthouse result (LHR JSON) in ${pattern}${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}`);
}
async function listResultFiles(pattern, cwd) {
    if ((0,dist/* isDynamicPattern */.ey)(pattern)) {
        const found = await (0,sources_files/* findFiles */.lY)(pattern, cwd);
        return found.ok ? (0,result.ok)({ files: found.value, isSingle: false }) : found;
    }
    const inside = await (0,sources_files/* resolveReadPath */.sT)(pattern, cwd);
    if (!inside.ok)
        return inside;
    const absolute = inside.value;
    const info = await (0,promises_.stat)(absolute).catch(() => undefined);
    if (!info)
        return (0,source_fault/* fault */.D)('missing', `file not found: ${pattern}`);
    if (!info.isDirectory())
        return (0,result.ok)({ files: [absolute], isSingle: true });
    // LHCI keeps its runs flat in .lighthouseci/; sub-folders are not searched. A link inside the folder cannot lead out of the roots.
    const files = await (0,sources_files/* findFiles */.lY)(`${(0,dist/* escapePath */.ft)(external_node_path_.relative(cwd, absolute).split(external_node_path_.sep).join('/') || '.')}/*.json`, cwd);
    if (!files.ok)
        return files.error.kind === 'missing' ? (0,result.ok)({ files: [], isSingle: false }) : files;
    return (0,result.ok)({ files: files.value, isSingle: false });
}

;// CONCATENATED MODULE: ./.build/sources/lighthouse/budget-report.js



/**
 * The per-URL medians and spread a lighthouse-budget report carries in each
 * check's evidence (gate-checks' `lighthouse` check accepts that report), as
 * the same summary the LHR reader makes. A URL whose runs all failed (no
 * runs) is unmeasured, as with LHRs. A report is a file anyone can write, so
 * its numbers are checked as an LHR's are: a run count that is not a whole
 * number, a median or spread outside its measure's range (a score beyond
 * 0–1, a negative timing), or a URL whose runs contradicted each other is
 * malformed evidence, naming the file, the check and the key.
 */
const MEASURES = Object.keys(lighthouse_measures/* LIGHTHOUSE_MEASURES */.R);
const budget_report_isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The values a measure of each dimension can take. */
const IN_RANGE = { score: (value) => value >= 0 && value <= 1 };
const inRange = (measure, value) => Number.isFinite(value) && (IN_RANGE[lighthouse_measures/* LIGHTHOUSE_MEASURES */.R[measure].dimension] ?? ((v) => v >= 0))(value);
function summaryFromBudgetReport(checks, file) {
    const urls = [];
    const unmeasured = [];
    for (const check of checks) {
        const { url, runs, medians, spread, contradiction } = check.evidence;
        if (typeof url !== 'string' || typeof runs !== 'number' || !budget_report_isRecord(medians) || !budget_report_isRecord(spread)) {
            return (0,source_fault/* fault */.D)('malformed', `${file}: check \`${check.name}\` has no url, runs, medians and spread in its evidence (not a lighthouse-budget report?)`);
        }
        if (!Number.isInteger(runs) || runs < 0)
            return (0,source_fault/* fault */.D)('malformed', `${file}: check \`${check.name}\` evidence.runs must be a whole number of runs, got ${runs}`);
        if (typeof contradiction === 'string')
            return (0,source_fault/* fault */.D)('malformed', `${file}: check \`${check.name}\`: ${contradiction}; its medians are not evidence`);
        if (runs === 0) {
            unmeasured.push(url);
            continue;
        }
        const summary = urlSummary(url, runs, medians, spread);
        if (typeof summary === 'string')
            return (0,source_fault/* fault */.D)('malformed', `${file}: check \`${check.name}\` ${summary}`);
        urls.push(summary);
    }
    if (urls.length === 0)
        return (0,source_fault/* fault */.D)('provider', `every Lighthouse run failed: ${unmeasured.join(', ') || 'the report has no URL'} (${file})`);
    return (0,result.ok)({ urls, failed: [], unmeasured, worst: worstAcross(urls) });
}
/** The URL's summary, or what is wrong with its numbers. */
function urlSummary(url, runs, medians, spread) {
    const summary = { url, runs, medians: {}, spread: {} };
    for (const measure of MEASURES) {
        const value = medians[measure] ?? null;
        if (value !== null && (typeof value !== 'number' || !inRange(measure, value)))
            return `evidence.medians.${measure} is out of range: ${JSON.stringify(value)}`;
        summary.medians[measure] = value;
        const range = spread[measure] ?? null;
        if (range === null) {
            summary.spread[measure] = null;
            continue;
        }
        const { min, max } = budget_report_isRecord(range) ? range : {};
        if (typeof min !== 'number' || typeof max !== 'number' || !inRange(measure, min) || !inRange(measure, max) || min > max) {
            return `evidence.spread.${measure} must be {min, max} within the measure's range, got ${JSON.stringify(range)}`;
        }
        summary.spread[measure] = { min, max };
    }
    return summary;
}

// EXTERNAL MODULE: ./.build/sources/reports/rollout-report.js + 1 modules
var rollout_report = __webpack_require__(6951);
;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/lighthouse-measure.js








// Measures `lighthouse` checks; `lighthouse.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
async function measureLighthouse(spec, environment) {
    if (typeof spec.entry.path !== 'string')
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`path\` must be a file, folder or glob`);
    const fromReport = await measureBudgetReport(spec.entry.path, environment.workspace);
    if (fromReport !== null)
        return fromReport;
    const read = await readLighthouseRuns(spec.entry.path, environment.workspace);
    if (!read.ok)
        return read;
    const summary = summarizeRuns(read.value.runs);
    if (!summary.ok)
        return summary;
    return (0,result.ok)(toMeasured(summary.value, read.value.runs, read.value.skipped));
}
function toMeasured(summary, runs, skipped) {
    const measured = runs.length - summary.failed.length;
    return {
        measurements: { ...summary.worst },
        samples: measured,
        evidence: {
            urls: summary.urls,
            failedRuns: summary.failed.map((run) => ({ file: run.file, url: run.url, code: run.runtimeError?.code, message: run.runtimeError?.message })),
            skipped,
            lighthouseVersions: [...new Set(runs.map((run) => run.lighthouseVersion))],
        },
        // A page that never loaded is not a page that passed: say so, loudly.
        ...(summary.unmeasured.length > 0 ? { verdict: unmeasuredVerdict(summary) } : {}),
    };
}
function unmeasuredVerdict(summary) {
    const pages = summary.unmeasured.map((url) => {
        const codes = [...new Set(summary.failed.filter((run) => run.url === url).map((run) => run.runtimeError?.code))];
        return `${(0,shown_name/* shownName */.H)(url)} (${codes.join(', ')})`;
    });
    return { status: 'error', message: `every run failed for ${pages.join(', ')}`, value: null, threshold: null };
}
/** A lighthouse-budget report at `file`, measured; null when the path is not one (LHRs are read instead). */
async function measureBudgetReport(file, workspace) {
    if (!file.endsWith('.json'))
        return null;
    const json = await (0,json_evidence/* readJsonEvidence */.q)(external_node_path_.resolve(workspace, file), file);
    if (!json.ok || typeof json.value !== 'object' || json.value === null || json.value.action !== 'lighthouse-budget')
        return null;
    const report = (0,rollout_report/* parseRolloutReport */.z_)(json.value, file);
    if (!report.ok)
        return report;
    const summary = summaryFromBudgetReport(report.value.checks, file);
    if (!summary.ok)
        return summary;
    const outOfRange = medianOutOfRange(summary.value.urls);
    if (outOfRange)
        return (0,source_fault/* fault */.D)('malformed', `${file}: ${outOfRange}`);
    const measured = {
        measurements: { ...summary.value.worst },
        samples: summary.value.urls.reduce((total, url) => total + url.runs, 0),
        evidence: { report: file, decision: report.value.decision, urls: summary.value.urls, unmeasured: summary.value.unmeasured },
    };
    if (summary.value.unmeasured.length > 0) {
        measured.verdict = { status: 'error', message: `every run failed for ${summary.value.unmeasured.map((url) => (0,shown_name/* shownName */.H)(url)).join(', ')} (${file})`, value: null, threshold: null };
    }
    return (0,result.ok)(measured);
}
/** A median a lighthouse-budget report could not have written (a score outside 0–1, a negative timing), or `null`. */
function medianOutOfRange(urls) {
    for (const url of urls) {
        for (const [measure, source] of Object.entries(lighthouse_measures/* LIGHTHOUSE_MEASURES */.R)) {
            const value = url.medians[measure];
            if (value === null)
                continue;
            const isScore = source.dimension === 'score';
            if (value < 0 || (isScore && value > 1))
                return `the median ${measure} of ${(0,shown_name/* shownName */.H)(url.url)} is ${value}; ${isScore ? 'a score is from 0 to 1' : 'a measured value is ≥ 0'}`;
        }
    }
    return null;
}


/***/ }),

/***/ 192:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G4: () => (/* reexport safe */ _confined_read_js__WEBPACK_IMPORTED_MODULE_2__.G4),
/* harmony export */   Vh: () => (/* binding */ readJson),
/* harmony export */   lY: () => (/* binding */ findFiles),
/* harmony export */   sT: () => (/* reexport safe */ _confined_read_js__WEBPACK_IMPORTED_MODULE_2__.sT),
/* harmony export */   yR: () => (/* reexport safe */ _confined_read_js__WEBPACK_IMPORTED_MODULE_2__.yR)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var tinyglobby__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3382);
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1232);
/* harmony import */ var _confined_read_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6221);
/* harmony import */ var _json_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6373);
/* harmony import */ var _source_fault_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1111);







/** Globs and JSON on top of `confined-read.ts`, whose reads stay under the read roots. */

/** Resolves a path or glob against `cwd`; a pattern matching nothing is a `missing` fault naming it; any match outside the read roots is refused. */
async function findFiles(pattern, cwd) {
    if (!(0,tinyglobby__WEBPACK_IMPORTED_MODULE_4__/* .isDynamicPattern */ .ey)(pattern)) {
        const inside = await (0,_confined_read_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveReadPath */ .sT)(pattern, cwd);
        if (!inside.ok)
            return inside;
        try {
            const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(inside.value);
            if (info.isDirectory())
                return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('config', `${pattern} is a folder; give a file or a glob such as ${pattern}/*.xml`);
            return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_6__.ok)([inside.value]);
        }
        catch {
            return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('missing', `file not found: ${pattern}`);
        }
    }
    const matches = await (0,tinyglobby__WEBPACK_IMPORTED_MODULE_4__/* .glob */ .TI)(pattern, { cwd, absolute: true, onlyFiles: true, dot: true });
    if (matches.length === 0)
        return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('missing', `no file matches ${pattern}`);
    for (const match of matches) {
        const inside = await (0,_confined_read_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveReadPath */ .sT)(node_path__WEBPACK_IMPORTED_MODULE_1__.relative(cwd, match), cwd);
        if (!inside.ok)
            return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('config', `${pattern}: ${inside.error.message}`);
    }
    return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_6__.ok)(matches.sort());
}
/** Reads and parses a JSON file; a parse error names the file and the line and column, never the file's content. */
async function readJson(file) {
    const text = await (0,_confined_read_js__WEBPACK_IMPORTED_MODULE_2__/* .readText */ .yR)(file);
    if (!text.ok)
        return text;
    const parsed = (0,_json_text_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonText */ .lk)(text.value);
    return parsed.ok ? (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_6__.ok)(parsed.value) : (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('malformed', (0,_json_text_js__WEBPACK_IMPORTED_MODULE_3__/* .describeJsonError */ .M1)(file, parsed.error));
}


/***/ }),

/***/ 6373:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M1: () => (/* binding */ describeJsonError),
/* harmony export */   Pj: () => (/* binding */ describeJsonTextError),
/* harmony export */   lk: () => (/* binding */ parseJsonText)
/* harmony export */ });
/* harmony import */ var jsonc_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9547);
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1232);


function parseJsonText(text) {
    // A byte-order mark is how some Windows tools begin UTF-8; it is not content.
    const body = text.replace(/^\uFEFF/, '');
    if (body.trim() === '')
        return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_1__/* .err */ ._q)('empty');
    try {
        return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_1__.ok)(JSON.parse(body));
    }
    catch {
        return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_1__/* .err */ ._q)(locateJsonError(body));
    }
}
/** `file:3:7: not valid JSON: expected a value`, or `file is empty; expected JSON`. */
function describeJsonError(name, error) {
    if (error === 'empty')
        return `${name} is empty; expected JSON`;
    return `${name}:${error.line}:${error.column}: not valid JSON: expected ${error.expected}`;
}
/** For text that is not a file (an HTTP body): `not valid JSON (line 3, column 7: expected a value)`, or `empty`. */
function describeJsonTextError(error) {
    if (error === 'empty')
        return 'empty';
    return `not valid JSON (line ${error.line}, column ${error.column}: expected ${error.expected})`;
}
const EXPECTED = {
    InvalidSymbol: 'a value',
    InvalidNumberFormat: 'a number',
    PropertyNameExpected: 'a property name in double quotes',
    ValueExpected: 'a value',
    ColonExpected: "':'",
    CommaExpected: "','",
    CloseBraceExpected: "',' or '}'",
    CloseBracketExpected: "',' or ']'",
    EndOfFileExpected: 'the end of the document',
    InvalidCommentToken: 'no comment (JSON has none)',
    UnexpectedEndOfComment: 'no comment (JSON has none)',
    UnexpectedEndOfString: 'a closing quote',
    UnexpectedEndOfNumber: 'a digit',
    InvalidUnicode: 'a \\u escape of four hex digits',
    InvalidEscapeCharacter: 'a valid escape such as \\n or \\u0041',
    InvalidCharacter: 'no control character inside a string',
    '<unknown ParseErrorCode>': 'valid JSON',
};
/** Where strict JSON first breaks. JSON.parse refused the text, so there is one; a scanner that saw none reports the start. */
function locateJsonError(text) {
    const errors = [];
    try {
        (0,jsonc_parser__WEBPACK_IMPORTED_MODULE_0__.parse)(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    }
    catch {
        // The scanner recurses per level: nesting deeper than the stack is all it can say.
        return { line: 1, column: 1, expected: 'data nested less deeply (too deep to say where it breaks)' };
    }
    // The earliest error; at one offset, the scanner's "invalid symbol" is the least telling of those it reports.
    const first = [...errors].sort((a, b) => a.offset - b.offset || Number((0,jsonc_parser__WEBPACK_IMPORTED_MODULE_0__.printParseErrorCode)(a.error) === 'InvalidSymbol') - Number((0,jsonc_parser__WEBPACK_IMPORTED_MODULE_0__.printParseErrorCode)(b.error) === 'InvalidSymbol'))[0];
    const offset = first?.offset ?? 0;
    const before = text.slice(0, offset);
    if (first !== undefined && isWholeDocument(before))
        return { ...position(before), expected: 'the end of the document' };
    return { ...position(before), expected: first ? EXPECTED[(0,jsonc_parser__WEBPACK_IMPORTED_MODULE_0__.printParseErrorCode)(first.error)] : 'a value' };
}
/** True when the text before an error is already a whole JSON document: what follows is trailing junk. */
function isWholeDocument(text) {
    if (text.trim() === '')
        return false;
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
function position(before) {
    const line = before.split('\n').length;
    return { line, column: before.length - before.lastIndexOf('\n') };
}


/***/ }),

/***/ 3275:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseJsonEvidence),
/* harmony export */   q: () => (/* binding */ readJsonEvidence)
/* harmony export */ });
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1232);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(192);
/* harmony import */ var _json_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6373);
/* harmony import */ var _source_fault_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1111);




/**
 * JSON evidence parsed with a fault that says where and what was expected,
 * never what the file holds (see `json-text.ts`): an evidence file's text
 * must not reach a log, a check run or a comment.
 */
function parseJsonEvidence(text, name) {
    const parsed = (0,_json_text_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonText */ .lk)(text);
    return parsed.ok ? (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_2__.ok)(parsed.value) : (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_3__/* .fault */ .D)('malformed', (0,_json_text_js__WEBPACK_IMPORTED_MODULE_1__/* .describeJsonError */ .M1)(name, parsed.error));
}
/** Reads and parses a JSON evidence file; `name` is how messages call it. */
async function readJsonEvidence(file, name) {
    const text = await (0,_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readText */ .yR)(file);
    if (!text.ok)
        return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_3__/* .fault */ .D)(text.error.kind, text.error.message.replace(file, name));
    return parseJsonEvidence(text.value, name);
}


/***/ }),

/***/ 6951:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G: () => (/* binding */ ACTION_NAMES),
  Cw: () => (/* binding */ isPositiveDecision),
  z_: () => (/* binding */ parseRolloutReport),
  Fo: () => (/* binding */ readRolloutReports)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/engine/status.js
var engine_status = __webpack_require__(3995);
// EXTERNAL MODULE: ./.build/report/model.js
var model = __webpack_require__(1548);
// EXTERNAL MODULE: ./.build/sources/files.js
var sources_files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/zod-issue.js
var zod_issue = __webpack_require__(6188);
// EXTERNAL MODULE: ./.build/sources/reports/json-evidence.js
var json_evidence = __webpack_require__(3275);
// EXTERNAL MODULE: ./.build/engine/gate-verdict.js
var gate_verdict = __webpack_require__(3826);
// EXTERNAL MODULE: ./.build/sources/reports/shown-name.js
var shown_name = __webpack_require__(5696);
;// CONCATENATED MODULE: ./.build/sources/reports/report-consistency.js



/**
 * Whether a report's positive decision agrees with its own checks. A
 * rollout-guard report is evidence for a later gate, so one edited (or
 * written by something else) to say `go` over failing checks must not pass
 * as a positive verdict. Every action's positive decision rests on at least
 * one check; where this repository defines the rule that turns checks into
 * the decision, the decision is held to it.
 */
const POSITIVE_RULE = {
    // gate-checks' own rule (engine/gate-verdict.ts).
    'gate-checks': (checks) => {
        const verdict = (0,gate_verdict/* decideGate */.q)(checks);
        if (verdict.decision === 'go')
            return null;
        return verdict.failed.length > 0 ? `required ${listNames(verdict.failed)} did not pass` : (verdict.reason ?? 'its checks do not make go');
    },
    // lighthouse-budget passes only when every URL passed or warned (engine/lighthouse/budget-verdict.ts).
    'lighthouse-budget': (checks) => {
        const failing = checks.filter((check) => check.status !== 'pass' && check.status !== 'warn').map((check) => check.name);
        return failing.length === 0 ? null : `${listNames(failing)} did not pass`;
    },
};
/** Why a positive decision contradicts the report's checks, or `null` (also for a negative decision, which needs no proof). */
function positiveContradiction(report) {
    if (!model/* POSITIVE_DECISIONS */.y[report.action].includes(report.decision))
        return null;
    if (report.checks.length === 0)
        return `it says ${report.decision} but holds no checks, so the decision rests on nothing`;
    const broken = POSITIVE_RULE[report.action]?.(report.checks) ?? null;
    return broken === null ? null : `it says ${report.decision} although ${broken}`;
}
function listNames(names) {
    const shown = names.slice(0, 5).map((name) => `\`${(0,shown_name/* shownName */.H)(name)}\``);
    const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
    return `check${names.length === 1 ? '' : 's'} ${shown.join(', ')}${more}`;
}

;// CONCATENATED MODULE: ./.build/sources/reports/rollout-report.js










/**
 * Reads reports written by rollout-guard actions (`report/model.ts`), so
 * gate-checks can take another action's verdict as evidence. The shape is
 * checked with zod; unknown extra keys are tolerated (a newer writer may add
 * some) but a missing or mistyped field names itself, and a positive
 * decision that its own checks contradict is malformed
 * (`report-consistency.ts`).
 */
const ACTION_NAMES = Object.keys(model/* POSITIVE_DECISIONS */.y);
const nullableString = schemas/* string */.YjP().nullable();
const nullableValue = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).nullable();
const checkSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().min(1),
    type: schemas/* string */.YjP().min(1),
    status: schemas/* enum */.k5n(engine_status/* STATUSES */.f),
    level: schemas/* enum */.k5n(['required', 'advisory']),
    value: nullableValue,
    threshold: nullableValue,
    unit: schemas/* string */.YjP(),
    samples: schemas/* number */.aig().int().min(0).nullable(),
    message: schemas/* string */.YjP(),
    evidence: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()),
});
const reportSchema = schemas/* object */.Ikc({
    schemaVersion: schemas/* literal */.euz(model/* SCHEMA_VERSION */.f),
    action: schemas/* enum */.k5n(ACTION_NAMES),
    decision: schemas/* string */.YjP().min(1),
    summary: schemas/* string */.YjP(),
    startedAt: schemas/* string */.YjP(),
    finishedAt: schemas/* string */.YjP(),
    context: schemas/* object */.Ikc({ repository: nullableString, sha: nullableString, ref: nullableString, environment: nullableString, runUrl: nullableString }),
    checks: schemas/* array */.YOg(checkSchema),
});
/** Validates one parsed report; the fault names the file and the first bad field. */
function parseRolloutReport(json, file) {
    // Without reportInput: the field is named, the value the file holds is not quoted.
    const parsed = reportSchema.safeParse(json);
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `${file} is not a rollout-guard report: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    const report = parsed.data;
    const contradiction = positiveContradiction(report);
    if (contradiction)
        return (0,source_fault/* fault */.D)('malformed', `${file} contradicts itself: ${contradiction}; it was edited or not written by rollout-guard`);
    return (0,result.ok)(report);
}
/** Reads every report a path or glob matches, oldest name first; the first bad file stops the read. */
async function readRolloutReports(pattern, workspace) {
    const files = await (0,sources_files/* findFiles */.lY)(pattern, workspace);
    if (!files.ok)
        return files;
    const reports = [];
    for (const absolute of files.value) {
        const file = external_node_path_.relative(workspace, absolute) || absolute;
        const json = await (0,json_evidence/* readJsonEvidence */.q)(absolute, file);
        if (!json.ok)
            return json;
        const report = parseRolloutReport(json.value, file);
        if (!report.ok)
            return report;
        reports.push({ file, report: report.value });
    }
    return (0,result.ok)(reports);
}
/** Whether a report's decision lets a later step go on (`go`, `pass`, `promote`, `complete`, `healthy`). */
function isPositiveDecision(report) {
    return model/* POSITIVE_DECISIONS */.y[report.action].includes(report.decision);
}


/***/ }),

/***/ 5696:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ shownName)
/* harmony export */ });
/**
 * A name taken from an evidence file (a suite, a URL, an error code, a check)
 * made safe to put in a one-line message: control characters (a newline
 * would start a new log line, and a line that starts with `::` is a runner
 * command) become spaces, and a long name is cut. Messages carry names and
 * numbers from evidence, never its free text.
 */
const MAX_NAME = 80;
function shownName(raw, max = MAX_NAME) {
    // eslint-disable-next-line no-control-regex
    const flat = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}


/***/ }),

/***/ 6188:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ describeFirstIssue)
/* harmony export */ });
/**
 * One line for the first problem zod found, naming the field by its path as a
 * person would write it (`checks[2].status`, `source.json-path`), so a bad
 * report or config points at the exact key instead of dumping every issue.
 * Parse with `{ reportInput: true }` and the line also shows the value received.
 */
function describeFirstIssue(error, prefix = '') {
    const issue = error.issues[0];
    if (!issue)
        return `${prefix || 'the value'} is invalid`;
    const field = joinPath(prefix, issue.path);
    if (issue.code === 'unrecognized_keys') {
        return `unknown key ${issue.keys.map((key) => `\`${joinPath(field, [key])}\``).join(', ')}`;
    }
    const input = issue.input;
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    if (missing)
        return `\`${field}\` is missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
    const message = issue.message.replace(/^(Invalid input|Invalid option|Too small|Too big): /, '');
    const received = issue.code !== 'custom' && input !== undefined && !/, received /.test(message) ? `; got ${preview(input)}` : '';
    return field === '' ? `${message}${received}` : `\`${field}\`: ${message}${received}`;
}
function joinPath(prefix, path) {
    let text = prefix;
    for (const part of path) {
        if (typeof part === 'number')
            text += `[${part}]`;
        else
            text += text === '' ? String(part) : `.${String(part)}`;
    }
    return text;
}
function preview(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}


/***/ })

};
