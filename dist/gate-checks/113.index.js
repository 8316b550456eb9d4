export const id = 113;
export const ids = [113];
export const modules = {

/***/ 9901:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ proxyAwareFetch)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);

/**
 * `fetch` that honours the proxy variables self-hosted and GHES runners set
 * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, in either case, lower case
 * first). Node's built-in fetch ignores them, so behind a proxy every call
 * would fail to resolve its host. With none set, this is the built-in fetch,
 * unchanged. undici is already in every bundle (the toolkit's HTTP client is
 * built on it), so this adds nothing to it.
 *
 * Every call of ours goes through this one rule, the GitHub client's
 * included (client.ts), so a GitHub call and a health check to one host take
 * the same way out. It is undici's `EnvHttpProxyAgent`, which differs from
 * `@actions/http-client` in three ways: it proxies loopback hosts unless
 * NO_PROXY names them (the toolkit never does), an entry `example.com`
 * matches only that host (write `.example.com` for its subdomains; the
 * toolkit matches both), and HTTPS falls back to HTTP_PROXY when
 * HTTPS_PROXY is unset (the toolkit then goes direct).
 *
 * Read at each call rather than once: tests and long-lived processes may
 * change the environment, and the agent is cheap to keep per setting.
 */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
let cached = null;
function agentFor(env) {
    const key = PROXY_VARIABLES.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
    const hasProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => (env[name] ?? '').trim() !== '');
    if (!hasProxy)
        return null;
    if (cached?.key !== key)
        cached = { key, agent: new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2() };
    return cached.agent;
}
const proxyAwareFetch = (input, init) => {
    const agent = agentFor(process.env);
    if (agent === null)
        return fetch(input, init);
    // undici's own fetch with its own dispatcher: the built-in fetch bundles another copy of undici, and mixing the two is not supported.
    return (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .fetch */ .hd)(input, { ...init, dispatcher: agent });
};


/***/ }),

/***/ 2536:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w: () => (/* binding */ sendRequest)
});

// UNUSED EXPORTS: isRetryable

// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/engine/units.js
var units = __webpack_require__(4358);
;// CONCATENATED MODULE: ./.build/sources/http/read-body.js
/** 16 MiB: far above any metric query's answer, far below what hurts a runner (7 GB of RAM on GitHub's standard Linux runners). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
async function readCapped(body, maxBytes) {
    if (body === null)
        return { text: '', isCut: false };
    const reader = body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            return { text: decode(chunks), isCut: false };
        if (size + value.byteLength > maxBytes) {
            chunks.push(value.subarray(0, maxBytes - size));
            // Not awaited: a server that stalls must not hold us once we have stopped reading.
            reader.cancel().catch(() => undefined);
            return { text: decode(chunks), isCut: true };
        }
        chunks.push(value);
        size += value.byteLength;
    }
}
/** Lets go of a body that will not be read, without waiting for the server. */
function discardBody(response) {
    response.body?.cancel().catch(() => undefined);
}
/** The Content-Length a server declared, when it is a number. */
function declaredLength(response) {
    const raw = response.headers.get('content-length');
    const length = raw === null ? NaN : Number(raw);
    return Number.isSafeInteger(length) && length >= 0 ? length : null;
}
function decode(chunks) {
    return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
/** `16 MB` for messages. */
function formatBytes(bytes) {
    return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

;// CONCATENATED MODULE: ./.build/sources/http/redirects.js
/**
 * Which redirects a request may follow. `fetch` follows redirects itself and
 * re-sends every header it was given to wherever the server points, so a
 * Datadog key or a bearer token could reach another host; we follow them by
 * hand instead (`redirect: 'manual'`), by these rules:
 * - to the same origin (scheme, host and port), always, with everything;
 *   an upgrade from http to https on the same host and default ports counts
 *   as the same origin (nothing is sent less safely than before);
 * - to another origin, only when the request carries nothing secret: no
 *   credentials, no custom headers (a tenant id is the caller's business
 *   with that host only), no userinfo, and a URL that is not itself a
 *   secret (a webhook); otherwise the redirect is refused and said so.
 * At most {@link MAX_REDIRECTS} hops, and a request other than a GET only
 * follows 307 and 308, which keep its method and body (301/302/303 would
 * turn it into a GET).
 */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_KEEPING_STATUSES = new Set([307, 308]);
function isRedirect(status) {
    return REDIRECT_STATUSES.has(status);
}
/** A POST, PUT, PATCH or DELETE that gets a 301/302/303 is answered as it stands: resending the body as a GET would be another request. */
function mayFollow(method, status) {
    return method === 'GET' || BODY_KEEPING_STATUSES.has(status);
}
function isSameOrigin(from, to) {
    if (from.origin === to.origin)
        return true;
    return from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname && from.port === '' && to.port === '';
}

// EXTERNAL MODULE: ./.build/sources/http/redact-url.js
var redact_url = __webpack_require__(4323);
;// CONCATENATED MODULE: ./.build/sources/http/attempt.js




/** What an error answer's body is read for: a reason to quote in one line. */
const ERROR_BODY_BYTES = 4_096;
async function attempt(prepared) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), prepared.timeoutMs);
    try {
        return await followRedirects(prepared, controller.signal);
    }
    catch (thrown) {
        if (controller.signal.aborted)
            return { kind: 'timeout', reason: `timed out after ${(0,units/* formatDuration */.a3)(prepared.timeoutMs)}` };
        return { kind: 'network', ...networkReason(thrown) };
    }
    finally {
        clearTimeout(timer);
    }
}
async function followRedirects(prepared, signal) {
    let url = prepared.url;
    let isPrivate = true;
    for (let hop = 0;; hop++) {
        const headers = isPrivate ? { ...prepared.publicHeaders, ...prepared.privateHeaders } : prepared.publicHeaders;
        const response = await prepared.fetch(url.href, { method: prepared.method, headers, body: prepared.body, redirect: 'manual', signal });
        const location = isRedirect(response.status) && mayFollow(prepared.method, response.status) ? response.headers.get('location') : null;
        if (location === null)
            return readAnswer(response, prepared);
        discardBody(response);
        const next = parseLocation(location, url);
        if (next === null)
            return { kind: 'refused', reason: `answered ${response.status} with a Location that is not an http(s) URL` };
        if (hop >= MAX_REDIRECTS)
            return { kind: 'refused', reason: `redirected more than ${MAX_REDIRECTS} times (last to ${shown(prepared, next)})` };
        if (isPrivate && !isSameOrigin(prepared.url, next)) {
            if (prepared.staysOnOrigin)
                return { kind: 'refused', reason: crossOriginRefusal(prepared, next) };
            isPrivate = false;
        }
        url = next;
    }
}
function crossOriginRefusal(prepared, next) {
    const what = Object.keys(prepared.privateHeaders).length > 0 ? 'credentials or custom headers' : prepared.isSecretUrl ? 'a secret URL' : 'a secret in its body';
    return `redirected to ${shown(prepared, next)}, another origin; not followed, because the request carries ${what}, which are sent only to ${prepared.url.origin}`;
}
/** A URL for a message: redacted, or only its host when the request's URL is itself a secret (its path could be echoed in a redirect). */
function shown(prepared, url) {
    return prepared.isSecretUrl ? url.host : (0,redact_url/* redactUrl */.BO)(url.href);
}
function parseLocation(location, base) {
    try {
        const next = new URL(location, base);
        return next.protocol === 'http:' || next.protocol === 'https:' ? next : null;
    }
    catch {
        return null;
    }
}
async function readAnswer(response, prepared) {
    const base = { kind: 'answer', status: response.status, statusText: response.statusText, headers: response.headers };
    if (prepared.read === 'none') {
        // A health check needs the status only; a slow body must not hold it.
        discardBody(response);
        return { ...base, text: '' };
    }
    const isSuccess = response.status >= 200 && response.status < 300;
    const cap = isSuccess ? prepared.maxBodyBytes : ERROR_BODY_BYTES;
    const declared = declaredLength(response);
    if (isSuccess && declared !== null && declared > cap) {
        discardBody(response);
        return { kind: 'refused', reason: tooLarge(cap) };
    }
    const body = await readCapped(response.body, cap);
    if (isSuccess && body.isCut)
        return { kind: 'refused', reason: tooLarge(cap) };
    return { ...base, text: body.text };
}
function tooLarge(cap) {
    return `answered with a body larger than ${formatBytes(cap)}, the most rollout-guard reads (MAX_BODY_BYTES${cap === MAX_BODY_BYTES ? '' : ', lowered for this request'})`;
}
const NETWORK_CODES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EHOSTUNREACH: 'host unreachable',
    ETIMEDOUT: 'connection timed out',
    EAI_AGAIN: 'name lookup failed',
    UND_ERR_SOCKET: 'connection closed before an answer',
};
/** `connection refused (ECONNREFUSED)` from undici's "fetch failed" and its cause; URLs in the text redacted. */
function networkReason(thrown) {
    const cause = thrown?.cause;
    const code = typeof cause?.code === 'string' ? cause.code : null;
    if (code !== null && NETWORK_CODES[code])
        return { reason: `${NETWORK_CODES[code]} (${code})`, code };
    const raw = typeof cause?.message === 'string' ? cause.message : thrown instanceof Error ? thrown.message : String(thrown);
    const line = raw.split('\n')[0].replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, (url) => (0,redact_url/* redactUrl */.BO)(url));
    return { reason: code !== null ? `${line} (${code})` : line, code };
}

// EXTERNAL MODULE: ./.build/sources/http/proxy-fetch.js
var proxy_fetch = __webpack_require__(9901);
;// CONCATENATED MODULE: ./.build/sources/http/send-request.js






const DEFAULT_TIMEOUT_MS = 10_000;
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function sendRequest(request, options = {}) {
    const method = request.method ?? 'GET';
    const label = request.label ?? `${method} ${(0,redact_url/* redactUrl */.BO)(request.url)}`;
    const prepared = prepare(request, options, label);
    if (!prepared.ok)
        return (0,result/* err */._q)({ kind: 'refused', reason: prepared.error, code: null, tries: 0, message: `${label}: ${prepared.error}` });
    const tries = Math.max(1, options.tries ?? 3);
    let last = { kind: 'network', reason: 'not attempted', code: null };
    for (let round = 1; round <= tries; round++) {
        last = await attempt(prepared.value);
        if (last.kind === 'answer' && !isRetryable(last.status))
            return (0,result.ok)({ ...answerOf(last), tries: round });
        if (last.kind === 'timeout' || last.kind === 'refused')
            return (0,result/* err */._q)({ kind: last.kind, reason: last.reason, code: null, tries: round, message: `${label}${last.kind === 'timeout' ? ' ' : ': '}${last.reason}` });
        if (round < tries)
            await (options.sleep ?? realSleep)(waitBefore(round + 1, last, request, options));
    }
    if (last.kind === 'answer')
        return (0,result.ok)({ ...answerOf(last), tries });
    const after = `after ${tries} ${tries === 1 ? 'try' : 'tries'}`;
    return (0,result/* err */._q)({ kind: 'network', reason: last.reason, code: last.kind === 'network' ? last.code : null, tries, message: `${label}: ${last.reason} ${after}` });
}
/** Rate limiting and server errors pass; a 4xx other than 429 is the request's fault and will not. */
function isRetryable(status) {
    return status === 429 || status >= 500;
}
function answerOf(outcome) {
    return { status: outcome.status, statusText: outcome.statusText, headers: outcome.headers, text: outcome.text };
}
function prepare(request, options, label) {
    let url;
    try {
        url = new URL(request.url);
    }
    catch {
        return (0,result/* err */._q)('not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return (0,result/* err */._q)('not an http:// or https:// URL');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = (0,units/* checkTimerDuration */.yM)(timeoutMs);
    if (!timer.ok || !(timeoutMs > 0))
        return (0,result/* err */._q)(`timeout: ${timer.ok ? 'must be more than 0' : timer.error}`);
    const privateHeaders = { ...userinfoAuthorization(url), ...request.headers };
    // Userinfo goes as a header: fetch refuses URLs that hold credentials, and a header can be kept from other origins.
    url.username = '';
    url.password = '';
    return (0,result.ok)({
        method: request.method ?? 'GET',
        url,
        publicHeaders: { 'user-agent': 'rollout-guard', ...request.publicHeaders },
        privateHeaders,
        body: request.body,
        read: request.read ?? 'text',
        staysOnOrigin: Object.keys(privateHeaders).length > 0 || request.isSecretUrl === true || request.isSecretBody === true,
        isSecretUrl: request.isSecretUrl === true,
        label,
        timeoutMs,
        maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
        fetch: options.fetch ?? proxy_fetch/* proxyAwareFetch */.F,
    });
}
/** `https://user:pass@host` as HTTP Basic, the scheme userinfo means to a browser and to curl. */
function userinfoAuthorization(url) {
    if (url.username === '' && url.password === '')
        return {};
    const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
    return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}
/** Backoff doubling from `backoffMs`, or the provider's Retry-After when longer (up to `maxRetryAfterMs`). */
function waitBefore(round, last, request, options) {
    const backoff = (options.backoffMs ?? 500) * 2 ** (round - 2);
    if (last.kind !== 'answer')
        return backoff;
    const raw = last.headers.get('retry-after') ?? (request.retryAfterHeader ? last.headers.get(request.retryAfterHeader) : null);
    const seconds = Number(raw);
    const at = raw === null && request.retryAtHeader ? Number(last.headers.get(request.retryAtHeader) ?? NaN) * 1_000 - Date.now() : NaN;
    const asked = raw !== null && Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : Number.isFinite(at) && at > 0 ? at : 0;
    return Math.max(backoff, Math.min(asked, options.maxRetryAfterMs ?? 10_000));
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
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

/***/ 1572:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* reexport safe */ _http_redact_url_js__WEBPACK_IMPORTED_MODULE_2__.BO),
/* harmony export */   Tt: () => (/* binding */ getJson),
/* harmony export */   V1: () => (/* binding */ getJsonAnswer)
/* harmony export */ });
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1232);
/* harmony import */ var _http_send_request_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2536);
/* harmony import */ var _http_redact_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4323);
/* harmony import */ var _json_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6373);
/* harmony import */ var _source_fault_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1111);






async function getJson(request, options = {}) {
    return (await getJsonAnswer(request, options)).body;
}
async function getJsonAnswer(request, options = {}) {
    const label = `GET ${(0,_http_redact_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(request.url)}`;
    const http = { url: request.url, headers: request.headers, publicHeaders: { accept: 'application/json' }, label, retryAfterHeader: request.retryAfterHeader, retryAtHeader: request.retryAtHeader };
    const sent = await (0,_http_send_request_js__WEBPACK_IMPORTED_MODULE_0__/* .sendRequest */ .w)(http, options);
    if (!sent.ok)
        return { body: (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_3__/* .fault */ .D)('provider', sent.error.message), errorBody: undefined };
    const { status, statusText, text, tries } = sent.value;
    if (status < 200 || status >= 300) {
        const parsed = (0,_json_text_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonText */ .lk)(text);
        const errorBody = parsed.ok ? parsed.value : text;
        const after = tries > 1 ? ` after ${tries} tries` : '';
        const hint = request.hint?.(status, errorBody);
        return { body: (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_3__/* .fault */ .D)('provider', `${label} answered ${status}${statusText ? ` ${statusText}` : ''}${after}${hint ? `; ${hint}` : ''}`), errorBody, status };
    }
    const parsed = (0,_json_text_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonText */ .lk)(text);
    if (!parsed.ok)
        return { body: (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_3__/* .fault */ .D)('malformed', `${label} answered ${status}, but its body is ${(0,_json_text_js__WEBPACK_IMPORTED_MODULE_1__/* .describeJsonTextError */ .Pj)(parsed.error)}`), errorBody: undefined };
    return { body: (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_4__.ok)(parsed.value), errorBody: undefined };
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
