export const id = 734;
export const ids = [734];
export const modules = {

/***/ 734:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measurePlaywright: () => (/* binding */ measurePlaywright)
});

// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/sources/reports/counts.js
var reports_counts = __webpack_require__(2675);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./.build/sources/files.js
var sources_files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/reports/json-evidence.js
var json_evidence = __webpack_require__(3275);
// EXTERNAL MODULE: ./.build/sources/reports/shown-name.js
var shown_name = __webpack_require__(5696);
;// CONCATENATED MODULE: ./.build/sources/reports/playwright-outcome.js

function outcomeOfResults(expectedStatus, statuses) {
    let skipped = 0;
    let expected = 0;
    let unexpected = 0;
    for (const status of statuses) {
        // Interrupted results, and skips of a test not meant to be skipped (did not run), count for nothing.
        if (status === 'interrupted' || (status === 'skipped' && expectedStatus !== 'skipped'))
            continue;
        if (status === 'skipped')
            skipped += 1;
        else if (status === expectedStatus)
            expected += 1;
        else
            unexpected += 1;
    }
    if (expected === 0 && unexpected === 0)
        return 'skipped';
    if (unexpected === 0)
        return 'expected';
    if (expected === 0 && skipped === 0)
        return 'unexpected';
    return 'flaky';
}
/** A test whose status its own results contradict, described by its spec's file and line; `null` when none. */
function contradictedTest(suite) {
    for (const spec of suite.specs) {
        for (const test of spec.tests) {
            const statuses = test.results.map((result) => result.status);
            if (test.expectedStatus === undefined || statuses.some((status) => status === undefined))
                continue;
            const computed = outcomeOfResults(test.expectedStatus, statuses);
            if (computed !== test.status)
                return `the test at ${(0,shown_name/* shownName */.H)(spec.file)}:${spec.line} is marked ${test.status} but its results make it ${computed}`;
        }
    }
    for (const child of suite.suites ?? []) {
        const found = contradictedTest(child);
        if (found)
            return found;
    }
    return null;
}

// EXTERNAL MODULE: ./.build/sources/reports/source-location.js
var source_location = __webpack_require__(1092);
;// CONCATENATED MODULE: ./.build/sources/reports/playwright.js









const Location = schemas/* object */.Ikc({ file: schemas/* string */.YjP(), line: schemas/* number */.aig() });
const ErrorJson = schemas/* object */.Ikc({ message: schemas/* string */.YjP().optional(), location: Location.optional() });
const Count = schemas/* number */.aig().int().nonnegative();
const ResultJson = schemas/* object */.Ikc({
    status: schemas/* string */.YjP().optional(),
    retry: Count.optional(),
    duration: schemas/* number */.aig().nonnegative().optional(),
    error: ErrorJson.optional(),
    errors: schemas/* array */.YOg(ErrorJson).optional(),
    errorLocation: Location.optional(),
});
const TestJson = schemas/* object */.Ikc({
    projectName: schemas/* string */.YjP().optional(),
    expectedStatus: schemas/* string */.YjP().optional(),
    status: schemas/* enum */.k5n(['expected', 'unexpected', 'flaky', 'skipped']),
    results: schemas/* array */.YOg(ResultJson),
});
const SpecJson = schemas/* object */.Ikc({ title: schemas/* string */.YjP(), file: schemas/* string */.YjP(), line: schemas/* number */.aig(), tests: schemas/* array */.YOg(TestJson) });
const SuiteJson = schemas/* object */.Ikc({
    title: schemas/* string */.YjP(),
    specs: schemas/* array */.YOg(SpecJson),
    get suites() {
        return schemas/* array */.YOg(SuiteJson).optional();
    },
});
const ReportJson = schemas/* object */.Ikc({
    config: schemas/* object */.Ikc({ rootDir: schemas/* string */.YjP().optional() }).optional(),
    suites: schemas/* array */.YOg(SuiteJson),
    errors: schemas/* array */.YOg(schemas/* object */.Ikc({ message: schemas/* string */.YjP().optional() })).optional(),
    stats: schemas/* object */.Ikc({ expected: Count, unexpected: Count, flaky: Count, skipped: Count, duration: schemas/* number */.aig().nonnegative().optional() }),
});
const ZERO = { tests: 0, passed: 0, failed: 0, flaky: 0, skipped: 0, interrupted: 0 };
const COUNT_OF = { expected: 'passed', unexpected: 'failed', flaky: 'flaky', skipped: 'skipped' };
/** Reads a parsed JSON document as a Playwright report; `file` names it in faults. */
function parsePlaywrightReport(json, file) {
    if (typeof json !== 'object' || json === null || !('stats' in json) || !('suites' in json)) {
        return (0,source_fault/* fault */.D)('malformed', `${file}: not a Playwright JSON report: it has no \`stats\` and \`suites\` (write it with reporter: [['json', { outputFile }]])`);
    }
    const parsed = ReportJson.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? issue.path.map(String).join('.') : '';
        return (0,source_fault/* fault */.D)('malformed', `${file}: not a Playwright JSON report: ${where ? `${where}: ` : ''}${issue?.message ?? 'unexpected shape'}`);
    }
    const report = parsed.data;
    const contradiction = report.suites.map(contradictedTest).find((found) => found !== null);
    if (contradiction)
        return (0,source_fault/* fault */.D)('malformed', `${file}: ${contradiction}; the report was edited or is not Playwright's`);
    const tests = report.suites.flatMap((suite) => walkSuite(suite, []));
    const counts = countTests(tests);
    const stats = report.stats;
    for (const outcome of ['expected', 'unexpected', 'flaky', 'skipped']) {
        const walked = counts[COUNT_OF[outcome]];
        if (stats[outcome] !== walked) {
            return (0,source_fault/* fault */.D)('malformed', `${file}: stats.${outcome} is ${stats[outcome]} but the suites hold ${walked} ${outcome} tests; the report is incomplete or was edited`);
        }
    }
    const runErrors = (report.errors ?? []).map((error) => (0,source_location/* firstLines */.UV)(error.message ?? '', 1)).filter((message) => message !== '');
    return (0,result.ok)({ file, rootDir: report.config?.rootDir ?? null, counts, tests, runErrors });
}
/** Depth-first; the file-level suite's title is the file name, which `file` already carries. */
function walkSuite(suite, describes) {
    const tests = suite.specs.flatMap((spec) => spec.tests.map((test) => readTest(test, [...describes, spec.title], spec.file, spec.line)));
    const children = (suite.suites ?? []).flatMap((child) => walkSuite(child, [...describes, child.title]));
    return [...tests, ...children];
}
function readTest(test, titles, file, line) {
    const project = test.projectName ? [`[${test.projectName}]`] : [];
    const interrupted = test.results.some((result) => result.status === 'interrupted');
    const failing = [...test.results].reverse().find((result) => result.error !== undefined || (result.errors?.length ?? 0) > 0);
    const error = failing?.error ?? failing?.errors?.[0];
    const location = failing?.errorLocation ?? failing?.error?.location ?? failing?.errors?.find((e) => e.location)?.location;
    return {
        title: [...project, ...titles].join(' › '),
        file,
        line,
        outcome: test.status,
        interrupted,
        message: error?.message === undefined ? null : (0,source_location/* firstLines */.UV)(error.message),
        errorLocation: location ? { file: location.file, line: location.line } : null,
    };
}
function countTests(tests) {
    const counts = { ...ZERO, tests: tests.length };
    for (const test of tests) {
        counts[COUNT_OF[test.outcome]] += 1;
        if (test.interrupted)
            counts.interrupted += 1;
    }
    return counts;
}
/**
 * Where to annotate a test: where its error was thrown, if that is in the
 * workspace; else its spec's line, the file resolved through the report's
 * `rootDir` (or, when that is outside the workspace, as written).
 */
function locatePlaywrightTest(test, rootDir, workspace) {
    const thrownAt = test.errorLocation && (0,source_location/* toWorkspacePath */.CR)(test.errorLocation.file, workspace);
    if (test.errorLocation && thrownAt)
        return { path: thrownAt, line: test.errorLocation.line };
    const specFile = (rootDir && (0,source_location/* toWorkspacePath */.CR)(external_node_path_.join(rootDir, test.file), workspace)) ?? (0,source_location/* toWorkspacePath */.CR)(test.file, workspace);
    return specFile === null || test.line < 1 ? null : { path: specFile, line: test.line };
}
/** Reads every JSON report a path or glob matches (relative to `cwd`); the first fault stops it. */
async function readPlaywright(pattern, cwd) {
    const files = await (0,sources_files/* findFiles */.lY)(pattern, cwd);
    if (!files.ok)
        return files;
    const reports = [];
    for (const absolute of files.value) {
        const shown = external_node_path_.relative(cwd, absolute) || absolute;
        const json = await (0,json_evidence/* readJsonEvidence */.q)(absolute, shown);
        if (!json.ok)
            return json;
        const report = parsePlaywrightReport(json.value, shown);
        if (!report.ok)
            return report;
        reports.push(report.value);
    }
    const counts = reports.reduce((sum, report) => (0,reports_counts/* addCounts */.c)(sum, report.counts), ZERO);
    return (0,result.ok)({ reports, counts });
}

// EXTERNAL MODULE: ./.build/actions/gate-checks/checks/test-run.js
var test_run = __webpack_require__(4168);
;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/playwright-measure.js




// Measures `playwright` checks; `playwright.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
/** How many failing tests the evidence names (the annotations carry them all). */
const FAILURES_SHOWN = 20;
async function measurePlaywright(spec, environment) {
    if (typeof spec.entry.path !== 'string')
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`path\` must be a file or glob of Playwright JSON reports`);
    const run = await readPlaywright(spec.entry.path, environment.workspace);
    if (!run.ok)
        return run;
    return (0,result.ok)(toMeasured(run.value, environment.workspace));
}
function toMeasured(run, workspace) {
    const { counts } = run;
    const listed = run.reports.flatMap((report) => report.tests.map((test) => ({ report, test })));
    const failing = listed.filter(({ test }) => test.outcome === 'unexpected');
    const flaky = listed.filter(({ test }) => test.outcome === 'flaky');
    const interrupted = listed.filter(({ test }) => test.interrupted && test.outcome !== 'unexpected');
    const runErrors = run.reports.flatMap((report) => report.runErrors.map((message) => `${report.file}: ${message}`));
    const measured = {
        ...(0,test_run/* testRunMeasures */.b)({ ...counts, listed: counts.tests }),
        samples: counts.tests - counts.skipped,
        evidence: {
            reports: run.reports.map((report) => ({ file: report.file, ...report.counts })),
            failures: failing.slice(0, FAILURES_SHOWN).map(({ test }) => ({ test: test.title, file: test.file, line: test.line, message: test.message })),
            failuresNotShown: Math.max(0, failing.length - FAILURES_SHOWN),
            flaky: flaky.slice(0, FAILURES_SHOWN).map(({ test }) => test.title),
            interrupted: interrupted.map(({ test }) => test.title),
            runErrors,
        },
        annotations: [...failing, ...flaky, ...interrupted].flatMap(({ report, test }) => annotate(test, report, workspace)),
    };
    if (counts.interrupted > 0 || runErrors.length > 0) {
        // The errors' text stays in the evidence: a message names files and counts, never quotes a report.
        const erroredFiles = run.reports.filter((report) => report.runErrors.length > 0).map((report) => report.file);
        const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
        const why = [
            ...(counts.interrupted > 0 ? [plural(counts.interrupted, 'interrupted test')] : []),
            ...(runErrors.length > 0 ? [`${plural(runErrors.length, 'error')} outside any test in ${erroredFiles.join(', ')} (see evidence.runErrors)`] : []),
        ];
        measured.verdict = { status: 'fail', message: `the Playwright run did not finish: ${why.join('; ')}`, value: 'incomplete run', threshold: null };
    }
    return measured;
}
const LEVEL = { unexpected: 'failure', flaky: 'warning', expected: 'warning', skipped: 'warning' };
function annotate(test, report, workspace) {
    const location = locatePlaywrightTest(test, report.rootDir, workspace);
    if (location === null)
        return [];
    const note = test.outcome === 'flaky' ? ' (flaky: passed on a retry)' : test.outcome === 'unexpected' ? '' : ' (interrupted)';
    return [{ path: location.path, line: location.line, level: LEVEL[test.outcome], title: `${test.title}${note}`, message: test.message ?? test.outcome }];
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

/***/ 2675:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ addCounts)
/* harmony export */ });
/** Two tallies of the same counts added field by field (a suite's and its children's, one shard's and the next). */
function addCounts(a, b) {
    const sum = { ...a };
    for (const key of Object.keys(a))
        sum[key] = (a[key] + b[key]);
    return sum;
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

/***/ 1092:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CR: () => (/* binding */ toWorkspacePath),
/* harmony export */   UV: () => (/* binding */ firstLines),
/* harmony export */   Xm: () => (/* binding */ locateInText)
/* harmony export */ });
/* unused harmony exports stripAnsi, pathLinesIn */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);

// Terminal colour codes: Playwright and Vitest write them into messages
// when the run had a colour terminal (Playwright's JSON always keeps them).
// eslint-disable-next-line no-control-regex -- matching the ESC character is the point
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;
/** The text without terminal colour codes. */
function stripAnsi(text) {
    return text.replace(ANSI_ESCAPE, '');
}
/**
 * A path as the workspace sees it: absolute paths inside the workspace
 * become relative; absolute paths elsewhere, paths climbing out with `..`,
 * and dependencies' files (`node_modules`) are not the project's, so `null`.
 * Backslashes (Windows runners, .NET stack traces) are read as separators.
 */
function toWorkspacePath(file, workspace) {
    const slashed = file.replace(/\\/g, '/');
    const root = workspace.replace(/\\/g, '/').replace(/\/+$/, '');
    let relative;
    if (isAbsolute(slashed)) {
        if (!slashed.startsWith(`${root}/`))
            return null;
        relative = slashed.slice(root.length + 1);
    }
    else {
        relative = slashed;
    }
    const normal = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(relative);
    if (normal === '.' || normal.startsWith('../') || normal === '..' || isAbsolute(normal))
        return null;
    if (normal.split('/').includes('node_modules'))
        return null;
    return normal;
}
function isAbsolute(file) {
    return file.startsWith('/') || /^[A-Za-z]:\//.test(file);
}
// `path/to/file.ext:12`, optionally `:col` after it (Node, Vitest, pytest,
// Rust, Go), or .NET's `in C:\path\File.cs:line 54`. The look-behind keeps
// URLs (`http://host.example:8080`) and `node:internal/…` frames out: a
// path must start at a boundary, not after `/` or a word character.
const PATH_LINE = /(?<![\w./\\:-])((?:[A-Za-z]:[\\/]|[\\/])?(?:[\w@.+~-]+[\\/])*[\w@+~-][\w@.+~-]*\.[A-Za-z][\w]{0,9}):(?:line )?(\d+)/g;
/** Every `path:line` in a failure text, in order, as written. */
function pathLinesIn(text) {
    const found = [];
    for (const match of stripAnsi(text).matchAll(PATH_LINE)) {
        const line = Number(match[2]);
        if (line > 0)
            found.push({ file: match[1], line });
    }
    return found;
}
/**
 * The first `path:line` in a failure text that points into the workspace.
 * When the test names its own file, a frame in that file wins, so the
 * annotation lands on the test rather than deep in a helper. Absolute paths
 * under the workspace win over relative ones, which may be relative to a
 * test folder rather than the repository (Playwright's junit reporter writes
 * `checkout.spec.ts:26:3` before `at /repo/e2e/checkout.spec.ts:28:43`).
 */
function locateInText(text, workspace, testFile = null) {
    let best = null;
    for (const { file, line } of pathLinesIn(text)) {
        const relative = toWorkspacePath(file, workspace);
        if (relative === null)
            continue;
        const isInTestFile = testFile !== null && (relative === testFile || relative.endsWith(`/${testFile}`));
        const score = (isInTestFile ? 2 : 0) + (isAbsolute(file.replace(/\\/g, '/')) ? 1 : 0);
        if (best === null || score > best.score)
            best = { location: { path: relative, line }, score };
    }
    return best?.location ?? null;
}
const MESSAGE_LINES = 5;
const MESSAGE_CHARS = 600;
// Where a failure's description ends and its stack begins: Node/Java/.NET
// `at …` frames, Vitest's `❯ file:line` frames, Python's traceback header.
const STACK_FRAME = /^\s*(?:at\s|❯\s|Traceback \(most recent call last\))/;
/** The first few non-blank lines of a failure message, before its stack frames. */
function firstLines(text, maxLines = MESSAGE_LINES) {
    const lines = [];
    for (const raw of stripAnsi(text).replace(/\r\n?/g, '\n').split('\n')) {
        if (STACK_FRAME.test(raw) && lines.length > 0)
            break;
        const line = raw.trimEnd();
        if (line.trim() === '')
            continue;
        lines.push(line);
        if (lines.length === maxLines)
            break;
    }
    const joined = lines.join('\n');
    return joined.length > MESSAGE_CHARS ? `${joined.slice(0, MESSAGE_CHARS - 1)}…` : joined;
}


/***/ })

};
