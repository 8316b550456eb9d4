export const id = 861;
export const ids = [861];
export const modules = {

/***/ 861:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measureAxe: () => (/* binding */ measureAxe)
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
;// CONCATENATED MODULE: ./.build/sources/reports/axe.js




/**
 * axe-core results: the object `axe.run()` resolves with, which is what
 * `@axe-core/playwright`'s `AxeBuilder.analyze()` and jest-axe's `axe()`
 * return, or a list of them (one per page). Only `violations` decide; passes
 * and `incomplete` (needs review) are counted for the evidence. A result
 * is evidence only when axe ran rules on it: one whose `violations`,
 * `passes`, `incomplete` and `inapplicable` are all empty scanned no page,
 * and a violation whose impact is a word axe does not write is not trusted
 * (a custom rule may carry no impact: `null`, counted in `violations` only).
 */
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];
/** Reads an axe results file; `name` is how messages call it (default: the path). */
async function readAxeResults(file, name = file) {
    const text = await (0,sources_files/* readText */.yR)(file);
    if (!text.ok)
        return (0,source_fault/* fault */.D)(text.error.kind, text.error.message.replace(file, name));
    const doc = (0,json_evidence/* parseJsonEvidence */.d)(text.value, name);
    return doc.ok ? parseAxeResults(doc.value, name) : doc;
}
/** Parses one axe results object or a list of them. */
function parseAxeResults(doc, name) {
    const results = Array.isArray(doc) ? doc : [doc];
    // An empty list checked no page; reading it as "no violations" would pass a gate on no evidence.
    if (results.length === 0)
        return (0,source_fault/* fault */.D)('malformed', `${name} holds an empty list: no page was checked`);
    const report = { pages: [], violations: [] };
    for (const [index, result] of results.entries()) {
        const where = Array.isArray(doc) ? `${name}[${index}]` : name;
        if (!isRecord(result) || !Array.isArray(result.violations))
            return (0,source_fault/* fault */.D)('malformed', `${where} is not axe-core results (no \`violations\` list)`);
        const rulesRun = RULE_LISTS.reduce((sum, list) => sum + lengthOf(result[list]), 0);
        if (rulesRun === 0)
            return (0,source_fault/* fault */.D)('malformed', `${where} lists no rule in violations, passes, incomplete or inapplicable: axe scanned no page`);
        const url = typeof result.url === 'string' ? result.url : null;
        for (const [at, violation] of result.violations.entries()) {
            const parsed = parseViolation(violation, url);
            if (typeof parsed === 'string')
                return (0,source_fault/* fault */.D)('malformed', `${where}.violations[${at}] ${parsed}`);
            report.violations.push(parsed);
        }
        report.pages.push({ url, violations: result.violations.length, incomplete: lengthOf(result.incomplete), passes: lengthOf(result.passes), engine: engineOf(result) });
    }
    return (0,result.ok)(report);
}
/** What axe writes a rule under once it ran: a result with none of these scanned nothing. */
const RULE_LISTS = ['violations', 'passes', 'incomplete', 'inapplicable'];
/** One violation, or what is wrong with it. */
function parseViolation(raw, page) {
    if (!isRecord(raw) || typeof raw.id !== 'string' || !Array.isArray(raw.nodes))
        return 'has no rule `id` or `nodes` list';
    // An impact axe does not write would count in no severity, so max-critical and max-serious would never see it.
    const impact = raw.impact ?? null;
    if (impact !== null && !IMPACTS.includes(impact))
        return `has an impact that is not one of ${IMPACTS.join(', ')} (or null)`;
    return {
        rule: raw.id,
        impact: impact,
        nodes: raw.nodes.length,
        help: typeof raw.help === 'string' ? raw.help : '',
        helpUrl: typeof raw.helpUrl === 'string' ? raw.helpUrl : null,
        page,
    };
}
/**
 * Violated rules per impact, counted once per page (a rule broken on two
 * pages counts twice), and their total. Rules, not elements: forty images
 * without alt text are one fix. Element counts are `nodesByImpact`.
 */
function countByImpact(violations) {
    const counts = { critical: 0, serious: 0, moderate: 0, minor: 0, violations: violations.length };
    for (const violation of violations)
        if (violation.impact)
            counts[violation.impact] += 1;
    return counts;
}
/** Failing elements per impact. */
function nodesByImpact(violations) {
    const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
    for (const violation of violations)
        if (violation.impact)
            counts[violation.impact] += violation.nodes;
    return counts;
}
function engineOf(result) {
    const engine = result.testEngine;
    if (!isRecord(engine) || typeof engine.name !== 'string')
        return null;
    return typeof engine.version === 'string' ? `${engine.name} ${engine.version}` : engine.name;
}
function lengthOf(value) {
    return Array.isArray(value) ? value.length : 0;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/axe-measure.js





// Measures `axe` checks; `axe.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
const IMPACT_ORDER = [...IMPACTS, null];
async function measureAxe(spec, environment) {
    if (typeof spec.entry.path !== 'string')
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`path\` must be a file or glob`);
    const files = await (0,sources_files/* findFiles */.lY)(spec.entry.path, environment.workspace);
    if (!files.ok)
        return files;
    const merged = { pages: [], violations: [] };
    for (const file of files.value) {
        const report = await readAxeResults(file, external_node_path_.relative(environment.workspace, file));
        if (!report.ok)
            return report;
        merged.pages.push(...report.value.pages);
        merged.violations.push(...report.value.violations);
    }
    return (0,result.ok)(toMeasured(merged));
}
function toMeasured(report) {
    // Worst impact first, then the rules breaking the most elements.
    const rules = [...report.violations].sort((a, b) => IMPACT_ORDER.indexOf(a.impact) - IMPACT_ORDER.indexOf(b.impact) || b.nodes - a.nodes);
    return {
        measurements: countByImpact(report.violations),
        samples: report.pages.length,
        evidence: {
            counting: 'critical/serious/moderate/minor/violations count violated rules per page; nodesByImpact counts failing elements',
            nodesByImpact: nodesByImpact(report.violations),
            rules: rules.map((v) => ({ rule: v.rule, impact: v.impact, nodes: v.nodes, help: v.help, helpUrl: v.helpUrl, page: v.page })),
            pages: report.pages,
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


/***/ })

};
