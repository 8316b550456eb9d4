export const id = 6;
export const ids = [6];
export const modules = {

/***/ 3006:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measureBundle: () => (/* binding */ measureBundle)
});

// EXTERNAL MODULE: ./.build/engine/exact.js
var exact = __webpack_require__(3422);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./.build/sources/files.js
var files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/reports/json-evidence.js
var json_evidence = __webpack_require__(3275);
// EXTERNAL MODULE: ./.build/sources/reports/shown-name.js
var shown_name = __webpack_require__(5696);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
;// CONCATENATED MODULE: ./.build/sources/bundle-sizes.js









/** The three sizes of some content. */
function sizesOf(content) {
    const brotli = (0,external_node_zlib_.brotliCompressSync)(content, {
        params: {
            [external_node_zlib_.constants.BROTLI_PARAM_QUALITY]: external_node_zlib_.constants.BROTLI_MAX_QUALITY,
            [external_node_zlib_.constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength,
        },
    });
    return { bytes: content.byteLength, gzipBytes: (0,external_node_zlib_.gzipSync)(content, { level: external_node_zlib_.constants.Z_BEST_COMPRESSION }).byteLength, brotliBytes: brotli.byteLength };
}
/** The sums over files. */
function totalSizes(files) {
    return files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzipBytes: sum.gzipBytes + f.gzipBytes, brotliBytes: sum.brotliBytes + f.brotliBytes }), {
        bytes: 0,
        gzipBytes: 0,
        brotliBytes: 0,
    });
}
/** The largest files by gzip size (what is gated), raw size breaking ties. */
function largestFiles(files, limit = 20) {
    return [...files].sort((a, b) => b.gzipBytes - a.gzipBytes || b.bytes - a.bytes || a.file.localeCompare(b.file)).slice(0, limit);
}
/** Growth in percent; `null` when there is nothing to grow from. */
function percentIncrease(current, baseline) {
    if (!(baseline > 0))
        return null;
    return ((current - baseline) / baseline) * 100;
}
/**
 * The gzip bytes an earlier gate-checks report (`report/model.ts`) measured
 * for the bundle-size check of the same name. A report without that check,
 * or whose check measured nothing, is no data, not an error: the check may
 * be new. A document that is not a rollout-guard report, or a size that is
 * not a whole number of bytes ≥ 0, is an error: growth from a negative or
 * made-up baseline would pass any `max-increase`.
 */
function baselineGzipBytes(doc, checkName, name) {
    if (!isRecord(doc) || !Array.isArray(doc.checks))
        return (0,result/* err */._q)(`${name} is not a rollout-guard report (no \`checks\` list)`);
    const check = doc.checks.find((c) => isRecord(c) && c.name === checkName && c.type === 'bundle-size');
    const shown = JSON.stringify((0,shown_name/* shownName */.H)(checkName));
    if (!check)
        return (0,result.ok)({ gzipBytes: null, reason: `${name} has no bundle-size check named ${shown}` });
    const evidence = isRecord(check.evidence) ? check.evidence : {};
    const measurements = isRecord(evidence.measurements) ? evidence.measurements : {};
    const value = measurements['gzip-bytes'];
    if (value === undefined || value === null)
        return (0,result.ok)({ gzipBytes: null, reason: `${name}: check ${shown} has no gzip-bytes measurement` });
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        return (0,result/* err */._q)(`${name}: check ${shown} has a gzip-bytes measurement that is not a whole number of bytes ≥ 0`);
    }
    return (0,result.ok)({ gzipBytes: value, reason: null });
}
/** Reads the baseline report; a missing file is no data (the first run has none), an unreadable one a fault. */
async function readBaseline(file, cwd, checkName) {
    const text = await (0,files/* readText */.yR)(external_node_path_.resolve(cwd, file));
    if (!text.ok)
        return text.error.kind === 'missing' ? (0,result.ok)({ gzipBytes: null, reason: `baseline report not found: ${file}` }) : text;
    const doc = (0,json_evidence/* parseJsonEvidence */.d)(text.value, `baseline ${file}`);
    if (!doc.ok)
        return doc;
    const size = baselineGzipBytes(doc.value, checkName, file);
    return size.ok ? size : (0,source_fault/* fault */.D)('malformed', `baseline ${size.error}`);
}
/**
 * Sizes of the files matching some globs (`!` excludes). A plain folder
 * name means everything under it. Matching nothing is `missing`: a gate on
 * an empty build must not pass.
 */
async function measureFiles(patterns, cwd) {
    const expanded = await Promise.all(patterns.map((pattern) => expandFolder(pattern, cwd)));
    const matches = await (0,dist/* glob */.TI)(expanded, { cwd, absolute: true, onlyFiles: true, dot: true });
    if (matches.length === 0)
        return (0,source_fault/* fault */.D)('missing', `no file matches ${patterns.join(', ')}`);
    const sizes = [];
    for (const absolute of matches.sort()) {
        const file = external_node_path_.relative(cwd, absolute);
        const inside = await (0,files/* resolveReadPath */.sT)(file, cwd);
        if (!inside.ok)
            return inside;
        try {
            sizes.push({ file, ...sizesOf(await (0,promises_.readFile)(absolute)) });
        }
        catch (thrown) {
            return (0,source_fault/* fault */.D)('malformed', `cannot read ${file}: ${(0,result/* messageOf */.bD)(thrown)}`);
        }
    }
    return (0,result.ok)(sizes);
}
async function expandFolder(pattern, cwd) {
    if (pattern.startsWith('!') || (0,dist/* isDynamicPattern */.ey)(pattern))
        return pattern;
    const info = await (0,promises_.stat)(external_node_path_.resolve(cwd, pattern)).catch(() => undefined);
    return info?.isDirectory() ? `${pattern.replace(/\/+$/, '')}/**` : pattern;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/bundle-size-measure.js




// Measures `bundle-size` checks; `bundle-size.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
/** How many of the largest files the evidence lists. */
const LARGEST_SHOWN = 20;
async function measureBundle(spec, environment) {
    const patterns = patternsOf(spec);
    if (!patterns.ok)
        return patterns;
    const baselinePath = spec.entry.baseline;
    if (baselinePath !== undefined && (typeof baselinePath !== 'string' || baselinePath.trim() === '')) {
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`baseline\` must be the path of an earlier gate-checks report`);
    }
    const files = await measureFiles(patterns.value, environment.workspace);
    if (!files.ok)
        return files;
    let baseline = { gzipBytes: null, reason: 'no `baseline` report set' };
    if (typeof baselinePath === 'string') {
        const read = await readBaseline(baselinePath, environment.workspace, spec.name);
        if (!read.ok)
            return read;
        baseline = read.value;
    }
    return (0,result.ok)(toMeasured(files.value, patterns.value, typeof baselinePath === 'string' ? baselinePath : null, baseline));
}
function patternsOf(spec) {
    const { path, files } = spec.entry;
    const isGlobList = Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === 'string' && f.trim() !== '');
    if (path !== undefined && files !== undefined)
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: give \`path\` (one glob) or \`files\` (a list of globs), not both`);
    if (typeof path === 'string' && path.trim() !== '')
        return (0,result.ok)([path]);
    if (isGlobList)
        return (0,result.ok)(files);
    return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: set \`path\` to a glob such as "dist/**/*.js", or \`files\` to a list of globs`);
}
function toMeasured(files, patterns, baselinePath, baseline) {
    const total = totalSizes(files);
    const increase = baseline.gzipBytes === null ? null : percentIncrease(total.gzipBytes, baseline.gzipBytes);
    const reason = baseline.reason ?? (increase === null ? 'the baseline measured 0 gzip bytes; no growth rate from zero' : null);
    return {
        measurements: { bytes: total.bytes, 'gzip-bytes': total.gzipBytes, 'brotli-bytes': total.brotliBytes, files: files.length, increase },
        // Growth of whole byte counts, exactly: +20% is 20, not 19.999999999999996.
        exact: increase === null || baseline.gzipBytes === null ? {} : { increase: (0,exact/* fraction */.zO)((total.gzipBytes - baseline.gzipBytes) * 100, baseline.gzipBytes) },
        samples: files.length,
        evidence: {
            patterns,
            compression: 'per file with node:zlib: gzip level 9, brotli quality 11',
            largest: largestFiles(files, LARGEST_SHOWN),
            baseline: { path: baselinePath, gzipBytes: baseline.gzipBytes, ...(reason ? { reason } : {}) },
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
