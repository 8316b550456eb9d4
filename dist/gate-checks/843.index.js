export const id = 843;
export const ids = [843];
export const modules = {

/***/ 3843:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measureNpmAudit: () => (/* binding */ measureNpmAudit)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/sources/files.js
var sources_files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/reports/json-evidence.js
var json_evidence = __webpack_require__(3275);
// EXTERNAL MODULE: ./.build/sources/reports/shown-name.js
var shown_name = __webpack_require__(5696);
;// CONCATENATED MODULE: ./.build/sources/reports/npm-audit.js





/**
 * `npm audit --json` output. npm 7 and later write `auditReportVersion: 2`
 * with `vulnerabilities` keyed by package; npm 6 wrote `advisories` keyed by
 * advisory id. Both carry `metadata.vulnerabilities` counts, which are read
 * as npm reports them: npm 7+ counts vulnerable packages, npm 6 counts
 * vulnerable paths. When npm cannot audit, it prints `{"error": …}` instead.
 * The counts are validated: whole numbers ≥ 0, a `total` that is their sum,
 * and no severity counted lower than the packages (npm 7+) or advisories
 * (npm 6) the report lists with it, since each of those counts at least once.
 */
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];
/** Error codes of npm's that mean the registry or the network failed, not the project. */
const NETWORK_CODES = /^(E\d{3}|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)$/;
/** Reads an `npm audit --json` file; `name` is how messages call it (default: the path). */
async function readNpmAudit(file, name = file) {
    const text = await (0,sources_files/* readText */.yR)(file);
    if (!text.ok)
        return (0,source_fault/* fault */.D)(text.error.kind, text.error.message.replace(file, name));
    const doc = (0,json_evidence/* parseJsonEvidence */.d)(text.value, name);
    return doc.ok ? parseNpmAudit(doc.value, name) : doc;
}
/** Parses a parsed `npm audit --json` document of npm 6 or npm 7+. */
function parseNpmAudit(doc, name) {
    if (!isRecord(doc))
        return (0,source_fault/* fault */.D)('malformed', `${name} is not npm audit JSON output`);
    if (isRecord(doc.error))
        return npmErrorFault(doc, doc.error, name);
    const metadata = isRecord(doc.metadata) ? doc.metadata : undefined;
    if (!metadata || !isRecord(metadata.vulnerabilities))
        return (0,source_fault/* fault */.D)('malformed', `${name} has no metadata.vulnerabilities counts; is it \`npm audit --json\` output?`);
    const counts = severityCounts(metadata.vulnerabilities);
    if (!counts.ok)
        return (0,source_fault/* fault */.D)('malformed', `${name}: ${counts.error}`);
    const listing = isRecord(doc.vulnerabilities)
        ? { format: 'npm7', entries: Object.values(doc.vulnerabilities), nameKey: 'name', dependencies: npm7Dependencies(metadata) }
        : isRecord(doc.advisories)
            ? { format: 'npm6', entries: Object.values(doc.advisories), nameKey: 'module_name', dependencies: typeof metadata.totalDependencies === 'number' ? metadata.totalDependencies : null }
            : null;
    if (!listing)
        return (0,source_fault/* fault */.D)('malformed', `${name} has neither \`vulnerabilities\` (npm 7+) nor \`advisories\` (npm 6)`);
    const listed = listedBySeverity(listing.entries);
    const undercounted = SEVERITIES.find((severity) => counts.value[severity] < listed[severity]);
    if (undercounted) {
        const what = listing.format === 'npm7' ? 'vulnerable packages' : 'advisories';
        return (0,source_fault/* fault */.D)('malformed', `${name}: metadata.vulnerabilities.${undercounted} is ${counts.value[undercounted]} but the report lists ${listed[undercounted]} ${undercounted} ${what}; it was edited`);
    }
    return (0,result.ok)({ format: listing.format, counts: counts.value, packages: packagesBySeverity(listing.entries, listing.nameKey), dependencies: listing.dependencies });
}
/**
 * npm's failure output quoted: `{"error": {code, summary, detail}}` (e.g.
 * ENOLOCK), or an HTTP failure of the audit endpoint with `statusCode` and
 * `message` beside an empty `error`. The registry's failures are `provider`
 * faults, kept apart from a project's.
 */
function npmErrorFault(doc, error, name) {
    const code = typeof error.code === 'string' ? error.code : typeof doc.statusCode === 'number' ? `HTTP ${doc.statusCode}` : 'unknown error';
    const isProvider = typeof doc.statusCode === 'number' || NETWORK_CODES.test(code);
    // npm's own words (summary, detail) stay in the file: a message names the code, never quotes the output.
    return (0,source_fault/* fault */.D)(isProvider ? 'provider' : 'malformed', `${name}: npm audit failed (${(0,shown_name/* shownName */.H)(code, 40)}); npm's error is in the file`);
}
function severityCounts(raw) {
    const counts = { critical: 0, high: 0, moderate: 0, low: 0, info: 0, total: 0 };
    for (const severity of SEVERITIES) {
        const value = raw[severity];
        if (!isCount(value))
            return (0,result/* err */._q)(`metadata.vulnerabilities.${severity} is not a whole number ≥ 0`);
        counts[severity] = value;
    }
    // npm 6 has no `total`; it is the sum of the severities, as npm 7+ writes it.
    const sum = SEVERITIES.reduce((total, severity) => total + counts[severity], 0);
    if (raw.total !== undefined && raw.total !== sum)
        return (0,result/* err */._q)(`metadata.vulnerabilities.total is not the sum of the severities (${sum})`);
    counts.total = sum;
    return (0,result.ok)(counts);
}
/** How many listed entries (npm 7+ packages, npm 6 advisories) have each severity. */
function listedBySeverity(entries) {
    const listed = { critical: 0, high: 0, moderate: 0, low: 0, info: 0 };
    for (const entry of entries) {
        if (isRecord(entry) && SEVERITIES.includes(entry.severity))
            listed[entry.severity] += 1;
    }
    return listed;
}
function packagesBySeverity(entries, nameKey) {
    const packages = { critical: new Set(), high: new Set(), moderate: new Set(), low: new Set(), info: new Set() };
    for (const entry of entries) {
        if (!isRecord(entry) || typeof entry[nameKey] !== 'string')
            continue;
        const severity = entry.severity;
        if (SEVERITIES.includes(severity))
            packages[severity].add(entry[nameKey]);
    }
    return Object.fromEntries(SEVERITIES.map((s) => [s, [...packages[s]].sort()]));
}
function npm7Dependencies(metadata) {
    const dependencies = metadata.dependencies;
    return isRecord(dependencies) && typeof dependencies.total === 'number' ? dependencies.total : null;
}
/** Adds several audits up (workspaces audited apart). */
function mergeAudits(reports) {
    if (reports.length === 1)
        return reports[0];
    const counts = { critical: 0, high: 0, moderate: 0, low: 0, info: 0, total: 0 };
    for (const key of [...SEVERITIES, 'total'])
        counts[key] = reports.reduce((sum, r) => sum + r.counts[key], 0);
    const packages = Object.fromEntries(SEVERITIES.map((s) => [s, [...new Set(reports.flatMap((r) => r.packages[s]))].sort()]));
    const known = reports.map((r) => r.dependencies);
    const dependencies = known.every((d) => d !== null) ? known.reduce((a, b) => a + b, 0) : null;
    const format = reports.every((r) => r.format === reports[0].format) ? reports[0].format : 'mixed';
    return { format, counts, packages, dependencies };
}
function isCount(value) {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/npm-audit-measure.js





// Measures `npm-audit` checks; `npm-audit.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
async function measureNpmAudit(spec, environment) {
    if (typeof spec.entry.path !== 'string')
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`path\` must be a file or glob`);
    const files = await (0,sources_files/* findFiles */.lY)(spec.entry.path, environment.workspace);
    if (!files.ok)
        return files;
    const names = files.value.map((file) => external_node_path_.relative(environment.workspace, file));
    const reports = [];
    for (const [index, file] of files.value.entries()) {
        const report = await readNpmAudit(file, names[index]);
        if (!report.ok)
            return report;
        reports.push(report.value);
    }
    return (0,result.ok)(toMeasured(mergeAudits(reports), names));
}
function toMeasured(report, files) {
    return {
        measurements: { ...report.counts },
        samples: report.dependencies,
        evidence: {
            format: report.format,
            reports: files,
            dependencies: report.dependencies,
            // Only severities with findings, worst first, so the summary shows what to fix.
            packages: Object.fromEntries(SEVERITIES.filter((s) => report.packages[s].length > 0).map((s) => [s, report.packages[s]])),
        },
    };
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
