export const id = 487;
export const ids = [487];
export const modules = {

/***/ 7487:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishComment: () => (/* binding */ publishComment)
});

// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 22 modules
var dist_src = __webpack_require__(891);
// EXTERNAL MODULE: ./.build/engine/units.js
var units = __webpack_require__(4358);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./.build/sources/http/proxy-fetch.js

/**
 * `fetch` that honours the proxy variables self-hosted and GHES runners set
 * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, in either case), as the
 * toolkit's own HTTP client does. Node's built-in fetch ignores them, so
 * behind a proxy every call would fail to resolve its host. With none set,
 * this is the built-in fetch, unchanged. undici is already in every bundle
 * (the toolkit's HTTP client is built on it), so this adds nothing to it.
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
        cached = { key, agent: new undici/* EnvHttpProxyAgent */.J2() };
    return cached.agent;
}
const proxyAwareFetch = (input, init) => {
    const agent = agentFor(process.env);
    if (agent === null)
        return fetch(input, init);
    // undici's own fetch with its own dispatcher: the built-in fetch bundles another copy of undici, and mixing the two is not supported.
    return (0,undici/* fetch */.hd)(input, { ...init, dispatcher: agent });
};

;// CONCATENATED MODULE: ./.build/github/client.js



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
/** An Octokit client for `apiUrl` with the rollout-guard user agent, a timeout per attempt, and retries with backoff. */
function createGitHubClient(options) {
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const timeoutMs = Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, units/* MAX_TIMER_MS */._o);
    const octokit = new dist_src/* Octokit */.E({
        auth: options.token,
        baseUrl: (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, ''),
        userAgent: USER_AGENT,
        // Behind a runner's proxy (HTTPS_PROXY, NO_PROXY) as every other call is.
        request: { fetch: proxyAwareFetch },
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
    const error = new Error(`timed out after ${(0,units/* formatDuration */.a3)(timeoutMs)}`);
    error.name = 'TimeoutError';
    error.request = { method: requestOptions.method, url: requestOptions.url };
    return error;
}

// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
;// CONCATENATED MODULE: ./.build/github/event.js

/**
 * Pure readers of the workflow's event payload (the parsed
 * `GITHUB_EVENT_PATH` file), which the caller reads at the edge.
 * https://docs.github.com/webhooks/webhook-events-and-payloads
 */
const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const field = (value, key) => (isRecord(value) ? value[key] : undefined);
const positiveInteger = (value) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);
/**
 * The pull request the run is about: `pull_request` and `pull_request_target`
 * carry `pull_request.number`; an `issue_comment` on a pull request carries
 * `issue.number` with an `issue.pull_request` object (on a plain issue it has
 * none). Null for every other event.
 */
function pullRequestNumber(event) {
    const fromPullRequest = positiveInteger(field(field(event, 'pull_request'), 'number'));
    if (fromPullRequest !== null)
        return fromPullRequest;
    const issue = field(event, 'issue');
    return isRecord(field(issue, 'pull_request')) ? positiveInteger(field(issue, 'number')) : null;
}
/**
 * The commit a verdict belongs to. On `pull_request` events GITHUB_SHA is the
 * temporary merge commit, which no one sees in the PR; the head commit is
 * what the checks list shows. Other events (including `issue_comment`, whose
 * payload has no head) use `fallbackSha`, normally GITHUB_SHA.
 */
function headSha(event, fallbackSha) {
    const sha = field(field(field(event, 'pull_request'), 'head'), 'sha');
    // 40 hex digits (SHA-1), or 64 for SHA-256 repositories.
    return typeof sha === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(sha) ? sha : fallbackSha;
}
// GitHub's rules: owner 1–39 of [A-Za-z0-9-], not starting with a hyphen; repository names of [A-Za-z0-9._-], at most 100.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** `owner/repo` (as in GITHUB_REPOSITORY or a `repository` input) split and checked. */
function parseRepository(text) {
    const parts = text.trim().split('/');
    const [owner = '', repo = ''] = parts;
    if (parts.length !== 2 || !OWNER.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..') {
        return (0,result/* err */._q)(`repository must be \`owner/name\` (as in GITHUB_REPOSITORY), got \`${text}\``);
    }
    return (0,result.ok)({ owner, repo });
}

;// CONCATENATED MODULE: ./.build/github/github-failure.js

/** What a status usually means for an Action's token. */
const STATUS_HINTS = {
    401: 'the token is invalid or expired; check the `token` input',
    403: "the token lacks a permission; grant it in the workflow's `permissions:` block",
    404: 'not found, or the token cannot see it; check the repository and the `permissions:` block',
    422: 'GitHub refused the request as invalid',
};
function endpointOf(thrown, fallback) {
    const { method, url } = thrown.request ?? {};
    if (!method || !url)
        return fallback;
    try {
        return `${method} ${new URL(url).pathname}`;
    }
    catch {
        return `${method} ${url}`;
    }
}
/** The message GitHub put in the error body, if any. */
function githubMessage(data) {
    if (data === null || typeof data !== 'object')
        return typeof data === 'string' && data !== '' ? data : null;
    const message = data.message;
    return typeof message === 'string' ? message.split('\n')[0] : null;
}
/** Turns whatever Octokit threw into a {@link GitHubFailure}; `fallbackEndpoint` names calls that never left. */
function toGitHubFailure(thrown, fallbackEndpoint) {
    const shape = (thrown ?? {});
    const endpoint = endpointOf(shape, fallbackEndpoint);
    // Octokit reports a request that got no answer as status 500 without a response.
    const status = typeof shape.status === 'number' && shape.response ? shape.status : null;
    if (status === null)
        return { endpoint, status, message: `GitHub API ${endpoint} did not answer: ${(0,result/* messageOf */.bD)(thrown).split('\n')[0]}` };
    const said = githubMessage(shape.response?.data) ?? (0,result/* messageOf */.bD)(thrown).split('\n')[0];
    const hint = STATUS_HINTS[status];
    return { endpoint, status, message: `GitHub API ${endpoint} answered ${status} "${said}"${hint ? `: ${hint}` : ''}` };
}
/** Runs one API call and returns its value or the failure, never throwing. */
async function callGitHub(endpoint, call) {
    try {
        return (0,result.ok)(await call());
    }
    catch (thrown) {
        return (0,result/* err */._q)(toGitHubFailure(thrown, endpoint));
    }
}

;// CONCATENATED MODULE: ./.build/github/text-limits.js
/**
 * GitHub's documented size limits on what we send, kept in one table so each
 * adapter truncates before GitHub refuses (a 422 would lose the whole report).
 */
const GITHUB_LIMITS = {
    /** Check run `output.summary` and `output.text`: "Maximum length: 65535 characters." https://docs.github.com/rest/checks/runs#create-a-check-run */
    checkRunOutput: 65_535,
    /** "The Checks API limits the number of annotations to a maximum of 50 per API request." (same page) */
    annotationsPerRequest: 50,
    /** Annotation `title`: "The maximum size is 255 characters." */
    annotationTitle: 255,
    /** Annotation `message` and `raw_details`: "The maximum size is 64 KB." Counted in UTF-16 units, below 64 KB of UTF-8 for ASCII. */
    annotationMessage: 65_535,
    /** Commit status `description`: "A short description of the status" — GitHub refuses more than 140 characters. https://docs.github.com/rest/commits/statuses */
    statusDescription: 140,
    /** Issue and comment bodies: GitHub refuses more than 65536 characters. */
    commentBody: 65_536,
};
/**
 * `text` cut to at most `max` UTF-16 units, `note` included, without
 * splitting a surrogate pair. Counting units rather than characters errs on
 * the short side, which GitHub accepts.
 */
function truncateText(text, max, note = '') {
    if (text.length <= max)
        return text;
    let keep = Math.max(0, max - note.length);
    const code = text.charCodeAt(keep - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        keep -= 1;
    return text.slice(0, keep) + note.slice(0, max);
}
/** The note appended to a cut Markdown body, saying how much was left out and where to find it. */
function truncationNote(omitted, where = 'the job summary') {
    return `\n\n… _(truncated by rollout-guard: ${omitted} characters left out to fit GitHub's limit; the full report is in ${where})_`;
}
/** A Markdown body cut to `max` with a note saying so; unchanged when it fits. */
function fitMarkdown(text, max, where) {
    if (text.length <= max)
        return { text, isTruncated: false };
    // The note's own length decides how much is cut; measure it once, then state the exact count.
    const provisional = truncationNote(text.length - max, where);
    const note = truncationNote(text.length - (max - provisional.length), where);
    return { text: truncateText(text, max, note), isTruncated: true };
}

;// CONCATENATED MODULE: ./.build/github/sticky-comment.js



/** The hidden line that identifies the comment; HTML comments do not render, and `--` may not appear inside one. */
function stickyMarker(marker) {
    const safe = marker.replace(/[^\w.:/-]+/g, '-').replace(/-{2,}/g, '-');
    return `<!-- rollout-guard:${safe} -->`;
}
const sameText = (a, b) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
/** The oldest comment carrying `marker`, reading every page (100 a page, GitHub's maximum) until found. */
async function findMarked(octokit, request, marker) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        per_page: 100,
    });
    for await (const page of pages) {
        const found = page.data.find((comment) => comment.body?.includes(marker));
        if (found)
            return { id: found.id, body: found.body ?? '', url: found.html_url };
    }
    return null;
}
/**
 * Creates the sticky comment, or updates the earlier one in place.
 * https://docs.github.com/rest/issues/comments (needs `pull-requests: write` or `issues: write`).
 */
async function upsertStickyComment(octokit, request) {
    const { owner, repo, issueNumber } = request;
    const marker = stickyMarker(request.marker);
    const body = `${marker}\n${fitMarkdown(request.body, GITHUB_LIMITS.commentBody - marker.length - 1).text}`;
    const existing = await callGitHub(`GET /repos/${owner}/${repo}/issues/${issueNumber}/comments`, () => findMarked(octokit, request, marker));
    if (!existing.ok)
        return existing;
    const earlier = existing.value;
    if (earlier && sameText(earlier.body, body))
        return (0,result.ok)({ id: earlier.id, url: earlier.url, action: 'unchanged' });
    if (earlier) {
        const updated = await callGitHub(`PATCH /repos/${owner}/${repo}/issues/comments/${earlier.id}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: earlier.id, body }));
        return updated.ok ? (0,result.ok)({ id: earlier.id, url: updated.value.data.html_url, action: 'updated' }) : updated;
    }
    const created = await callGitHub(`POST /repos/${owner}/${repo}/issues/${issueNumber}/comments`, () => octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }));
    return created.ok ? (0,result.ok)({ id: created.value.data.id, url: created.value.data.html_url, action: 'created' }) : created;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./.build/actions/shared/github-event.js

/** The webhook payload the runner wrote to GITHUB_EVENT_PATH; `{}` when there is none (local runs). */
async function readEventPayload(eventPath) {
    if (!eventPath)
        return {};
    try {
        return JSON.parse(await (0,promises_.readFile)(eventPath, 'utf8'));
    }
    catch {
        return {};
    }
}

// EXTERNAL MODULE: ./.build/actions/shared/log.js
var log = __webpack_require__(5688);
;// CONCATENATED MODULE: ./.build/actions/lighthouse-budget/publish.js





/**
 * Puts the summary's tables in one sticky pull-request comment, updated in
 * place on every run (`title` tells two lighthouse-budget steps apart, e.g.
 * mobile and desktop). Needs `pull-requests: write`. A failure to comment is
 * an error annotation naming the endpoint, and never changes the decision.
 */
async function publishComment(token, title, markdown, env) {
    const repository = parseRepository(env.GITHUB_REPOSITORY ?? '');
    if (!repository.ok) {
        log/* error */.z3(`cannot comment on the pull request: GITHUB_REPOSITORY ${repository.error}`);
        return;
    }
    const issueNumber = pullRequestNumber(await readEventPayload(env.GITHUB_EVENT_PATH));
    if (issueNumber === null) {
        log/* warning */.$e('input `comment` is true but this run is not for a pull request, so no comment was posted');
        return;
    }
    const octokit = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL });
    const sticky = await upsertStickyComment(octokit, { ...repository.value, issueNumber, marker: `lighthouse-budget:${title}`, body: markdown });
    if (sticky.ok)
        log/* info */.pq(`pull-request comment ${sticky.value.action} (${sticky.value.url})`);
    else
        log/* error */.z3(`could not post the pull-request comment: ${sticky.error.message}`);
}


/***/ })

};
