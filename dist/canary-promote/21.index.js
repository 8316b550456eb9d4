export const id = 21;
export const ids = [21];
export const modules = {

/***/ 5402:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* unused harmony exports DEFAULT_API_URL, DEFAULT_TIMEOUT_MS, USER_AGENT, retryDelay, loadToolkit */
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1232);
/* harmony import */ var _engine_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4358);
/* harmony import */ var _sources_http_proxy_fetch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9901);



const DEFAULT_API_URL = 'https://api.github.com';
/** GitHub answers in well under a second; 30 s is an outage, and a stalled call must not hang the step until the job's 6-hour limit. */
const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'rollout-guard';
const DEFAULT_RETRY = {
    maxAttempts: 3,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
function header(thrown, name) {
    const value = thrown.response?.headers?.[name];
    const parsed = value === undefined ? NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : null;
}
/**
 * How long to wait before retrying, or null when the failure is not worth a
 * retry. Retried: 5xx, 429, and 403 when it is a rate limit (GitHub signals
 * secondary limits with `retry-after`, the primary one with
 * `x-ratelimit-remaining: 0` and a reset time). Other 4xx are the request's
 * fault and are returned at once, e.g. 403 "Resource not accessible by integration".
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
function retryDelay(thrown, attempt, policy, nowMs = Date.now()) {
    const failed = (thrown ?? {});
    const status = typeof failed.status === 'number' ? failed.status : 0;
    const isRateLimitStatus = status === 403 || status === 429;
    const retryAfter = header(failed, 'retry-after');
    const remaining = header(failed, 'x-ratelimit-remaining');
    const reset = header(failed, 'x-ratelimit-reset');
    let delay = null;
    if (retryAfter !== null && (isRateLimitStatus || status >= 500))
        delay = retryAfter * 1000;
    else if (isRateLimitStatus && remaining === 0 && reset !== null)
        delay = Math.max(0, reset * 1000 - nowMs);
    else if (status === 429 || status >= 500)
        delay = policy.baseDelayMs * 2 ** (attempt - 1);
    return delay !== null && delay <= policy.maxDelayMs ? delay : null;
}
/**
 * An Octokit client for `apiUrl` with the rollout-guard user agent, a timeout
 * per attempt, and retries with backoff. Async because it loads
 * `@actions/github` on first use.
 */
async function createGitHubClient(options) {
    // getOctokit refuses an empty token with a bare Error; name the input instead.
    if (options.token === '')
        throw new _engine_result_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL('a GitHub client needs a token: give `github-token`');
    const { getOctokit } = await loadToolkit();
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const timeoutMs = Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, _engine_units_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_TIMER_MS */ ._o);
    const octokit = getOctokit(options.token, {
        baseUrl: (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, ''),
        userAgent: USER_AGENT,
        // Our fetch, not the toolkit's: every call of ours goes through one proxy
        // rule (proxy-fetch.ts). The toolkit's proxy dispatcher is fixed when it
        // is first loaded, for that moment's GITHUB_API_URL, and by other rules
        // (it never proxies loopback hosts), so a GitHub call and a health check
        // to the same host could take different ways out.
        request: { fetch: _sources_http_proxy_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .proxyAwareFetch */ .F },
        ...(options.log ? { log: options.log } : {}),
    });
    // A request hook rather than @octokit/plugin-retry: the policy above is all
    // we need, and it keeps the bundle free of another dependency. POSTs are
    // retried too (as plugin-retry does): a 5xx rarely follows a write that landed.
    octokit.hook.wrap('request', async (request, requestOptions) => {
        for (let attempt = 1;; attempt++) {
            const signal = AbortSignal.timeout(timeoutMs);
            // Set on the options object itself: each hook in Octokit's chain is bound to it, and options passed to `request` are not read.
            requestOptions.request = { ...requestOptions.request, signal };
            try {
                const response = await request(requestOptions);
                // Octokit reads the body after fetch returns and, when that read is aborted, answers with empty data instead of failing.
                if (signal.aborted)
                    throw timedOut(requestOptions, timeoutMs);
                return response;
            }
            catch (thrown) {
                const failure = signal.aborted ? timedOut(requestOptions, timeoutMs) : thrown;
                const delay = attempt < policy.maxAttempts ? (signal.aborted ? timeoutRetryDelay(requestOptions.method, attempt, policy) : retryDelay(failure, attempt, policy)) : null;
                if (delay === null)
                    throw failure;
                await policy.sleep(delay);
            }
        }
    });
    return octokit;
}
/**
 * A timed-out read is tried again after the backoff; a timed-out write is
 * not, as it may have landed (a second issue, a second deployment status).
 */
function timeoutRetryDelay(method, attempt, policy) {
    return method === 'GET' || method === 'HEAD' ? policy.baseDelayMs * 2 ** (attempt - 1) : null;
}
/** Shaped as Octokit's errors are, without a status, so `toGitHubFailure` reads it as "did not answer" and names the endpoint. */
function timedOut(requestOptions, timeoutMs) {
    const error = new Error(`timed out after ${(0,_engine_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(timeoutMs)}`);
    error.name = 'TimeoutError';
    error.request = { method: requestOptions.method, url: requestOptions.url };
    return error;
}
/**
 * `@actions/github`, loaded on first use. Loading it reads the event payload
 * (GITHUB_EVENT_PATH) and fails when that file is not JSON; that is named
 * here rather than surfacing as a parser's stack trace. `load` is for tests.
 */
async function loadToolkit(load = () => __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413))) {
    try {
        return await load();
    }
    catch (thrown) {
        throw new _engine_result_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`cannot make the GitHub client: loading @actions/github failed (it reads GITHUB_EVENT_PATH ${process.env.GITHUB_EVENT_PATH ?? '(unset)'}): ${(0,_engine_result_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(thrown).split('\n')[0]}`);
    }
}


/***/ })

};
