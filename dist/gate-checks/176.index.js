export const id = 176;
export const ids = [176];
export const modules = {

/***/ 7176:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  junitMeasurements: () => (/* binding */ junitMeasurements),
  measureJunit: () => (/* binding */ measureJunit)
});

// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/sources/files.js
var sources_files = __webpack_require__(192);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/reports/counts.js
var counts = __webpack_require__(2675);
// EXTERNAL MODULE: ./.build/sources/reports/source-location.js
var source_location = __webpack_require__(1092);
;// CONCATENATED MODULE: ./.build/sources/reports/junit-case.js

function attribute(attributes, name) {
    return attributes[name]?.trim();
}
// Surefire writes the control characters of coloured output as references
// XML forbids (`&#27;[31m`); the parser leaves them as written. Decoded here,
// in what a message shows, so the colour codes are stripped with the rest.
const CONTROL_REFERENCE = /&#(?:x([0-9a-fA-F]{1,2})|([0-9]{1,2}));/g;
function withControlCharacters(text) {
    if (!text.includes('&#'))
        return text;
    return text.replace(CONTROL_REFERENCE, (reference, hex, decimal) => {
        const code = hex === undefined ? Number(decimal) : parseInt(hex, 16);
        return code < 0x20 ? String.fromCharCode(code) : reference;
    });
}
function caseParts(attributes) {
    return { attributes, failure: null, error: null, flakyFailure: null, flakyError: null, skipped: false };
}
/**
 * How a testcase ended, by its children. Surefire's reruns: `flakyFailure` /
 * `flakyError` sit in a testcase that passed on a rerun (flaky, not failed);
 * `rerunFailure` / `rerunError` sit beside the `failure` / `error` of one that
 * failed every run (still failed). Should a tool put both a `failure` and
 * an `error` in one testcase, it is one failed test. (pytest puts a teardown
 * error in the test's own testcase, or, when the test had already failed,
 * in a second testcase of the same name: two entries, as pytest counts them.)
 */
function outcomeOf(parts) {
    if (parts.failure !== null)
        return 'failed';
    if (parts.error !== null)
        return 'error';
    if (parts.flakyFailure !== null || parts.flakyError !== null)
        return 'flaky';
    return parts.skipped ? 'skipped' : 'passed';
}
/** The testcase an annotation and the evidence show; only failed, error and flaky ones are built. */
function readCase(parts, outcome, suites, suiteFile) {
    const attributes = parts.attributes;
    const problem = parts.failure ?? parts.error ?? parts.flakyFailure ?? parts.flakyError;
    const line = Number(attribute(attributes, 'line'));
    return {
        suites,
        name: attribute(attributes, 'name') ?? '(unnamed test)',
        classname: attribute(attributes, 'classname') || null,
        outcome,
        file: attribute(attributes, 'file') || suiteFile,
        line: Number.isInteger(line) && line > 0 ? line : null,
        message: problem === null ? null : describeProblem(problem),
        details: problem === null ? null : problemText(problem),
    };
}
/** The message attribute, else the body's first lines; `failed` for a bare `<failure/>`. */
function describeProblem(problem) {
    const summary = (0,source_location/* firstLines */.UV)(message(problem) || bodyText(problem));
    return summary === '' ? (attribute(problem.attributes, 'type') ?? 'failed') : summary;
}
function problemText(problem) {
    return [message(problem) ?? '', bodyText(problem)].filter((part) => part !== '').join('\n');
}
/** Body text, or Surefire's `<stackTrace>` child in rerun and flaky elements. */
function bodyText(problem) {
    return withControlCharacters(problem.text !== '' ? problem.text : (problem.stackTrace ?? ''));
}
function message(problem) {
    const text = attribute(problem.attributes, 'message');
    return text === undefined ? undefined : withControlCharacters(text);
}
// Extensions of test sources, for telling a file in `classname` (Vitest,
// Playwright) from a class or package name (`example.ExampleTests`, Go's
// `github.com/org/pkg`).
const SOURCE_EXTENSIONS = new Set(['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx', 'vue', 'svelte', 'py', 'rb', 'php', 'phpt', 'go', 'rs', 'java', 'kt', 'scala', 'cs', 'fs', 'swift', 'feature']);
/**
 * Where to annotate a failed test: the testcase's `file` and `line`
 * attributes (PHPUnit, Playwright's junit); else the first `path:line` of
 * its failure text inside the workspace (stack traces of Jest, Vitest,
 * pytest, cargo); else line 1 of its test file, from `file` or a `classname`
 * that is a file name (Vitest). `null` when none points into the workspace.
 */
function locateCase(testcase, workspace) {
    const file = testcase.file === null ? null : (0,source_location/* toWorkspacePath */.CR)(testcase.file, workspace);
    if (file !== null && testcase.line !== null)
        return { path: file, line: testcase.line };
    const classFile = testcase.classname !== null && isSourceFile(testcase.classname) ? (0,source_location/* toWorkspacePath */.CR)(testcase.classname, workspace) : null;
    const testFile = file ?? classFile;
    const inText = testcase.details === null ? null : (0,source_location/* locateInText */.Xm)(testcase.details, workspace, testFile);
    if (inText)
        return inText;
    return testFile === null ? null : { path: testFile, line: 1 };
}
function isSourceFile(name) {
    const extension = /\.([A-Za-z]+)$/.exec(name)?.[1];
    return !/\s/.test(name) && extension !== undefined && SOURCE_EXTENSIONS.has(extension.toLowerCase());
}
/** `class › test`: the classname where it adds to the name (not Jest's copy of it), else the innermost suite. */
function caseTitle(testcase) {
    const group = testcase.classname !== null && testcase.classname !== testcase.name ? testcase.classname : testcase.suites.at(-1);
    return group === undefined || group === '' ? testcase.name : `${group} › ${testcase.name}`;
}

// EXTERNAL MODULE: ./node_modules/saxes/saxes.js
var saxes = __webpack_require__(9800);
;// CONCATENATED MODULE: ./.build/sources/reports/xml-stream.js



const TOLERATED = new Set(['undefined entity.', 'malformed character entity.', 'disallowed character.', 'the string "]]>" is disallowed in char data.']);
// The HTML named characters some writers put in XML without declaring them.
const HTML_ENTITIES = {
    nbsp: '\u00a0',
    copy: '\u00a9',
    reg: '\u00ae',
    trade: '\u2122',
    mdash: '\u2014',
    ndash: '\u2013',
    hellip: '\u2026',
    laquo: '\u00ab',
    raquo: '\u00bb',
    lsquo: '\u2018',
    rsquo: '\u2019',
    ldquo: '\u201c',
    rdquo: '\u201d',
    bull: '\u2022',
    para: '\u00b6',
    sect: '\u00a7',
    deg: '\u00b0',
    frac12: '\u00bd',
    frac14: '\u00bc',
    frac34: '\u00be',
    cent: '\u00a2',
    pound: '\u00a3',
    yen: '\u00a5',
    euro: '\u20ac',
};
class XmlStream {
    file;
    handler;
    parser = new saxes/* SaxesParser */.wT();
    // The open elements, innermost last: names and where each starts, for messages.
    names = [];
    lines = [];
    columns = [];
    lastClosed = { name: '', line: 0, column: null };
    startLine = 0;
    startColumn = null;
    sawContent = false;
    // Where the whitespace before the first markup ended, across chunks.
    leadingLines = 0;
    leadingColumn = 0;
    textOn = false;
    problem = null;
    mismatch = null;
    constructor(file, handler) {
        this.file = file;
        this.handler = handler;
        Object.assign(this.parser.ENTITIES, HTML_ENTITIES);
        this.parser.on('opentagstart', (tag) => this.onOpenTagStart(tag.name));
        this.parser.on('opentag', (tag) => this.onOpenTag(tag));
        this.parser.on('closetag', (tag) => this.onCloseTag(tag.name));
        this.parser.on('cdata', (piece) => this.onCData(piece));
        this.parser.on('error', (error) => this.onError(error.message));
    }
    /** Reads the next chunk; false once the XML is known to be malformed, when reading may stop. */
    write(chunk) {
        if (this.stopped)
            return false;
        if (!this.sawContent && !this.checkStart(chunk))
            return false;
        this.parser.write(chunk);
        this.settleMismatch();
        return !this.stopped;
    }
    /** After the last chunk: whether the document was well-formed and complete. */
    end() {
        this.settleMismatch();
        if (!this.stopped) {
            if (!this.sawContent)
                return (0,source_fault/* fault */.D)('malformed', `${this.file} is empty; the test run may have stopped before writing its report`);
            if (this.names.length > 0) {
                const open = this.names.map((name) => `<${shownXmlName(name)}>`).join(', ');
                return (0,source_fault/* fault */.D)('malformed', `${this.file}: not valid XML: it ends with ${open} still open; the file is cut short`);
            }
            this.parser.close();
        }
        const message = this.mismatch === null ? this.problem : this.describeMismatch(this.mismatch);
        return message === null ? (0,result.ok)(undefined) : (0,source_fault/* fault */.D)('malformed', message);
    }
    get stopped() {
        return this.problem !== null || this.mismatch !== null;
    }
    /** Before any markup, only whitespace may come; a file that starts otherwise (JSON, text) is named by its first character. */
    checkStart(chunk) {
        const first = chunk.search(/\S/);
        const before = first === -1 ? chunk : chunk.slice(0, first);
        const lastBreak = before.lastIndexOf('\n');
        this.leadingLines += before.split('\n').length - 1;
        this.leadingColumn = lastBreak === -1 ? this.leadingColumn + before.length : before.length - lastBreak - 1;
        if (first === -1)
            return true;
        this.sawContent = true;
        if (chunk[first] === '<')
            return true;
        this.problem = this.at(this.leadingLines + 1, this.leadingColumn + 1, `char '${shownXmlName(chunk[first])}' is not expected.`);
        return false;
    }
    onOpenTagStart(name) {
        this.settleMismatch();
        // saxes has read the name and the character after it. Where that was a
        // line break the tag started on the line before, at a column not kept.
        const { line, column } = this.parser;
        this.startLine = column === 0 ? line - 1 : line;
        this.startColumn = column === 0 ? null : column - name.length - 1;
    }
    onOpenTag(tag) {
        if (this.stopped)
            return;
        this.names.push(tag.name);
        this.lines.push(this.startLine);
        this.columns.push(this.startColumn);
        this.handler.open(tag.name, tag.attributes, this.startLine);
        this.syncText();
    }
    onCloseTag(name) {
        const mismatch = this.mismatch;
        if (mismatch !== null) {
            this.settleMismatch();
            if (mismatch.actual === undefined)
                mismatch.candidate = name;
            return;
        }
        if (this.problem !== null)
            return;
        this.lastClosed = { name: this.names.pop(), line: this.lines.pop(), column: this.columns.pop() };
        this.handler.close();
        this.syncText();
    }
    onText = (piece) => {
        if (!this.stopped)
            this.handler.text(piece, false);
    };
    onCData(piece) {
        this.settleMismatch();
        if (!this.stopped && this.handler.wantsText)
            this.handler.text(piece, true);
    }
    /** Builds text only while the open element wants it: most of a report's bytes are output nobody reads. */
    syncText() {
        const wants = this.handler.wantsText;
        if (wants === this.textOn)
            return;
        this.textOn = wants;
        if (wants)
            this.parser.on('text', this.onText);
        else
            this.parser.off('text');
    }
    onError(raw) {
        const message = /^\d+:\d+: (.*)$/s.exec(raw)?.[1] ?? raw;
        const unmatched = /^unmatched closing tag: (.*)\.$/s.exec(message)?.[1];
        const mismatch = this.mismatch;
        if (mismatch !== null) {
            if (message === 'unexpected close tag.' && mismatch.actual === undefined)
                mismatch.candidate = undefined;
            if (unmatched !== undefined)
                mismatch.actual ??= unmatched;
            return;
        }
        if (this.problem !== null || TOLERATED.has(message))
            return;
        const { line, column } = this.parser;
        if (message === 'unexpected close tag.') {
            this.mismatch = { expected: this.lastClosed, line, column };
        }
        else if (unmatched !== undefined) {
            this.problem = this.at(line, closeTagColumn(column, unmatched), `Closing tag '${shownXmlName(unmatched)}' has not been opened.`);
        }
        else {
            this.problem = this.at(line, column, describeSaxesError(message));
        }
    }
    /** A close tag saxes matched and did not take back: the tag the mismatch met. */
    settleMismatch() {
        const mismatch = this.mismatch;
        if (mismatch !== null && mismatch.actual === undefined && mismatch.candidate !== undefined)
            mismatch.actual = mismatch.candidate;
    }
    describeMismatch(mismatch) {
        const { expected, actual } = mismatch;
        const opened = expected.column === null ? `line ${expected.line}` : `line ${expected.line}, col ${expected.column}`;
        const expecting = `Expected closing tag '${shownXmlName(expected.name)}' (opened in ${opened})`;
        if (actual === undefined)
            return this.at(mismatch.line, mismatch.column, `${expecting} instead of another closing tag.`);
        return this.at(mismatch.line, closeTagColumn(mismatch.column, actual), `${expecting} instead of closing tag '${shownXmlName(actual)}'.`);
    }
    at(line, column, message) {
        return `${this.file}:${line}:${column}: not valid XML: ${message}`;
    }
}
/** Where `</name>` started, from saxes's column just past its `>`. */
function closeTagColumn(columnAfter, name) {
    return Math.max(1, columnAfter - name.length - 2);
}
/** saxes's message; names it quotes are shown as {@link shownXmlName} shows them. */
function describeSaxesError(message) {
    const duplicate = /^duplicate attribute: (.*)\.$/s.exec(message)?.[1];
    if (duplicate !== undefined)
        return `Attribute '${shownXmlName(duplicate)}' is repeated.`;
    const named = /^(.*?): (.*)$/s.exec(message);
    return named === null ? message : `${named[1]}: '${shownXmlName(named[2].replace(/\.$/, ''))}'.`;
}
const XML_NAME = /^[A-Za-z_:][-\w.:]{0,63}$/;
/** A quoted XML name as written, one printable character, or `…` for anything else the file holds. */
function shownXmlName(quoted) {
    return XML_NAME.test(quoted) || /^[\x21-\x7e]$/.test(quoted) ? quoted : '…';
}

;// CONCATENATED MODULE: ./.build/sources/reports/junit-suite.js


const ZERO_COUNTS = { tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 };
const COUNT_ATTRIBUTES = ['tests', 'failures', 'errors', 'skipped', 'disabled'];
const DIGITS = /^\s*\d+\s*$/;
const SUITE_ATTRIBUTES = ['name', 'file', ...COUNT_ATTRIBUTES];
const PROBLEM_KINDS = new Set(['failure', 'error', 'flakyFailure', 'flakyError']);
/** Any element the walk passes over, with everything in it. */
const OTHER = { kind: 'other' };
/**
 * Receives a report's elements from {@link XmlStream}. The first fault it
 * finds is kept, and the rest of the file is only checked for
 * well-formedness: a broken file's XML error comes before a fault of its
 * content.
 */
class SuiteWalker {
    file;
    fault = null;
    frames = [];
    walk = { failedOrFlaky: [], counts: { ...ZERO_COUNTS }, suitesCountedFromAttributes: 0 };
    sawRoot = false;
    constructor(file) {
        this.file = file;
    }
    get wantsText() {
        const top = this.frames[this.frames.length - 1];
        return top !== undefined && (top.kind === 'problem' || top.kind === 'stackTrace');
    }
    /** The walk so far; complete once the root has closed. */
    get result() {
        return this.walk;
    }
    open(name, attributes, line) {
        const parent = this.frames[this.frames.length - 1];
        if (this.fault !== null) {
            this.frames.push(OTHER);
        }
        else if (!this.sawRoot) {
            this.sawRoot = true;
            this.openRoot(name, attributes, line);
        }
        else if (parent?.kind === 'suite') {
            this.openInSuite(parent, name, attributes, line);
        }
        else if (parent?.kind === 'case') {
            this.frames.push(openInCase(parent.parts, name, attributes));
        }
        else if (parent?.kind === 'problem' && name === 'stackTrace' && parent.parts.stackTrace === null) {
            this.frames.push({ kind: 'stackTrace', problem: parent.parts, text: '' });
        }
        else {
            this.frames.push(OTHER);
        }
    }
    close() {
        const frame = this.frames.pop();
        if (frame === undefined || this.fault !== null)
            return;
        if (frame.kind === 'suite')
            this.closeSuite(frame);
        else if (frame.kind === 'case')
            this.closeCase(frame);
        else if (frame.kind === 'stackTrace')
            frame.problem.stackTrace = frame.text;
    }
    text(piece, isCData) {
        const top = this.frames[this.frames.length - 1];
        // As JUnit readers have always read it: text runs trimmed, CDATA as written.
        const text = isCData ? piece : piece.trim();
        if (top?.kind === 'problem')
            top.parts.text += text;
        else if (top?.kind === 'stackTrace')
            top.text += text;
    }
    /** `<testsuites>`, or a bare `<testsuite>` (whose name, unlike the root's, is a suite's). */
    openRoot(name, attributes, line) {
        if (name !== 'testsuites' && name !== 'testsuite') {
            this.refuse(`${this.file}: not a JUnit report: expected a <testsuites> or <testsuite> root, found root <${shownXmlName(name)}>`);
            this.frames.push(OTHER);
            return;
        }
        this.openSuite(name, attributes, line, [], null, name === 'testsuites');
    }
    openInSuite(parent, name, attributes, line) {
        if (name === 'testsuite') {
            parent.holdsAny = true;
            this.openSuite(name, attributes, line, parent.names, parent.file, false);
        }
        else if (name === 'testcase') {
            parent.holdsAny = true;
            this.frames.push({ kind: 'case', suite: parent, parts: caseParts(attributes) });
        }
        else {
            this.frames.push(OTHER);
        }
    }
    openSuite(tag, raw, line, names, inheritedFile, isRoot) {
        const attributes = picked(raw, SUITE_ATTRIBUTES);
        const declared = readCountAttributes(attributes);
        if (typeof declared === 'string') {
            this.refuse(`${this.file}:${line}: <${tag}> attribute \`${declared}\` is not a whole number ≥ 0`);
            this.frames.push(OTHER);
            return;
        }
        const here = isRoot || attributes.name === undefined || attributes.name === '' ? names : [...names, attributes.name];
        this.frames.push({ kind: 'suite', tag, line, declared, names: here, file: attributes.file ?? inheritedFile, counts: { ...ZERO_COUNTS }, holdsAny: false });
    }
    closeSuite(suite) {
        let counts = suite.counts;
        if (!suite.holdsAny) {
            counts = this.fromAttributes(suite.declared);
        }
        else {
            const contradiction = contradictionOf(suite.declared, counts);
            if (contradiction) {
                this.refuse(`${this.file}:${suite.line}: <${suite.tag}> ${contradiction}; the report is incomplete or was edited`);
                return;
            }
        }
        const parent = this.frames[this.frames.length - 1];
        addInto(parent?.kind === 'suite' ? parent.counts : this.walk.counts, counts);
    }
    closeCase(frame) {
        const outcome = outcomeOf(frame.parts);
        const counts = frame.suite.counts;
        counts.tests += 1;
        if (outcome === 'failed')
            counts.failures += 1;
        else if (outcome === 'error')
            counts.errors += 1;
        else
            counts[outcome] += 1;
        if (outcome === 'failed' || outcome === 'error' || outcome === 'flaky') {
            this.walk.failedOrFlaky.push(readCase(frame.parts, outcome, frame.suite.names, frame.suite.file));
        }
    }
    /** A suite with no testcases at all: its own attributes are all there is (e.g. tests="0"). */
    fromAttributes(declared) {
        const failures = declared.failures ?? 0;
        const errors = declared.errors ?? 0;
        const skipped = (declared.skipped ?? 0) + (declared.disabled ?? 0);
        const tests = declared.tests ?? 0;
        if (tests + failures + errors + skipped === 0)
            return { ...ZERO_COUNTS };
        this.walk.suitesCountedFromAttributes += 1;
        // A count is never lowered: `tests` below the others still counts every failure and skip.
        const passed = Math.max(0, tests - failures - errors - skipped);
        return { tests: passed + failures + errors + skipped, passed, failures, errors, flaky: 0, skipped };
    }
    refuse(message) {
        this.fault ??= { kind: 'malformed', message };
    }
}
/** A testcase's child: the first of each element that decides its outcome is read; the rest are passed over. */
function openInCase(parts, name, attributes) {
    if (name === 'skipped') {
        parts.skipped = true;
    }
    else if (PROBLEM_KINDS.has(name) && parts[name] === null) {
        const problem = { attributes, text: '', stackTrace: null };
        parts[name] = problem;
        return { kind: 'problem', parts: problem };
    }
    return OTHER;
}
/** The suite attributes the walk reads, trimmed. */
function picked(attributes, names) {
    const values = {};
    for (const name of names) {
        const value = attributes[name];
        if (value !== undefined)
            values[name] = value.trim();
    }
    return values;
}
/** The count attributes present, or the name of the first that is not a whole number ≥ 0. */
function readCountAttributes(attributes) {
    const declared = {};
    for (const name of COUNT_ATTRIBUTES) {
        const raw = attributes[name];
        if (raw === undefined)
            continue;
        const value = DIGITS.test(raw) ? Number(raw) : Number.NaN;
        if (!Number.isSafeInteger(value))
            return name;
        declared[name] = value;
    }
    return declared;
}
/** Where a suite's attributes claim more than its testcases show. */
function contradictionOf(declared, held) {
    if (declared.failures !== undefined || declared.errors !== undefined) {
        const said = (declared.failures ?? 0) + (declared.errors ?? 0);
        const failing = held.failures + held.errors;
        if (said > failing)
            return `says ${said} failures and errors but holds ${failing} failing testcase${failing === 1 ? '' : 's'}`;
    }
    if (declared.skipped !== undefined && declared.skipped > held.skipped) {
        return `says ${declared.skipped} skipped but holds ${held.skipped} skipped testcase${held.skipped === 1 ? '' : 's'}`;
    }
    return null;
}
function addInto(sum, counts) {
    sum.tests += counts.tests;
    sum.passed += counts.passed;
    sum.failures += counts.failures;
    sum.errors += counts.errors;
    sum.flaky += counts.flaky;
    sum.skipped += counts.skipped;
}

;// CONCATENATED MODULE: ./.build/sources/reports/xml-fast-scan.js

/**
 * A fast first reading of XML that hands the same elements to the same
 * handler as {@link XmlStream}, for the documents test runners really
 * write: it jumps from markup to markup with `indexOf` and sticky regular
 * expressions instead of reading character by character, which makes it
 * several times faster than saxes on large reports.
 *
 * It is deliberately narrow. It accepts a document only when every part of
 * it is of a form it knows to be well-formed XML and reads exactly as saxes
 * reads it: ASCII names, quoted attributes with the XML and common HTML
 * entities, comments, CDATA, an XML declaration of version 1.0 at the very
 * start, line ends in `\n` or `\r\n`. Anything else — a DOCTYPE, a
 * processing instruction, an unknown or malformed entity, a forbidden
 * character where text is kept, a mismatched tag, a second root, a cut-off
 * file, or the first doubt of any kind — is not judged here: the scanner
 * `defer`s, and the reader reads the file again with saxes, whose verdict
 * and messages stand. So a document this scanner accepts is one saxes
 * accepts, with the same elements, attributes, lines and kept text (a test
 * checks this against saxes on mutated reports), and every error message
 * still comes from saxes.
 */
const WS = '[ \\t\\r\\n]';
const NAME = '[A-Za-z_:][-\\w.:]*';
const OPEN_TAG = new RegExp(`<(${NAME})((?:${WS}+${NAME}${WS}*=${WS}*(?:"[^"<]*"|'[^'<]*'))*)${WS}*(/?)>`, 'y');
const CLOSE_TAG = new RegExp(`</(${NAME})${WS}*>`, 'y');
const XML_DECLARATION = new RegExp(`<\\?xml${WS}+version${WS}*=${WS}*(?:"1\\.0"|'1\\.0')` +
    `(?:${WS}+encoding${WS}*=${WS}*(?:"[A-Za-z][-\\w.]*"|'[A-Za-z][-\\w.]*'))?` +
    `(?:${WS}+standalone${WS}*=${WS}*(?:"(?:yes|no)"|'(?:yes|no)'))?${WS}*\\?>`, 'y');
const REFERENCE = /&(?:#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/y;
const ONLY_WHITESPACE = /^[ \t\r\n]*$/;
// Anything but the characters XML allows: controls other than tab and line ends, a lone surrogate, U+FFFE/U+FFFF.
const UNUSUAL_CHARACTER = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Text held back at most while waiting for the end of a tag, comment or run of text; past it, saxes reads the file as a stream. */
const MAX_PENDING = 1024 * 1024;
var Place;
(function (Place) {
    Place[Place["BeforeRoot"] = 0] = "BeforeRoot";
    Place[Place["InRoot"] = 1] = "InRoot";
    Place[Place["AfterRoot"] = 2] = "AfterRoot";
})(Place || (Place = {}));
class XmlFastScan {
    handler;
    buffer = '';
    position = 0;
    // Where to look again for the end of what is pending, so that a long run is searched once, not once per chunk.
    searchFrom = 0;
    place = Place.BeforeRoot;
    open = [];
    atDocumentStart = true;
    // Lines counted up to linePosition in the buffer.
    line = 1;
    linePosition = 0;
    // The last chunk ended in `\r`: whether it was a `\r\n` shows in the next.
    endedInCr = false;
    // Whether any chunk so far held a character XML forbids; until one does, no text or value needs checking for them.
    unusualSeen = false;
    deferred = false;
    constructor(handler) {
        this.handler = handler;
    }
    /** Reads the next chunk; false once the document is left to the strict reader. */
    write(chunk) {
        if (this.deferred)
            return false;
        // saxes reads a lone surrogate together with the character after it, markup included; text decoded from UTF-8 has none.
        if (!this.unusualSeen && UNUSUAL_CHARACTER.test(chunk))
            this.unusualSeen = true;
        if (!chunk.isWellFormed() || !this.checkLineEnds(chunk)) {
            this.defer();
            return false;
        }
        this.buffer = this.position === this.buffer.length ? chunk : this.buffer.slice(this.position) + chunk;
        this.searchFrom -= this.position;
        this.linePosition -= this.position;
        this.position = 0;
        if (this.atDocumentStart) {
            if (this.buffer.length < 256 && !this.buffer.includes('>'))
                return true;
            this.atDocumentStart = false;
            if (this.buffer.charCodeAt(0) === 0xfeff)
                this.position = this.linePosition = this.searchFrom = 1;
            if (this.buffer.startsWith('<?', this.position))
                this.readDeclaration();
        }
        if (!this.deferred)
            this.scan(false);
        if (!this.deferred) {
            this.countLines(this.position);
            if (this.buffer.length - this.position > MAX_PENDING)
                this.defer();
        }
        return !this.deferred;
    }
    /** After the last chunk: true when the whole document was read here; false when the strict reader must read it. */
    end() {
        if (this.deferred)
            return false;
        if (this.atDocumentStart)
            return false;
        this.scan(true);
        if (this.deferred)
            return false;
        if (!ONLY_WHITESPACE.test(this.buffer.slice(this.position)))
            return false;
        return this.place === Place.AfterRoot;
    }
    defer() {
        this.deferred = true;
    }
    readDeclaration() {
        XML_DECLARATION.lastIndex = this.position;
        if (XML_DECLARATION.test(this.buffer))
            this.position = this.searchFrom = XML_DECLARATION.lastIndex;
        else
            this.defer();
    }
    /** Reads every complete piece of markup and text in the buffer; `final` when no more input comes. */
    scan(final) {
        const buffer = this.buffer;
        while (!this.deferred) {
            // Markup left pending by the last chunk is read again from its start; text is searched on from where the search stopped.
            const lt = buffer.charCodeAt(this.position) === 0x3c ? this.position : buffer.indexOf('<', Math.max(this.position, this.searchFrom));
            if (lt === -1) {
                this.searchFrom = buffer.length;
                return;
            }
            if (lt > this.position && !this.readText(buffer.slice(this.position, lt)))
                return this.defer();
            this.position = this.searchFrom = lt;
            if (lt + 1 >= buffer.length)
                return final ? this.defer() : undefined;
            const next = buffer.charCodeAt(lt + 1);
            let progressed;
            if (next === 0x2f)
                progressed = this.readCloseTag(lt);
            else if (next === 0x21)
                progressed = this.readBang(lt, final);
            else
                progressed = this.readOpenTag(lt);
            // null: the markup may end in a later chunk.
            if (progressed === null) {
                if (final)
                    this.defer();
                return;
            }
            if (!progressed)
                return this.defer();
        }
    }
    readOpenTag(start) {
        if (this.place === Place.AfterRoot)
            return false;
        OPEN_TAG.lastIndex = start;
        const match = OPEN_TAG.exec(this.buffer);
        // No well-formed tag holds a `<`: with one after it, this tag is whole here and not one of ours; without, it may go on in the next chunk.
        if (match === null)
            return this.buffer.indexOf('<', start + 1) === -1 ? null : false;
        const name = match[1];
        const attributes = readAttributes(match[2], this.unusualSeen);
        if (attributes === null)
            return false;
        this.countLines(start);
        this.position = this.searchFrom = OPEN_TAG.lastIndex;
        this.place = Place.InRoot;
        this.handler.open(name, attributes, this.line);
        if (match[3] === '/')
            this.closeElement();
        else
            this.open.push(name);
        return true;
    }
    readCloseTag(start) {
        CLOSE_TAG.lastIndex = start;
        const match = CLOSE_TAG.exec(this.buffer);
        if (match === null)
            return this.buffer.indexOf('>', start) === -1 ? null : false;
        if (this.open.pop() !== match[1])
            return false;
        this.position = this.searchFrom = CLOSE_TAG.lastIndex;
        this.closeElement();
        return true;
    }
    closeElement() {
        this.handler.close();
        if (this.open.length === 0)
            this.place = Place.AfterRoot;
    }
    /** A comment, or CDATA inside the root; a DOCTYPE or anything else `<!` starts is left to saxes. */
    readBang(start, final) {
        const buffer = this.buffer;
        if (buffer.length - start < 9 && !final)
            return null;
        if (buffer.startsWith('<!--', start)) {
            const end = buffer.indexOf('-->', Math.max(start + 4, this.searchFrom - 2));
            if (end === -1)
                return this.pending();
            const body = buffer.slice(start + 4, end);
            if (body.includes('--') || body.endsWith('-') || (this.unusualSeen && UNUSUAL_CHARACTER.test(body)))
                return false;
            this.position = this.searchFrom = end + 3;
            return true;
        }
        if (buffer.startsWith('<![CDATA[', start) && this.place === Place.InRoot) {
            const end = buffer.indexOf(']]>', Math.max(start + 9, this.searchFrom - 2));
            if (end === -1)
                return this.pending();
            if (this.handler.wantsText) {
                const body = buffer.slice(start + 9, end);
                if (this.unusualSeen && UNUSUAL_CHARACTER.test(body))
                    return false;
                this.handler.text(normalizeLineEnds(body), true);
            }
            this.position = this.searchFrom = end + 3;
            return true;
        }
        return false;
    }
    /** Waits for more input, searching on from the end of what is here. */
    pending() {
        this.searchFrom = this.buffer.length;
        return null;
    }
    /** A run of character data: whitespace outside the root; inside it, references checked (and text handed on where it is kept). */
    readText(raw) {
        if (this.place !== Place.InRoot)
            return ONLY_WHITESPACE.test(raw);
        if (raw.includes(']]>'))
            return false;
        if (!this.handler.wantsText)
            return !raw.includes('&') || checkReferences(raw);
        if (this.unusualSeen && UNUSUAL_CHARACTER.test(raw))
            return false;
        const normalized = normalizeLineEnds(raw);
        const text = normalized.includes('&') ? decodeReferences(normalized) : normalized;
        if (text === null)
            return false;
        this.handler.text(text, false);
        return true;
    }
    /** Line ends `\n` or `\r\n` only: saxes counts a lone `\r` as a line of its own, which the count here does not. */
    checkLineEnds(chunk) {
        if (this.endedInCr && chunk.charCodeAt(0) !== 0x0a)
            return false;
        this.endedInCr = false;
        for (let cr = chunk.indexOf('\r'); cr !== -1; cr = chunk.indexOf('\r', cr + 1)) {
            if (cr + 1 === chunk.length)
                this.endedInCr = true;
            else if (chunk.charCodeAt(cr + 1) !== 0x0a)
                return false;
        }
        return true;
    }
    /** Advances the line count to `target`, counting each line end once. */
    countLines(target) {
        const buffer = this.buffer;
        for (let at = buffer.indexOf('\n', this.linePosition); at !== -1 && at < target; at = buffer.indexOf('\n', at + 1))
            this.line += 1;
        this.linePosition = target;
    }
}
/**
 * Attributes as saxes gives them: values with references decoded and each
 * tab or line end a space; null for anything saxes would read otherwise.
 * `written` has matched the open-tag expression, so it is a run of
 * whitespace, name, `=`, quoted value, read here with `indexOf`. A plain
 * object is safe for the names the walk reads; `__proto__` is left to saxes.
 */
function readAttributes(written, mayHoldUnusual) {
    const attributes = {};
    if (written === '')
        return attributes;
    if (mayHoldUnusual && UNUSUAL_CHARACTER.test(written))
        return null;
    const mayHoldLineEnds = TAB_OR_LINE_END.test(written);
    for (let at = 0, equals = written.indexOf('='); equals !== -1; equals = written.indexOf('=', at)) {
        const name = written.slice(at, equals).trim();
        let quote = equals + 1;
        while (written.charCodeAt(quote) !== 0x22 && written.charCodeAt(quote) !== 0x27)
            quote += 1;
        const end = written.indexOf(written[quote], quote + 1);
        let value = written.slice(quote + 1, end);
        at = end + 1;
        if (name === '__proto__' || attributes[name] !== undefined)
            return null;
        if (value.includes('&')) {
            const decoded = decodeReferences(value, true);
            if (decoded === null)
                return null;
            value = decoded;
        }
        else if (mayHoldLineEnds && TAB_OR_LINE_END.test(value)) {
            value = value.replace(/\r\n?|[\t\n]/g, ' ');
        }
        attributes[name] = value;
    }
    return attributes;
}
const TAB_OR_LINE_END = /[\t\n\r]/;
/**
 * Decodes the references in a run of text or an attribute value (after its
 * line ends and, in a value, whitespace are normalized, as the parser does
 * before it reads references); null when one is not a reference saxes
 * decodes without complaint.
 */
function decodeReferences(raw, inAttribute = false) {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
        REFERENCE.lastIndex = amp;
        const match = REFERENCE.exec(raw);
        if (match === null)
            return null;
        const character = referencedCharacter(match);
        if (character === null)
            return null;
        const plain = raw.slice(from, amp);
        out += (inAttribute ? plain.replace(/\r\n?|[\t\n]/g, ' ') : plain) + character;
        from = REFERENCE.lastIndex;
    }
    const rest = raw.slice(from);
    return out + (inAttribute ? rest.replace(/\r\n?|[\t\n]/g, ' ') : rest);
}
/** Whether every `&` in a run of text starts a reference saxes reads without complaint. */
function checkReferences(raw) {
    // Most runs hold only the five XML entities: one search settles them.
    if (!OTHER_THAN_COMMON_REFERENCE.test(raw))
        return true;
    for (let amp = raw.indexOf('&'); amp !== -1;) {
        const length = referenceLength(raw, amp);
        if (length === 0)
            return false;
        amp = raw.indexOf('&', amp + length);
    }
    return true;
}
const COMMON_REFERENCES = ['&lt;', '&gt;', '&amp;', '&quot;', '&apos;'];
const OTHER_THAN_COMMON_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)/;
/** The length of the reference at `amp`, or 0 when it is not one saxes reads without complaint; the five XML entities without a regular expression. */
function referenceLength(raw, amp) {
    for (const common of COMMON_REFERENCES)
        if (raw.startsWith(common, amp))
            return common.length;
    REFERENCE.lastIndex = amp;
    const match = REFERENCE.exec(raw);
    return match === null || referencedCharacter(match) === null ? 0 : match[0].length;
}
function referencedCharacter(match) {
    const [, decimal, hex, name] = match;
    if (name !== undefined)
        return XML_ENTITIES[name] ?? (Object.hasOwn(HTML_ENTITIES, name) ? HTML_ENTITIES[name] : null);
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex, 16);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    return allowed ? String.fromCodePoint(code) : null;
}
function normalizeLineEnds(text) {
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

;// CONCATENATED MODULE: ./.build/sources/reports/junit.js










/**
 * Reads one JUnit XML file as it arrives, chunk by chunk: elements are
 * counted as they close and no tree is built, so memory holds the open
 * elements and the failing testcases, not the report. `file` names it in
 * faults. Malformed XML, another root or untrustworthy counts are `malformed`.
 *
 * The fast scanner reads first (xml-fast-scan.ts), and the chunks are kept
 * meanwhile, up to `keepLimit` characters. At its first doubt, saxes
 * (xml-stream.ts) reads the file instead and its verdict and messages stand:
 * from the kept text as one piece at the end, so that its messages do not
 * depend on where the chunks broke; past `keepLimit`, as a stream from
 * there on. A doubt after more than `keepLimit` was read sets
 * `mustReadAgain`: the caller reads the file again from its start with
 * `{ strict: true }`.
 */
class JunitReader {
    file;
    walker;
    fast;
    strict = null;
    kept = [];
    keptLength = 0;
    readAgain = false;
    keepLimit;
    constructor(file, { strict = false, keepLimit = KEEP_LIMIT } = {}) {
        this.file = file;
        this.walker = new SuiteWalker(file);
        this.keepLimit = keepLimit;
        this.fast = strict ? null : new XmlFastScan(this.walker);
        if (strict) {
            this.kept = null;
            this.strict = new XmlStream(file, this.walker);
        }
    }
    /** True when the file must be read again from its start by `new JunitReader(file, { strict: true })`. */
    get mustReadAgain() {
        return this.readAgain;
    }
    /** False once the file is known to be malformed XML, or must be read again, when reading may stop. */
    write(chunk) {
        if (this.strict !== null)
            return this.strict.write(chunk);
        if (this.kept !== null) {
            this.kept.push(chunk);
            this.keptLength += chunk.length;
        }
        if (this.fast !== null && this.fast.write(chunk)) {
            if (this.keptLength > this.keepLimit)
                this.kept = null;
            return true;
        }
        this.fast = null;
        if (this.kept === null) {
            this.readAgain = true;
            return false;
        }
        // Past the limit, saxes goes on as a stream from what was kept.
        return this.keptLength > this.keepLimit ? this.startStrict() : true;
    }
    end() {
        if (this.fast !== null && !this.fast.end())
            this.fast = null;
        if (this.readAgain)
            return (0,source_fault/* fault */.D)('malformed', `${this.file} must be read again from its start`);
        if (this.fast === null && this.strict === null)
            this.startStrict();
        if (this.strict !== null) {
            const xml = this.strict.end();
            if (!xml.ok)
                return xml;
        }
        if (this.walker.fault !== null)
            return { ok: false, error: this.walker.fault };
        const { counts, failedOrFlaky, suitesCountedFromAttributes } = this.walker.result;
        return (0,result.ok)({ file: this.file, counts, failedOrFlaky, suitesCountedFromAttributes });
    }
    /** saxes reads what was kept, as one text, with a fresh walker; false when it stopped already. */
    startStrict() {
        this.walker = new SuiteWalker(this.file);
        this.strict = new XmlStream(this.file, this.walker);
        const kept = this.kept ?? [];
        this.kept = null;
        return this.strict.write(kept.join(''));
    }
}
/** Characters of a file kept to hand to saxes should the fast scanner doubt it; past this a doubt means reading the file again. */
const KEEP_LIMIT = 16 * 1024 * 1024;
/** Parses one JUnit XML text held whole. */
function parseJunit(xml, file) {
    // The text is held whole already: keeping it costs nothing.
    const reader = new JunitReader(file, { keepLimit: Number.POSITIVE_INFINITY });
    reader.write(xml);
    return reader.end();
}
/** Reads every file a path or glob matches (relative to `cwd`) and sums them, one file after the other; the first fault, in path order, stops it. */
async function readJunit(pattern, cwd) {
    const files = await (0,sources_files/* findFiles */.lY)(pattern, cwd);
    if (!files.ok)
        return files;
    const parsed = [];
    for (const absolute of files.value) {
        const junit = await readJunitFile(absolute, external_node_path_.relative(cwd, absolute) || absolute);
        if (!junit.ok)
            return junit;
        parsed.push(junit.value);
    }
    return (0,result.ok)({ files: parsed, counts: parsed.reduce((sum, file) => (0,counts/* addCounts */.c)(sum, file.counts), ZERO_COUNTS) });
}
async function readJunitFile(absolute, shown) {
    const reader = new JunitReader(shown);
    const failed = await readInto(reader, absolute, shown);
    if (failed !== null)
        return failed;
    if (!reader.mustReadAgain)
        return reader.end();
    const strict = new JunitReader(shown, { strict: true });
    return (await readInto(strict, absolute, shown)) ?? strict.end();
}
/** Hands the file (a `findFiles` match, so already found inside a read root) to the reader chunk by chunk; a fault reading it, or null. */
async function readInto(reader, absolute, shown) {
    const read = await (0,sources_files/* readCheckedChunks */.G4)(absolute, (chunk) => reader.write(chunk));
    return read.ok ? null : (0,source_fault/* fault */.D)(read.error.kind, read.error.message.replace(absolute, shown));
}

// EXTERNAL MODULE: ./.build/actions/gate-checks/checks/test-run.js
var test_run = __webpack_require__(4168);
;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/junit-measure.js





// Measures `junit` checks; `junit.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
/** How many failing tests the evidence names (the annotations carry them all). */
const FAILURES_SHOWN = 20;
async function measureJunit(spec, environment) {
    if (typeof spec.entry.path !== 'string')
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: \`path\` must be a file or glob of JUnit XML`);
    const run = await readJunit(spec.entry.path, environment.workspace);
    if (!run.ok)
        return run;
    return (0,result.ok)(toMeasured(run.value, environment.workspace));
}
/** The measures of summed counts. */
function junitMeasurements(counts) {
    const { measurements, exact } = (0,test_run/* testRunMeasures */.b)({ ...counts, listed: counts.tests, failed: counts.failures + counts.errors });
    return { measurements: { ...measurements, errors: counts.errors }, exact };
}
function toMeasured(run, workspace) {
    const cases = run.files.flatMap((file) => file.failedOrFlaky);
    const failing = cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
    const flaky = cases.filter((c) => c.outcome === 'flaky');
    return {
        ...junitMeasurements(run.counts),
        samples: run.counts.tests - run.counts.skipped,
        evidence: {
            files: run.files.map((file) => ({ file: file.file, ...file.counts, suitesCountedFromAttributes: file.suitesCountedFromAttributes })),
            failures: failing.slice(0, FAILURES_SHOWN).map((c) => ({ test: caseTitle(c), outcome: c.outcome, message: c.message })),
            failuresNotShown: Math.max(0, failing.length - FAILURES_SHOWN),
            flaky: flaky.slice(0, FAILURES_SHOWN).map((c) => caseTitle(c)),
        },
        annotations: [...failing, ...flaky].flatMap((c) => annotate(c, workspace)),
    };
}
function annotate(testcase, workspace) {
    const location = locateCase(testcase, workspace);
    if (location === null)
        return [];
    const isFlaky = testcase.outcome === 'flaky';
    return [
        {
            path: location.path,
            line: location.line,
            level: isFlaky ? 'warning' : 'failure',
            title: isFlaky ? `${caseTitle(testcase)} (flaky: passed on a rerun)` : caseTitle(testcase),
            message: testcase.message ?? testcase.outcome,
        },
    ];
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
