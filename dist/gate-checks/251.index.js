export const id = 251;
export const ids = [251];
export const modules = {

/***/ 5251:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   measureReports: () => (/* binding */ measureReports)
/* harmony export */ });
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1232);
/* harmony import */ var _engine_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3995);
/* harmony import */ var _sources_reports_rollout_report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6951);
/* harmony import */ var _sources_reports_shown_name_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5696);
/* harmony import */ var _sources_source_fault_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1111);





async function measureReports(spec, environment) {
    const required = spec.entry.action;
    if (required !== undefined && !_sources_reports_rollout_report_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_NAMES */ .G.includes(required)) {
        return (0,_sources_source_fault_js__WEBPACK_IMPORTED_MODULE_2__/* .fault */ .D)('config', `check \`${spec.name}\`: \`action\` must be one of ${_sources_reports_rollout_report_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_NAMES */ .G.join(', ')}, got ${JSON.stringify(required)}`);
    }
    if (typeof spec.entry.path !== 'string')
        return (0,_sources_source_fault_js__WEBPACK_IMPORTED_MODULE_2__/* .fault */ .D)('config', `check \`${spec.name}\`: \`path\` is required (a report file or a glob)`);
    const read = await (0,_sources_reports_rollout_report_js__WEBPACK_IMPORTED_MODULE_1__/* .readRolloutReports */ .Fo)(spec.entry.path, environment.workspace);
    if (!read.ok)
        return read;
    const reports = read.value.map(describeReport);
    const wrongWriter = required === undefined ? [] : reports.filter((report) => report.action !== required);
    const negative = reports.filter((report) => !report.positive);
    const failed = new Set([...wrongWriter, ...negative]).size;
    return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_3__.ok)({
        measurements: { failed },
        samples: reports.length,
        evidence: { reports, requiredAction: required ?? null },
        verdict: {
            status: failed === 0 ? 'pass' : 'fail',
            message: verdictMessage(reports, negative, wrongWriter, required),
            value: failed,
            threshold: 0,
        },
    });
}
function describeReport({ file, report }) {
    return {
        file,
        action: report.action,
        decision: report.decision,
        summary: report.summary,
        positive: (0,_sources_reports_rollout_report_js__WEBPACK_IMPORTED_MODULE_1__/* .isPositiveDecision */ .Cw)(report),
        failingChecks: report.checks.filter((check) => !(0,_engine_status_js__WEBPACK_IMPORTED_MODULE_0__/* .isPassing */ .WG)(check.status)).map((check) => check.name),
    };
}
function verdictMessage(all, negative, wrongWriter, required) {
    const parts = [];
    for (const report of wrongWriter)
        parts.push(`${report.file} was written by ${report.action}, not ${required}`);
    for (const report of negative) {
        const failing = report.failingChecks.length > 0 ? ` (failing: ${report.failingChecks.map((name) => (0,_sources_reports_shown_name_js__WEBPACK_IMPORTED_MODULE_4__/* .shownName */ .H)(name)).join(', ')})` : '';
        parts.push(`${report.file}: ${report.action} decided ${(0,_sources_reports_shown_name_js__WEBPACK_IMPORTED_MODULE_4__/* .shownName */ .H)(report.decision, 30)}${failing}`);
    }
    if (parts.length > 0)
        return parts.join('; ');
    const decisions = all.map((report) => `${report.action} ${report.decision}`).join(', ');
    return `${all.length} ${all.length === 1 ? 'report is' : 'reports are'} positive: ${decisions}`;
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
