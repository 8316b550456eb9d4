export const id = 21;
export const ids = [21];
export const modules = {

/***/ 5402:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* unused harmony exports DEFAULT_API_URL, USER_AGENT, retryDelay */
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(891);

const DEFAULT_API_URL = 'https://api.github.com';
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
/** An Octokit client for `apiUrl` with the rollout-guard user agent and retries with backoff. */
function createGitHubClient(options) {
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const octokit = new _octokit_rest__WEBPACK_IMPORTED_MODULE_0__/* .Octokit */ .E({
        auth: options.token,
        baseUrl: (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, ''),
        userAgent: USER_AGENT,
        ...(options.log ? { log: options.log } : {}),
    });
    // A request hook rather than @octokit/plugin-retry: the policy above is all
    // we need, and it keeps the bundle free of another dependency. POSTs are
    // retried too (as plugin-retry does): a 5xx rarely follows a write that landed.
    octokit.hook.wrap('request', async (request, requestOptions) => {
        for (let attempt = 1;; attempt++) {
            try {
                return await request(requestOptions);
            }
            catch (thrown) {
                const delay = attempt < policy.maxAttempts ? retryDelay(thrown, attempt, policy) : null;
                if (delay === null)
                    throw thrown;
                await policy.sleep(delay);
            }
        }
    });
    return octokit;
}


/***/ })

};
