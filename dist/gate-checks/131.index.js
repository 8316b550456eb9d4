export const id = 131;
export const ids = [131];
export const modules = {

/***/ 7131:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measureCoverage: () => (/* binding */ measureCoverage)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/engine/exact.js
var engine_exact = __webpack_require__(3422);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/sources/files.js
var sources_files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
;// CONCATENATED MODULE: ./.build/sources/reports/coverage-counts.js
/**
 * The counts coverage reports share, whatever their format: covered of
 * total items per kind, and istanbul's percentage of them.
 */
const COVERAGE_KINDS = ['lines', 'branches', 'functions', 'statements'];
/** Istanbul's rounding (istanbul-lib-coverage `percent.js`): floored to two decimals. */
function percentOf(covered, total) {
    if (total <= 0)
        return null;
    return Math.floor((100_000 * covered) / total / 10) / 100;
}
const countOf = (covered, total) => ({ covered, total, pct: percentOf(covered, total) });
const emptyCounts = () => ({ lines: countOf(0, 0), branches: countOf(0, 0), functions: countOf(0, 0), statements: countOf(0, 0) });
/** Adds counts up (several reports, or files into totals); percentages are recomputed from the sums. */
function sumCounts(all) {
    const sums = emptyCounts();
    for (const kind of COVERAGE_KINDS) {
        const covered = all.reduce((sum, counts) => sum + counts[kind].covered, 0);
        const total = all.reduce((sum, counts) => sum + counts[kind].total, 0);
        sums[kind] = countOf(covered, total);
    }
    return sums;
}
/** A whole number ≥ 0, as every coverage count is. */
function isCount(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

// EXTERNAL MODULE: ./.build/sources/reports/shown-name.js
var shown_name = __webpack_require__(5696);
;// CONCATENATED MODULE: ./.build/sources/reports/coverage-istanbul.js





/**
 * Istanbul's `coverage-summary.json` (the `json-summary` reporter of nyc,
 * Jest, Vitest, c8): `total` plus one entry per file, each with `covered`,
 * `total` and `pct` per kind. The counts are validated, not trusted: whole
 * numbers ≥ 0 with `covered` ≤ `total`; a written `pct` that disagrees with
 * them beyond istanbul's two-decimal rounding, or a `total` that is not the
 * sum of the files listed (istanbul computes it so), is malformed.
 */
function parseIstanbulSummary(doc, name) {
    if (!isRecord(doc))
        return (0,source_fault/* fault */.D)('malformed', `${name} is not a coverage-summary.json object`);
    if (Object.values(doc).some((entry) => isRecord(entry) && 'statementMap' in entry)) {
        return (0,source_fault/* fault */.D)('malformed', `${name} is istanbul's coverage-final.json; use the json-summary reporter's coverage-summary.json`);
    }
    if (!hasKinds(doc.total))
        return (0,source_fault/* fault */.D)('malformed', `${name} has no \`total\` with lines, statements, functions and branches`);
    const totals = summaryCounts(doc.total, 'total');
    if (!totals.ok)
        return (0,source_fault/* fault */.D)('malformed', `${name}: ${totals.error}`);
    const files = [];
    for (const [file, entry] of Object.entries(doc)) {
        if (file === 'total')
            continue;
        const shown = JSON.stringify((0,shown_name/* shownName */.H)(file));
        if (!hasKinds(entry))
            return (0,source_fault/* fault */.D)('malformed', `${name}: entry ${shown} lacks lines, statements, functions or branches`);
        const counts = summaryCounts(entry, `entry ${shown}`);
        if (!counts.ok)
            return (0,source_fault/* fault */.D)('malformed', `${name}: ${counts.error}`);
        files.push({ file, counts: counts.value });
    }
    const disagreement = files.length === 0 ? null : totalsDisagreement(totals.value, sumCounts(files.map((f) => f.counts)));
    if (disagreement)
        return (0,source_fault/* fault */.D)('malformed', `${name}: ${disagreement}; the summary was edited or merged by hand`);
    return (0,result.ok)({ format: 'istanbul-summary', totals: totals.value, files, notes: [] });
}
function hasKinds(entry) {
    return isRecord(entry) && COVERAGE_KINDS.every((kind) => isRecord(entry[kind]));
}
/** One entry's counts, or what is wrong with them, naming the field. */
function summaryCounts(entry, where) {
    const counts = emptyCounts();
    for (const kind of COVERAGE_KINDS) {
        const item = entry[kind];
        const field = `${where}.${kind}`;
        for (const part of ['total', 'covered']) {
            if (!isCount(item[part]))
                return (0,result/* err */._q)(`${field}.${part} is not a whole number ≥ 0`);
        }
        const count = checkedCount(item.covered, item.total, item.pct, field);
        if (!count.ok)
            return count;
        counts[kind] = count.value;
    }
    return (0,result.ok)(counts);
}
/** Istanbul rounds down to two decimals; a written pct further than that from the counts' ratio is not theirs. */
const ROUNDING = (0,engine_exact/* fraction */.zO)(1, 100);
function checkedCount(covered, total, pct, field) {
    if (covered > total)
        return (0,result/* err */._q)(`${field} has covered ${covered} > total ${total}`);
    if (total === 0) {
        // Nothing to cover: istanbul writes "Unknown" (or 100); whatever it says, there is no percentage.
        const isEmptyPct = pct === undefined || pct === 'Unknown' || (typeof pct === 'number' && pct >= 0 && pct <= 100);
        return isEmptyPct ? (0,result.ok)({ covered, total, pct: null }) : (0,result/* err */._q)(`${field}.pct is neither a number from 0 to 100 nor "Unknown"`);
    }
    if (pct !== undefined) {
        if (typeof pct !== 'number' || !Number.isFinite(pct))
            return (0,result/* err */._q)(`${field}.pct is not a number, though ${total} items were counted`);
        const ratio = (0,engine_exact/* fraction */.zO)(covered * 100, total);
        if ((0,engine_exact/* compare */.UD)((0,engine_exact/* abs */.tn)((0,engine_exact/* subtract */.Re)((0,engine_exact/* fromNumber */.oB)(pct), ratio)), ROUNDING) >= 0) {
            return (0,result/* err */._q)(`${field}.pct ${pct} disagrees with covered ${covered} of total ${total} (${percentOf(covered, total)}%)`);
        }
    }
    return (0,result.ok)({ covered, total, pct: percentOf(covered, total) });
}
/** Where `total` is not the sum of the files, or `null`. */
function totalsDisagreement(totals, summed) {
    const kind = COVERAGE_KINDS.find((k) => totals[k].covered !== summed[k].covered || totals[k].total !== summed[k].total);
    if (kind === undefined)
        return null;
    return `total.${kind} says ${totals[kind].covered} of ${totals[kind].total} but its files add up to ${summed[kind].covered} of ${summed[kind].total}`;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./.build/sources/reports/coverage-lcov.js




/** lcov summary lines per record, as geninfo and istanbul's lcovonly writer emit them. */
const LCOV_SUMMARY = {
    LF: ['lines', 'total'],
    LH: ['lines', 'covered'],
    BRF: ['branches', 'total'],
    BRH: ['branches', 'covered'],
    FNF: ['functions', 'total'],
    FNH: ['functions', 'covered'],
};
/**
 * Parses an lcov tracefile by summing each record's LF/LH, BRF/BRH and
 * FNF/FNH (the totals `lcov --summary` prints). lcov has no statements, so
 * statements are the line counts and a note says so. A count that is not a
 * whole number, a count outside a record, or a file with more hit than
 * found is malformed; messages name the line, never quote it.
 */
function parseLcov(text, name) {
    const byFile = new Map();
    let current;
    for (const [index, raw] of text.split(/\r?\n/).entries()) {
        const line = raw.trim();
        if (line.startsWith('SF:')) {
            const file = line.slice(3);
            current = byFile.get(file) ?? rawCounts();
            byFile.set(file, current);
        }
        else if (line === 'end_of_record') {
            current = undefined;
        }
        else {
            const match = /^(LF|LH|BRF|BRH|FNF|FNH):(.*)$/.exec(line);
            if (!match)
                continue;
            const key = match[1];
            const value = /^\s*\d+\s*$/.test(match[2]) ? Number(match[2]) : Number.NaN;
            if (!current)
                return (0,source_fault/* fault */.D)('malformed', `${name}:${index + 1}: \`${key}\` outside a record (no SF: line before it)`);
            if (!isCount(value))
                return (0,source_fault/* fault */.D)('malformed', `${name}:${index + 1}: \`${key}\` must be a whole number ≥ 0`);
            const [kind, field] = LCOV_SUMMARY[key];
            current[kind][field] += value;
        }
    }
    for (const [file, counts] of byFile) {
        const over = COVERAGE_KINDS.find((kind) => counts[kind].covered > counts[kind].total);
        if (over)
            return (0,source_fault/* fault */.D)('malformed', `${name}: the record for ${(0,shown_name/* shownName */.H)(file)} has more ${over} hit (${counts[over].covered}) than found (${counts[over].total})`);
    }
    const files = [...byFile].map(([file, counts]) => ({ file, counts: withStatementsFromLines(counts) }));
    return (0,result.ok)({
        format: 'lcov',
        totals: sumCounts(files.map((f) => f.counts)),
        files,
        notes: ['lcov has no statement counts; statements are the line counts (LF/LH)'],
    });
}
function rawCounts() {
    return { lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 }, functions: { covered: 0, total: 0 }, statements: { covered: 0, total: 0 } };
}
function withStatementsFromLines(raw) {
    return {
        lines: countOf(raw.lines.covered, raw.lines.total),
        branches: countOf(raw.branches.covered, raw.branches.total),
        functions: countOf(raw.functions.covered, raw.functions.total),
        statements: countOf(raw.lines.covered, raw.lines.total),
    };
}

// EXTERNAL MODULE: ./.build/sources/reports/json-evidence.js
var json_evidence = __webpack_require__(3275);
;// CONCATENATED MODULE: ./.build/sources/reports/coverage.js






/**
 * Coverage reports: istanbul's `coverage-summary.json` (the `json-summary`
 * reporter of nyc, Jest, Vitest, c8) and `lcov.info` tracefiles. The format is
 * told by content, not by name, so a renamed report still reads. Each
 * format's reader validates its counts (`coverage-istanbul.ts`,
 * `coverage-lcov.ts`).
 */



/** Reads a coverage report file in either format; `name` is how messages call it (default: the path). */
async function readCoverage(file, name = file) {
    const text = await (0,sources_files/* readText */.yR)(file);
    if (!text.ok)
        return (0,source_fault/* fault */.D)(text.error.kind, text.error.message.replace(file, name));
    return parseCoverage(text.value, name);
}
/** Parses report text, telling istanbul JSON from lcov by its first characters. */
function parseCoverage(text, name) {
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed.startsWith('{')) {
        // The text as written, so a fault's line and column are the file's.
        const doc = (0,json_evidence/* parseJsonEvidence */.d)(text, name);
        return doc.ok ? parseIstanbulSummary(doc.value, name) : doc;
    }
    // An empty lcov.info is what lcov writers produce when no file was instrumented.
    if (/^(TN|SF):/m.test(trimmed) || (trimmed === '' && /lcov|\.info$/i.test(name)))
        return parseLcov(trimmed, name);
    if (trimmed === '')
        return (0,source_fault/* fault */.D)('malformed', `${name} is empty; expected coverage-summary.json or lcov.info`);
    return (0,source_fault/* fault */.D)('malformed', `${name} is neither an istanbul coverage-summary.json nor an lcov.info tracefile`);
}
/** One report from several (a monorepo's packages): counts summed, files listed together. */
function mergeCoverage(reports) {
    if (reports.length === 1)
        return reports[0];
    const formats = new Set(reports.map((r) => r.format));
    return {
        format: formats.size === 1 ? reports[0].format : 'mixed',
        totals: sumCounts(reports.map((r) => r.totals)),
        files: reports.flatMap((r) => r.files),
        notes: [...new Set(reports.flatMap((r) => r.notes))],
    };
}
/** The files with the lowest line coverage first (most uncovered lines breaking ties); files without lines last. */
function leastCovered(files, limit = 10) {
    const rank = (f) => f.counts.lines.pct ?? Number.POSITIVE_INFINITY;
    const uncovered = (f) => f.counts.lines.total - f.counts.lines.covered;
    return [...files]
        .sort((a, b) => rank(a) - rank(b) || uncovered(b) - uncovered(a) || a.file.localeCompare(b.file))
        .slice(0, limit);
}

;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/coverage-measure.js






// Measures `coverage` checks; `coverage.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
/** How many of the least-covered files the evidence lists. */
const LEAST_COVERED_SHOWN = 10;
async function measureCoverage(spec, environment) {
    if (typeof spec.entry.path !== 'string')
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`path\` must be a file or glob`);
    const files = await (0,sources_files/* findFiles */.lY)(spec.entry.path, environment.workspace);
    if (!files.ok)
        return files;
    const reports = [];
    for (const file of files.value) {
        const report = await readCoverage(file, external_node_path_.relative(environment.workspace, file));
        if (!report.ok)
            return report;
        reports.push(report.value);
    }
    const names = files.value.map((file) => external_node_path_.relative(environment.workspace, file));
    return (0,result.ok)(toMeasured(mergeCoverage(reports), names));
}
function toMeasured(report, reportFiles) {
    const exact = {};
    for (const kind of COVERAGE_KINDS) {
        const { covered, total } = report.totals[kind];
        // Nothing to cover is no data: neither 0% nor 100% is true of it.
        if (total > 0)
            exact[kind] = (0,engine_exact/* fraction */.zO)(covered * 100, total);
    }
    const measurements = Object.fromEntries(COVERAGE_KINDS.map((kind) => [kind, exact[kind] === undefined ? null : (0,engine_exact/* toNumber */.Ro)(exact[kind])]));
    return {
        measurements,
        exact,
        samples: report.files.length,
        evidence: {
            format: report.format,
            reports: reportFiles,
            totals: report.totals,
            notes: report.notes,
            leastCovered: leastCovered(report.files, LEAST_COVERED_SHOWN).map((f) => ({ file: f.file, ...percentages(f.counts) })),
        },
    };
}
/** `{lines: '1/8 (12.5%)', …}`: covered/total per kind, readable in a summary table. */
function percentages(counts) {
    return Object.fromEntries(COVERAGE_KINDS.map((kind) => {
        const { covered, total, pct } = counts[kind];
        return [kind, `${covered}/${total}${pct === null ? '' : ` (${pct}%)`}`];
    }));
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


/***/ })

};
