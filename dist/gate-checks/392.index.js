export const id = 392;
export const ids = [392];
export const modules = {

/***/ 4392:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  judgePercyBuild: () => (/* binding */ judgePercyBuild),
  measurePercy: () => (/* binding */ measurePercy)
});

// EXTERNAL MODULE: ./.build/github/event.js
var github_event = __webpack_require__(528);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/engine/units.js
var units = __webpack_require__(4358);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./.build/sources/metrics/fetch-json.js
var fetch_json = __webpack_require__(1572);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/zod-issue.js
var zod_issue = __webpack_require__(6188);
;// CONCATENATED MODULE: ./.build/sources/percy.js





/**
 * Percy's REST API (JSON:API), read the way `percy build:wait` reads it
 * (@percy/client's `getBuild`, `getBuilds` and `waitForBuild`):
 * - `GET {api}/builds/{id}` for a build given by id;
 * - `GET {api}/projects/{org}/{project}/builds?filter[sha]={sha}` for the
 *   build Percy made for a commit: the first build listed, the newest, as
 *   Percy lists builds by descending id.
 * Both with `Authorization: Token token=<PERCY_TOKEN>`; the token is only
 * ever put in that header (which our HTTP helper never sends to another
 * origin), never in a message.
 */
const DEFAULT_PERCY_API_URL = 'https://percy.io/api/v1';
/** Build states after which nothing changes (Percy CLI's build:wait stops on these). */
const FINAL_PERCY_STATES = ['finished', 'failed', 'expired'];
const nullableNumber = schemas/* number */.aig().nullable().optional();
const nullableString = schemas/* string */.YjP().nullable().optional();
const buildResourceSchema = schemas/* object */.Ikc({
    id: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform(String),
    attributes: schemas/* object */.Ikc({
        state: schemas/* string */.YjP(),
        'review-state': nullableString,
        'review-state-reason': nullableString,
        'total-comparisons-diff': nullableNumber,
        'total-snapshots': nullableNumber,
        'total-comparisons': nullableNumber,
        'web-url': nullableString,
        'failure-reason': nullableString,
    }),
});
const buildSchema = schemas/* object */.Ikc({ data: buildResourceSchema });
// Only the first build listed is read (as build:wait does), so only it is held to the build's shape.
const buildListSchema = schemas/* object */.Ikc({ data: schemas/* array */.YOg(schemas/* unknown */.L5J()) });
/** Reads one build; API failures are `provider` faults naming the status and what to check. */
async function fetchPercyBuild(client, buildId) {
    const url = `${client.apiUrl.replace(/\/+$/, '')}/builds/${encodeURIComponent(buildId)}`;
    const body = await (0,fetch_json/* getJson */.Tt)({ url, headers: { authorization: `Token token=${client.token}` }, hint: (status) => hintFor(status, buildId) }, client.http);
    if (!body.ok)
        return (0,source_fault/* fault */.D)(body.error.kind, `Percy: ${body.error.message}`);
    const parsed = buildSchema.safeParse(body.value, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `Percy: GET ${(0,fetch_json/* redactUrl */.BO)(url)} gave an unexpected build: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    return (0,result.ok)(toBuild(parsed.data.data));
}
/** Lists a project's builds for one commit; API failures are `provider` faults naming what to check. */
async function findPercyBuildForCommit(client, target) {
    const [org = '', project = ''] = target.project.split('/');
    const query = new URLSearchParams({ 'filter[sha]': target.commit });
    const url = `${client.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(org)}/${encodeURIComponent(project)}/builds?${query}`;
    const body = await (0,fetch_json/* getJson */.Tt)({ url, headers: { authorization: `Token token=${client.token}` }, hint: (status) => listHintFor(status, target.project) }, client.http);
    if (!body.ok)
        return (0,source_fault/* fault */.D)(body.error.kind, `Percy: ${body.error.message}`);
    const list = buildListSchema.safeParse(body.value, { reportInput: true });
    if (!list.success)
        return (0,source_fault/* fault */.D)('malformed', `Percy: GET ${(0,fetch_json/* redactUrl */.BO)(url)} gave an unexpected build list: ${(0,zod_issue/* describeFirstIssue */.$)(list.error)}`);
    if (list.data.data.length === 0)
        return (0,result.ok)({ build: null, listed: 0 });
    const first = buildResourceSchema.safeParse(list.data.data[0], { reportInput: true });
    if (!first.success)
        return (0,source_fault/* fault */.D)('malformed', `Percy: GET ${(0,fetch_json/* redactUrl */.BO)(url)} gave an unexpected build list: ${(0,zod_issue/* describeFirstIssue */.$)(first.error, 'data[0]')}`);
    return (0,result.ok)({ build: toBuild(first.data), listed: list.data.data.length });
}
function toBuild({ id, attributes }) {
    return {
        id,
        state: attributes.state,
        reviewState: attributes['review-state'] ?? null,
        reviewStateReason: attributes['review-state-reason'] ?? null,
        diffs: attributes['total-comparisons-diff'] ?? null,
        snapshots: attributes['total-snapshots'] ?? null,
        comparisons: attributes['total-comparisons'] ?? null,
        webUrl: attributes['web-url'] ?? null,
        failureReason: attributes['failure-reason'] ?? null,
    };
}
function hintFor(status, buildId) {
    if (status === 401 || status === 403)
        return 'check PERCY_TOKEN: reading a build needs a token with read access, not a write-only project token';
    if (status === 404)
        return `no build ${buildId} is visible to this PERCY_TOKEN; check \`build-id\` / PERCY_BUILD_ID`;
    return undefined;
}
function listHintFor(status, project) {
    if (status === 401 || status === 403)
        return 'check PERCY_TOKEN: listing builds needs a token with read access, not a write-only project token';
    if (status === 404)
        return `no project ${project} is visible to this PERCY_TOKEN; check \`project\` (org/project, the slugs in the project's Percy URL)`;
    return undefined;
}
/** Reads a build, polling until it reaches a final state or `waitMs` has passed. */
async function waitForPercyBuild(client, buildId, wait) {
    const read = await pollPercy(() => fetchPercyBuild(client, buildId), (build) => build, wait);
    return read.ok ? (0,result.ok)({ build: read.value.last, polls: read.value.polls }) : read;
}
/**
 * Finds the build Percy made for a commit, polling (as build:wait does) while
 * there is none yet or it is unfinished, until it reaches a final state or
 * `waitMs` has passed. Each poll lists again, so a newer build for the
 * commit (a re-run) replaces an older one, as in build:wait.
 */
async function waitForPercyCommitBuild(client, target, wait) {
    const read = await pollPercy(() => findPercyBuildForCommit(client, target), (found) => found.build, wait);
    return read.ok ? (0,result.ok)({ ...read.value.last, polls: read.value.polls }) : read;
}
async function pollPercy(read, buildOf, wait) {
    const clock = wait.clock ?? Date.now;
    const sleep = wait.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const pollMs = wait.pollMs ?? 10_000;
    const deadline = clock() + wait.waitMs;
    for (let polls = 1;; polls++) {
        const value = await read();
        if (!value.ok)
            return value;
        const state = buildOf(value.value)?.state;
        const isFinal = state !== undefined && FINAL_PERCY_STATES.includes(state);
        const remaining = deadline - clock();
        if (isFinal || remaining <= 0)
            return (0,result.ok)({ last: value.value, polls });
        await sleep(Math.min(pollMs, remaining));
    }
}

// EXTERNAL MODULE: ./.build/actions/shared/github-event.js
var shared_github_event = __webpack_require__(582);
// EXTERNAL MODULE: ./.build/actions/gate-checks/checks/percy-keys.js
var percy_keys = __webpack_require__(9942);
;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/percy-measure.js







async function measurePercy(spec, environment, options) {
    const config = await readConfig(spec, environment.env);
    if (!config.ok)
        return config;
    const { keys, apiUrl, token, target } = config.value;
    const client = { apiUrl, token, http: options.http };
    const wait = { ...options.poll, ...(keys.intervalMs !== null ? { pollMs: keys.intervalMs } : {}), waitMs: keys.waitMs };
    const rules = { failOnChanges: keys.failOnChanges, passIfApproved: keys.passIfApproved };
    const settings = { apiUrl, failOnChanges: rules.failOnChanges, passIfApproved: rules.passIfApproved };
    if (target.kind === 'build') {
        const read = await waitForPercyBuild(client, target.buildId, wait);
        if (!read.ok)
            return read;
        return (0,result.ok)(measuredBuild(read.value.build, { ...settings, polls: read.value.polls }, judgePercyBuild(read.value.build, keys.waitMs, rules)));
    }
    const read = await waitForPercyCommitBuild(client, target, wait);
    if (!read.ok)
        return read;
    const { build, listed, polls } = read.value;
    const located = { project: target.project, commit: target.commit, commitFrom: target.commitFrom, buildsForCommit: listed };
    if (build === null) {
        return (0,result.ok)({
            measurements: { diffs: null, snapshots: null },
            samples: null,
            evidence: { ...located, buildId: null, ...settings, polls },
            verdict: { ...judgeMissingBuild(target, keys.waitMs), value: null, threshold: null },
        });
    }
    return (0,result.ok)(measuredBuild(build, { ...located, ...settings, polls }, judgePercyBuild(build, keys.waitMs, rules)));
}
function measuredBuild(build, context, verdict) {
    return {
        measurements: { diffs: build.diffs, snapshots: build.snapshots },
        samples: build.snapshots,
        evidence: {
            buildId: build.id,
            state: build.state,
            reviewState: build.reviewState,
            reviewStateReason: build.reviewStateReason,
            webUrl: build.webUrl,
            diffs: build.diffs,
            snapshots: build.snapshots,
            comparisons: build.comparisons,
            failureReason: build.failureReason,
            ...context,
        },
        verdict: { ...verdict, value: build.diffs, threshold: null },
    };
}
async function readConfig(spec, env) {
    const problem = (message) => (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: ${message}`);
    const keys = (0,percy_keys/* readPercyKeys */.Yn)(spec.entry);
    if (!keys.ok)
        return problem(keys.error.message);
    const token = env.PERCY_TOKEN?.trim();
    if (!token)
        return problem('PERCY_TOKEN is not set; pass the Percy token (read access) to the step as env PERCY_TOKEN from a secret');
    const apiUrl = keys.value.apiUrl ?? env.PERCY_API_URL ?? DEFAULT_PERCY_API_URL;
    if (!/^https?:\/\//.test(apiUrl))
        return problem(`\`api-url\` must be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
    const target = await readTarget(keys.value, env);
    if (!target.ok)
        return problem(target.error);
    return (0,result.ok)({ keys: keys.value, apiUrl, token, target: target.value });
}
/** The key `build-id`, else the key `project` (with its commit), else env PERCY_BUILD_ID: a policy's keys say more than the step's environment. */
async function readTarget(keys, env) {
    if (keys.buildId !== null)
        return (0,result.ok)({ kind: 'build', buildId: keys.buildId });
    if (keys.project !== null) {
        const commit = await readCommit(keys, env);
        return commit.ok ? (0,result.ok)({ kind: 'commit', project: keys.project, ...commit.value }) : commit;
    }
    const envId = env.PERCY_BUILD_ID?.trim();
    if (envId)
        return (0,result.ok)({ kind: 'build', buildId: envId });
    return { ok: false, error: 'no Percy build id; set key `build-id` or env PERCY_BUILD_ID (percy exec prints the build number and URL)' };
}
/**
 * The commit to find the build of: key `commit`, else the commit Percy's own
 * CLI records a build under on GitHub Actions (PERCY_COMMIT, else the pull
 * request's head commit, since GITHUB_SHA is then a merge commit nobody
 * built, else GITHUB_SHA).
 */
async function readCommit(keys, env) {
    if (keys.commit !== null)
        return (0,result.ok)({ commit: keys.commit, commitFrom: 'commit' });
    const fromEnv = (name, value) => percy_keys/* FULL_SHA */.RG.test(value) ? (0,result.ok)({ commit: value.toLowerCase(), commitFrom: name }) : { ok: false, error: `env ${name} is not a full commit SHA (got ${JSON.stringify(value)}); set key \`commit\` to the commit percy exec ran on` };
    const percyCommit = env.PERCY_COMMIT?.trim();
    if (percyCommit)
        return fromEnv('PERCY_COMMIT', percyCommit);
    const head = (0,github_event/* headSha */.xF)(await (0,shared_github_event/* readEventPayload */.N)(env.GITHUB_EVENT_PATH), '');
    if (head !== '')
        return (0,result.ok)({ commit: head.toLowerCase(), commitFrom: 'pull_request.head.sha' });
    const githubSha = env.GITHUB_SHA?.trim();
    if (githubSha)
        return fromEnv('GITHUB_SHA', githubSha);
    return { ok: false, error: 'no commit to find the Percy build of; set key `commit` (a full SHA), or run in GitHub Actions, where GITHUB_SHA is set' };
}
/** No build listed for the commit (yet): nothing was judged, so never a pass. */
function judgeMissingBuild(target, waitMs) {
    const which = `no Percy build for commit ${target.commit} (${target.commitFrom}) in project ${target.project}`;
    return {
        status: 'nodata',
        message: waitMs > 0
            ? `${which} after waiting ${(0,units/* formatDuration */.a3)(waitMs)}; check that percy exec ran on this commit with this project's token, or raise \`wait\``
            : `${which} yet; set \`wait\` (e.g. 10m) to poll until Percy has one`,
    };
}
/**
 * Percy's own verdict on a build, in our status vocabulary, as build:wait
 * decides it: a failed or expired build fails; a finished one with visual
 * changes fails under `fail-on-changes` unless approved and
 * `pass-if-approved`. Where build:wait would exit 0 on less than evidence,
 * this is stricter: changes a reviewer requested always fail, a build that
 * compared nothing is no data, and unapproved changes under
 * `fail-on-changes: false` warn instead of passing.
 */
function judgePercyBuild(build, waitMs, rules = { failOnChanges: true, passIfApproved: true }) {
    const name = `Percy build ${build.id}`;
    const at = build.webUrl ? `: ${build.webUrl}` : '';
    const changes = (count) => (count === null ? 'visual changes' : `${count} visual ${count === 1 ? 'change' : 'changes'}`);
    switch (build.state) {
        case 'finished': {
            if (build.reviewState === 'changes_requested' || build.reviewState === 'rejected') {
                return { status: 'fail', message: `${name} has changes requested on ${changes(build.diffs)}${at}` };
            }
            const unusable = unusableCounts(build);
            if (unusable)
                return { status: 'error', message: `${name}: ${unusable}` };
            // A build that compared nothing shows nothing: no snapshots (or none rendered) is not "no visual changes".
            if (!build.snapshots || build.comparisons === 0) {
                const what = build.snapshots === null ? 'no snapshot count' : build.snapshots === 0 ? 'no snapshots' : 'no comparisons';
                return { status: 'nodata', message: `${name} finished with ${what}, so nothing was compared; check that the visual tests ran under percy exec${at}` };
            }
            if (build.diffs === 0)
                return { status: 'pass', message: `${name} finished with no visual changes` };
            const approved = build.reviewState === 'approved';
            if (approved && (rules.passIfApproved || !rules.failOnChanges))
                return { status: 'pass', message: `${name} is approved (${changes(build.diffs)})` };
            if (approved)
                return { status: 'fail', message: `${name} has ${changes(build.diffs)}, approved, but \`pass-if-approved\` is false, so any visual change fails${at}` };
            const unapproved = `${name} has ${changes(build.diffs)} not yet approved (review state ${build.reviewState ?? 'unknown'})`;
            if (!rules.failOnChanges)
                return { status: 'warn', message: `${unapproved}; not blocking, as \`fail-on-changes\` is false${at}` };
            return { status: 'fail', message: `${unapproved}; review them${at || ' in Percy'}` };
        }
        case 'failed':
        case 'expired':
            return { status: 'fail', message: `${name} ${build.state}${build.failureReason ? ` (${build.failureReason})` : ''}${at}` };
        case 'pending':
        case 'processing':
        case 'waiting':
            return {
                status: 'nodata',
                message: waitMs > 0
                    ? `${name} is still ${build.state} after waiting ${(0,units/* formatDuration */.a3)(waitMs)}; re-run later or raise \`wait\``
                    : `${name} is still ${build.state}; set \`wait\` (e.g. 10m) to poll until it finishes`,
            };
        default:
            return { status: 'error', message: `${name} is in a state this check does not know: \`${build.state}\`${at}` };
    }
}
/** Why Percy's counts cannot be believed (negative, fractional), or `null`. */
function unusableCounts(build) {
    const counts = { 'total-comparisons-diff': build.diffs, 'total-snapshots': build.snapshots, 'total-comparisons': build.comparisons };
    const bad = Object.entries(counts).filter(([, value]) => value !== null && !(Number.isSafeInteger(value) && value >= 0));
    return bad.length === 0 ? null : `Percy's ${bad.map(([key]) => `\`${key}\``).join(', ')} is not a whole number ≥ 0, so the build's counts cannot be trusted`;
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


/***/ })

};
