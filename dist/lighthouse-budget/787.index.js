export const id = 787;
export const ids = [787];
export const modules = {

/***/ 6787:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishComment: () => (/* binding */ publishComment)
});

// EXTERNAL MODULE: ./.build/engine/result.js
var engine_result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/engine/units.js
var units = __webpack_require__(4358);
// EXTERNAL MODULE: ./.build/sources/http/proxy-fetch.js
var proxy_fetch = __webpack_require__(9901);
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
/**
 * An Octokit client for `apiUrl` with the rollout-guard user agent, a timeout
 * per attempt, and retries with backoff. Async because it loads
 * `@actions/github` on first use.
 */
async function createGitHubClient(options) {
    // getOctokit refuses an empty token with a bare Error; name the input instead.
    if (options.token === '')
        throw new engine_result/* ConfigError */.xL('a GitHub client needs a token: give `github-token`');
    const { getOctokit } = await loadToolkit();
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const timeoutMs = Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, units/* MAX_TIMER_MS */._o);
    const octokit = getOctokit(options.token, {
        baseUrl: (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, ''),
        userAgent: USER_AGENT,
        // Our fetch, not the toolkit's: every call of ours goes through one proxy
        // rule (proxy-fetch.ts). The toolkit's proxy dispatcher is fixed when it
        // is first loaded, for that moment's GITHUB_API_URL, and by other rules
        // (it never proxies loopback hosts), so a GitHub call and a health check
        // to the same host could take different ways out.
        request: { fetch: proxy_fetch/* proxyAwareFetch */.F },
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
        throw new engine_result/* ConfigError */.xL(`cannot make the GitHub client: loading @actions/github failed (it reads GITHUB_EVENT_PATH ${process.env.GITHUB_EVENT_PATH ?? '(unset)'}): ${(0,engine_result/* messageOf */.bD)(thrown).split('\n')[0]}`);
    }
}

// EXTERNAL MODULE: ./.build/github/event.js
var github_event = __webpack_require__(528);
// EXTERNAL MODULE: ./.build/actions/shared/github-event.js
var shared_github_event = __webpack_require__(582);
// EXTERNAL MODULE: ./.build/actions/shared/log.js
var log = __webpack_require__(5688);
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
        return { endpoint, status, message: `GitHub API ${endpoint} did not answer: ${(0,engine_result/* messageOf */.bD)(thrown).split('\n')[0]}` };
    const said = githubMessage(shape.response?.data) ?? (0,engine_result/* messageOf */.bD)(thrown).split('\n')[0];
    const hint = STATUS_HINTS[status];
    return { endpoint, status, message: `GitHub API ${endpoint} answered ${status} "${said}"${hint ? `: ${hint}` : ''}` };
}
/** Runs one API call and returns its value or the failure, never throwing. */
async function callGitHub(endpoint, call) {
    try {
        return (0,engine_result.ok)(await call());
    }
    catch (thrown) {
        return (0,engine_result/* err */._q)(toGitHubFailure(thrown, endpoint));
    }
}

;// CONCATENATED MODULE: ./.build/github/pull-request-head.js



/**
 * The head commit of pull request `number` in this repository, read from
 * GitHub (`GET /repos/{owner}/{repo}/pulls/{pull_number}`, needs
 * `pull-requests: read`). A workflow that comments on a pull request named by
 * an artifact compares it with the commit it judged before commenting: in the
 * fork flow the artifact is written by the fork's code, and a forged number
 * would otherwise put our verdict on someone else's pull request.
 */
async function pullRequestHeadSha(octokit, owner, repo, number) {
    const endpoint = `GET /repos/${owner}/${repo}/pulls/${number}`;
    const answer = await callGitHub(endpoint, () => octokit.rest.pulls.get({ owner, repo, pull_number: number }));
    if (!answer.ok)
        return answer;
    const sha = answer.value.data?.head?.sha;
    if (typeof sha !== 'string' || !(0,github_event/* isFullSha */.Wf)(sha))
        return (0,engine_result/* err */._q)({ endpoint, status: answer.value.status, message: `GitHub API ${endpoint} answered without a head commit SHA` });
    return (0,engine_result.ok)(sha.toLowerCase());
}

;// CONCATENATED MODULE: ./.build/github/graphql-call.js


/** The endpoint named in failures; GHES serves it at `/api/graphql`, which Octokit derives from the REST base URL. */
const GRAPHQL_ENDPOINT = 'POST /graphql';
/**
 * One GraphQL query or mutation as a value, never throwing. GitHub answers a
 * refused GraphQL call with 200 and an `errors` list (Octokit throws a
 * `GraphqlResponseError` without an HTTP status); that is a failure naming
 * GitHub's first error, e.g. `FORBIDDEN: Resource not accessible by integration`.
 */
async function callGraphql(octokit, operation, query, variables = {}) {
    const result = await callGitHub(GRAPHQL_ENDPOINT, async () => {
        try {
            return { data: await octokit.graphql(query, variables), refused: null };
        }
        catch (thrown) {
            const shape = (thrown ?? {});
            if (shape.name !== 'GraphqlResponseError' || !Array.isArray(shape.errors))
                throw thrown;
            const first = shape.errors[0] ?? {};
            const type = typeof first.type === 'string' ? `${first.type}: ` : '';
            return { data: null, refused: `${type}${typeof first.message === 'string' ? first.message : 'an error without a message'}` };
        }
    });
    if (!result.ok)
        return { ok: false, error: { ...result.error, message: `${result.error.message} (${operation})` } };
    if (result.value.refused !== null) {
        return (0,engine_result/* err */._q)({ endpoint: GRAPHQL_ENDPOINT, status: 200, message: `GitHub GraphQL ${operation} was refused: ${result.value.refused}` });
    }
    return { ok: true, value: result.value.data };
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




const safeName = (marker) => marker.replace(/[^\w.:/-]+/g, '-').replace(/-{2,}/g, '-');
/** The hidden line that identifies the comment; HTML comments do not render, and `--` may not appear inside one. */
function stickyMarker(marker) {
    return `<!-- rollout-guard:${safeName(marker)} -->`;
}
/** The line a hidden comment carries instead, so a later verdict is never written into a comment readers see folded. */
function hiddenMarker(marker) {
    return `<!-- rollout-guard-hidden:${safeName(marker)} -->`;
}
const sameText = (a, b) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
/** Logins compare case-insensitively, as GitHub treats them. */
const sameLogin = (a, b) => a !== undefined && a.toLowerCase() === b.toLowerCase();
/** The oldest comment by `target.author` carrying `marker`, reading every page (100 a page, GitHub's maximum) until found. */
async function findMarked(octokit, target, marker) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        per_page: 100,
    });
    for await (const page of pages) {
        const found = page.data.find((comment) => sameLogin(comment.user?.login, target.author) && comment.body?.includes(marker));
        if (found)
            return { id: found.id, nodeId: found.node_id, body: found.body ?? '', url: found.html_url };
    }
    return null;
}
const listEndpoint = (target) => `GET /repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`;
/**
 * Creates the sticky comment, or updates the earlier one in place.
 * https://docs.github.com/rest/issues/comments (needs `pull-requests: write` or `issues: write`).
 */
async function upsertStickyComment(octokit, request) {
    const { owner, repo, issueNumber } = request;
    const marker = stickyMarker(request.marker);
    const body = `${marker}\n${fitMarkdown(request.body, GITHUB_LIMITS.commentBody - marker.length - 1).text}`;
    const existing = await callGitHub(listEndpoint(request), () => findMarked(octokit, request, marker));
    if (!existing.ok)
        return existing;
    const earlier = existing.value;
    if (earlier && sameText(earlier.body, body))
        return (0,engine_result.ok)({ id: earlier.id, url: earlier.url, action: 'unchanged' });
    if (earlier) {
        const updated = await callGitHub(`PATCH /repos/${owner}/${repo}/issues/comments/${earlier.id}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: earlier.id, body }));
        return updated.ok ? (0,engine_result.ok)({ id: earlier.id, url: updated.value.data.html_url, action: 'updated' }) : updated;
    }
    const created = await callGitHub(`POST /repos/${owner}/${repo}/issues/${issueNumber}/comments`, () => octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }));
    return created.ok ? (0,engine_result.ok)({ id: created.value.data.id, url: created.value.data.html_url, action: 'created' }) : created;
}
/**
 * Removes the sticky comment once the verdict passes, for teams that want a
 * pull request's conversation to show only what needs fixing. `delete`
 * deletes it; `hide` folds it as outdated (GraphQL `minimizeComment`, which
 * REST does not offer) after swapping its marker for `hiddenMarker`, so a
 * later failure gets a new, visible comment rather than an update nobody sees.
 * Null when there is no sticky comment by `author`.
 */
async function clearStickyComment(octokit, target, how) {
    const { owner, repo } = target;
    const marker = stickyMarker(target.marker);
    const existing = await callGitHub(listEndpoint(target), () => findMarked(octokit, target, marker));
    if (!existing.ok)
        return existing;
    const found = existing.value;
    if (found === null)
        return (0,engine_result.ok)(null);
    const commentEndpoint = `/repos/${owner}/${repo}/issues/comments/${found.id}`;
    if (how === 'delete') {
        const deleted = await callGitHub(`DELETE ${commentEndpoint}`, () => octokit.rest.issues.deleteComment({ owner, repo, comment_id: found.id }));
        return deleted.ok ? (0,engine_result.ok)({ id: found.id, url: found.url, action: 'deleted' }) : deleted;
    }
    const body = found.body.replace(marker, hiddenMarker(target.marker));
    const unmarked = await callGitHub(`PATCH ${commentEndpoint}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: found.id, body }));
    if (!unmarked.ok)
        return unmarked;
    const minimized = await callGraphql(octokit, 'minimizeComment', MINIMIZE, { input: { subjectId: found.nodeId, classifier: 'OUTDATED' } });
    return minimized.ok ? (0,engine_result.ok)({ id: found.id, url: found.url, action: 'hidden' }) : minimized;
}
const MINIMIZE = 'mutation ($input: MinimizeCommentInput!) { minimizeComment(input: $input) { minimizedComment { isMinimized } } }';

;// CONCATENATED MODULE: ./.build/github/token-identity.js


/**
 * The login the token acts as, which is the author GitHub shows on the
 * comments it writes: `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]`
 * for another GitHub App's installation token, the user's login for a
 * personal access token.
 *
 * Asked with GraphQL `viewer`, the one question every kind of token may ask:
 * REST `GET /user` answers 403 to installation tokens (GITHUB_TOKEN included)
 * and `GET /app` needs the app's JWT. marocchino/sticky-pull-request-comment
 * finds its comment the same way. The login is the REST `user.login` of the
 * comments (bots included, with their `[bot]` suffix).
 */
async function tokenLogin(octokit) {
    const answer = await callGraphql(octokit, 'viewer { login }', 'query { viewer { login } }');
    if (!answer.ok)
        return answer;
    const login = answer.value.viewer?.login;
    if (typeof login !== 'string' || login === '') {
        return (0,engine_result/* err */._q)({ endpoint: GRAPHQL_ENDPOINT, status: 200, message: 'GitHub GraphQL `viewer { login }` answered without a login' });
    }
    return (0,engine_result.ok)(login);
}

;// CONCATENATED MODULE: ./.build/actions/shared/pull-request-comment.js






/**
 * The commit a verdict is about: the `commit` input, else the event's head
 * (see `headSha`), else GITHUB_SHA. On a `workflow_run` event the evidence
 * came from the run at `workflow_run.head_sha`, so a `commit` naming another
 * one is refused: taken from a fork's artifact, it would put the fork's
 * verdict on any commit of the repository.
 */
function verdictCommit(place, event, env) {
    const fromEvent = (0,github_event/* headSha */.xF)(event, env.GITHUB_SHA ?? '');
    if (place.commit === undefined)
        return (0,engine_result.ok)(fromEvent);
    if ((0,github_event/* isWorkflowRunEvent */.VP)(event) && fromEvent.toLowerCase() !== place.commit) {
        return (0,engine_result/* err */._q)(`input \`commit\` is ${place.commit}, but this workflow_run is about ${fromEvent} (workflow_run.head_sha), whose run produced the evidence; pass \`github.event.workflow_run.head_sha\` or leave \`commit\` empty`);
    }
    return (0,engine_result.ok)(place.commit);
}
/**
 * Puts the verdict in the sticky comment of the pull request (or, on a pass
 * with `comment-on-pass: delete|hide`, takes it away). Every refusal is one
 * line in the log and never changes the decision.
 */
async function publishPullRequestComment(comment) {
    const { octokit, owner, repo, place } = comment;
    const issueNumber = place.prNumber ?? (0,github_event/* pullRequestNumber */.Kd)(comment.event);
    if (issueNumber === null) {
        const hint = (0,github_event/* isWorkflowRunEvent */.VP)(comment.event) ? ' (a `workflow_run` for a pull request from a fork lists none: pass its number as `pr-number`)' : '';
        log/* warning */.$e(`input \`comment\` is true but this run is not for a pull request, so no comment was posted${hint}`);
        return;
    }
    // A number from an input (in the fork flow: from an artifact the fork's code wrote) or from another run is checked against the commit judged.
    if (place.prNumber !== undefined || (0,github_event/* isWorkflowRunEvent */.VP)(comment.event)) {
        const head = await pullRequestHeadSha(octokit, owner, repo, issueNumber);
        if (!head.ok) {
            log/* error */.z3(`could not check which commit pull request #${issueNumber} is at, so no comment was posted: ${head.error.message}`);
            return;
        }
        if (head.value !== comment.commit.toLowerCase()) {
            log/* warning */.$e(`pull request #${issueNumber} is at ${head.value}, not at ${comment.commit} (the commit judged), so no comment was posted: it has newer commits, or \`pr-number\` names another pull request`);
            return;
        }
    }
    const author = await tokenLogin(octokit);
    if (!author.ok) {
        log/* error */.z3(`could not learn which login the token comments as, so no comment was posted: ${author.error.message}`);
        return;
    }
    const target = { owner, repo, issueNumber, marker: comment.marker, author: author.value };
    if (comment.passed && place.commentOnPass !== 'update') {
        const cleared = await clearStickyComment(octokit, target, place.commentOnPass);
        if (!cleared.ok)
            log/* error */.z3(`could not ${place.commentOnPass} the pull-request comment: ${cleared.error.message}`);
        else if (cleared.value)
            log/* info */.pq(`pull-request comment ${cleared.value.action} (${cleared.value.url}): the verdict passed`);
        else
            log/* info */.pq('the verdict passed and there is no pull-request comment to ' + place.commentOnPass);
        return;
    }
    const sticky = await upsertStickyComment(octokit, { ...target, body: comment.body });
    if (sticky.ok)
        log/* info */.pq(`pull-request comment ${sticky.value.action} (${sticky.value.url})`);
    else
        log/* error */.z3(`could not post the pull-request comment: ${sticky.error.message}`);
}

;// CONCATENATED MODULE: ./.build/actions/lighthouse-budget/publish.js





/**
 * Puts the summary's tables in one sticky pull-request comment, updated in
 * place on every run. Needs `pull-requests: write`. A failure to comment is
 * an error annotation naming the endpoint, and never changes the decision.
 */
async function publishComment(comment) {
    const { env } = comment;
    const repository = (0,github_event/* parseRepository */.SU)(env.GITHUB_REPOSITORY ?? '');
    if (!repository.ok) {
        log/* error */.z3(`cannot comment on the pull request: GITHUB_REPOSITORY ${repository.error}`);
        return;
    }
    const event = await (0,shared_github_event/* readEventPayload */.N)(env.GITHUB_EVENT_PATH);
    const commit = verdictCommit(comment.place, event, env);
    if (!commit.ok) {
        log/* error */.z3(`cannot comment on the pull request: ${commit.error}`);
        return;
    }
    const octokit = await createGitHubClient({ token: comment.token, apiUrl: env.GITHUB_API_URL });
    await publishPullRequestComment({
        octokit,
        ...repository.value,
        event,
        place: comment.place,
        commit: commit.value,
        marker: `lighthouse-budget:${comment.title}`,
        body: comment.markdown,
        passed: comment.passed,
    });
}


/***/ }),

/***/ 582:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ readEventPayload)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);

/** The webhook payload the runner wrote to GITHUB_EVENT_PATH; `{}` when there is none (local runs). */
async function readEventPayload(eventPath) {
    if (!eventPath)
        return {};
    try {
        return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(eventPath, 'utf8'));
    }
    catch {
        return {};
    }
}


/***/ }),

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


/***/ })

};
