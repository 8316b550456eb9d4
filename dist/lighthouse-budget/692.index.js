export const id = 692;
export const ids = [692];
export const modules = {

/***/ 7649:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

/**
 * @license Copyright 2019 Google Inc. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 * Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the specific language governing permissions and limitations under the License.
 */


const crypto = __webpack_require__(6982);
const childProcess = __webpack_require__(5317);

/** @param {Array<string>} namesInPriorityOrder @return {string|undefined} */
function getEnvVarIfSet(namesInPriorityOrder) {
  for (const name of namesInPriorityOrder) {
    if (process.env[name]) return process.env[name];
  }
}

/**
 * @param {Array<[string, ReadonlyArray<string>]>} commands
 * @return {import('child_process').SpawnSyncReturns<string>}
 */
function runCommandsUntilFirstSuccess(commands) {
  /** @type {import('child_process').SpawnSyncReturns<string>|undefined} */
  let result;

  for (const [command, args] of commands) {
    result = childProcess.spawnSync(command, args, {encoding: 'utf8'});
    if (result.status === 0) break;
  }

  if (!result) throw new Error('Must specify at least one command');
  return result;
}

/** @return {string|undefined} */
function getGitRemote() {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__GIT_REMOTE',
    // GitLab CI
    'CI_REPOSITORY_URL',
  ]);
  if (envHash) return envHash;

  const result = childProcess.spawnSync('git', ['remote', '-v'], {encoding: 'utf8'});
  if (result.status !== 0) return undefined;

  const originLine = result.stdout.split('\n').find(l => l.startsWith('origin'));
  if (!originLine) return undefined;
  const matches = originLine.match(/^origin\s+(\S+)\s+/);
  if (!matches) return undefined;
  return matches[1];
}

/**
 * @return {string}
 */
function getCurrentHash() {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__CURRENT_HASH',
    // Travis CI
    'TRAVIS_PULL_REQUEST_SHA',
    'TRAVIS_COMMIT',
    // Circle CI
    'CIRCLE_SHA1',
    // GitLab CI
    'CI_COMMIT_SHA',
    // Drone CI
    'DRONE_COMMIT_SHA',
  ]);
  if (envHash) return envHash;

  const result = childProcess.spawnSync('git', ['rev-list', '--no-merges', '-n1', 'HEAD'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      'Unable to determine current hash with `git rev-parse HEAD`. ' +
        'This can be overridden with setting LHCI_BUILD_CONTEXT__CURRENT_HASH env.'
    );
  }

  return result.stdout.trim();
}

/**
 * @param {string} hash
 * @return {string}
 */
function getCommitTime(hash) {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__COMMIT_TIME',
    // GitLab CI
    'CI_COMMIT_TIMESTAMP',
  ]);
  if (envHash) return envHash;

  const result = childProcess.spawnSync('git', ['log', '-n1', '--pretty=%cI', hash], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      'Unable to retrieve committer timestamp from commit. ' +
        'This can be overridden with setting LHCI_BUILD_CONTEXT__COMMIT_TIME env.'
    );
  }

  return result.stdout.trim();
}

/**
 * @return {string}
 */
function getCurrentBranchRaw_() {
  const envBranch = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__CURRENT_BRANCH',
    // Travis CI
    'TRAVIS_PULL_REQUEST_BRANCH',
    'TRAVIS_BRANCH',
    // GitHub Actions, see https://github.com/GoogleChrome/lighthouse-ci/issues/43#issuecomment-551174778
    'GITHUB_HEAD_REF',
    'GITHUB_REF',
    // Circle CI
    'CIRCLE_BRANCH',
    // Gitlab CI, see https://docs.gitlab.com/ee/ci/variables/predefined_variables.html
    'CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME',
    'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
    'CI_COMMIT_REF_NAME',
    // Drone CI, see https://docs.drone.io/pipeline/environment/reference/
    'DRONE_BRANCH',
  ]);
  if (envBranch) return envBranch;

  const result = childProcess.spawnSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], {
    encoding: 'utf8',
  });

  const branch = typeof result.stdout === 'string' && result.stdout.trim();
  if (result.status !== 0 || !branch || branch === 'HEAD') {
    throw new Error(
      'Unable to determine current branch with `git rev-parse --abbrev-ref HEAD`. ' +
        'This can be overridden with setting LHCI_BUILD_CONTEXT__CURRENT_BRANCH env.'
    );
  }

  return branch;
}

/**
 * Returns the current branch name. Throws if it could not be determined.
 * @return {string}
 */
function getCurrentBranch() {
  const branch = getCurrentBranchRaw_();
  if (branch === 'HEAD') throw new Error('Unable to determine current branch');
  return branch.replace('refs/heads/', '').slice(0, 40);
}

/**
 * Returns the current branch name. Returns `undefined` if it could not be determined.
 * @return {string|undefined}
 */
function getCurrentBranchSafe() {
  try {
    return getCurrentBranch();
  } catch (err) {
    return undefined;
  }
}

/**
 * @return {string}
 */
function getExternalBuildUrl() {
  const envUrl = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__EXTERNAL_BUILD_URL',
    // Travis CI
    'TRAVIS_BUILD_WEB_URL',
    // Circle CI
    'CIRCLE_BUILD_URL',
    // Gitlab CI
    'CI_JOB_URL',
  ]);

  return envUrl || '';
}

/**
 * @param {string} hash
 * @return {string}
 */
function getCommitMessage(hash = 'HEAD') {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__COMMIT_MESSAGE',
    // GitLab CI
    'CI_COMMIT_MESSAGE',
  ]);
  if (envHash) return envHash.trim().slice(0, 80);

  const result = childProcess.spawnSync('git', ['log', '--format=%s', '-n', '1', hash], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      'Unable to determine commit message with `git log --format=%s -n 1`. ' +
        'This can be overridden with setting LHCI_BUILD_CONTEXT__COMMIT_MESSAGE env.'
    );
  }

  return result.stdout.trim().slice(0, 80);
}

/**
 * @param {string} hash
 * @return {string}
 */
function getAuthor(hash = 'HEAD') {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__AUTHOR',
    // GitLab CI: https://gitlab.com/gitlab-org/gitlab/-/issues/284079
    'CI_COMMIT_AUTHOR',
  ]);
  if (envHash) return envHash.trim().slice(0, 256);

  const result = childProcess.spawnSync('git', ['log', '--format=%aN <%aE>', '-n', '1', hash], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      'Unable to determine commit author with `git log --format=%aN <%aE> -n 1`. ' +
        'This can be overridden with setting LHCI_BUILD_CONTEXT__AUTHOR env.'
    );
  }

  return result.stdout.trim().slice(0, 256);
}

/**
 * @param {string} author
 * @return {string | null}
 */
function getEmailFromAuthor(author) {
  const emailRegex = new RegExp(/ <(\S+@\S+)>$/);
  const emailMatch = author.match(emailRegex);
  if (!emailMatch) return null;
  return emailMatch[1];
}

/**
 * @param {string} hash
 * @return {string}
 */
function getAvatarUrl(hash = 'HEAD') {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__AVATAR_URL',
  ]);
  if (envHash) return envHash;

  // Next try to parse the email from the complete author.
  const author = getAuthor(hash);
  const email = getEmailFromAuthor(author);
  if (email) return getGravatarUrlFromEmail(email);

  // Finally fallback to git again if we couldn't parse the email out of the author.
  const result = childProcess.spawnSync('git', ['log', '--format=%aE', '-n', '1', hash], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      "Unable to determine commit author's avatar URL because `git log --format=%aE -n 1` failed to provide author's email. " +
        'This can be overridden with setting LHCI_BUILD_CONTEXT__AVATAR_URL env.'
    );
  }

  return getGravatarUrlFromEmail(result.stdout);
}

/**
 * @param {string} email
 * @return {string}
 */
function getGravatarUrlFromEmail(email) {
  // Use default gravatar image, see https://en.gravatar.com/site/implement/images/.
  const md5 = crypto.createHash('md5');
  md5.update(email.trim().toLowerCase());
  return `https://www.gravatar.com/avatar/${md5.digest('hex')}.jpg?d=identicon`;
}

/**
 * @param {string} hash
 * @return {string}
 */
function getAncestorHashForBase(hash) {
  const result = childProcess.spawnSync('git', ['rev-parse', `${hash}^`], {encoding: 'utf8'});
  // Ancestor hash is optional, so do not throw if it can't be computed.
  // See https://github.com/GoogleChrome/lighthouse-ci/issues/36
  if (result.status !== 0) return '';

  return result.stdout.trim();
}

/**
 * @param {string} hash
 * @param {string} baseBranch
 * @return {string}
 */
function getAncestorHashForBranch(hash, baseBranch) {
  const result = runCommandsUntilFirstSuccess([
    ['git', ['merge-base', hash, `origin/${baseBranch}`]],
    ['git', ['merge-base', hash, baseBranch]],
  ]);

  // Ancestor hash is optional, so do not throw if it can't be computed.
  // See https://github.com/GoogleChrome/lighthouse-ci/issues/36
  if (result.status !== 0) return '';

  return result.stdout.trim();
}

/**
 * @param {string} hash
 * @param {string} baseBranch
 * @return {string}
 */
function getAncestorHash(hash, baseBranch) {
  const envHash = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__ANCESTOR_HASH',
    // GitLab CI
    'CI_COMMIT_BEFORE_SHA',
  ]);
  if (envHash && envHash !== '0000000000000000000000000000000000000000') return envHash;

  return getCurrentBranch() === baseBranch
    ? getAncestorHashForBase(hash)
    : getAncestorHashForBranch(hash, baseBranch);
}

/** @param {string|undefined} apiHost */
function getGitHubRepoSlug(apiHost = undefined) {
  const envSlug = getEnvVarIfSet([
    // Manual override
    'LHCI_BUILD_CONTEXT__GITHUB_REPO_SLUG',
    // Travis CI
    'TRAVIS_PULL_REQUEST_SLUG',
    'TRAVIS_REPO_SLUG',
    // GitHub Actions
    'GITHUB_REPOSITORY',
    // Drone CI
    'DRONE_REPO',
  ]);
  if (envSlug) return envSlug;

  // Support CircleCI
  if (process.env.CIRCLE_PROJECT_USERNAME && process.env.CIRCLE_PROJECT_REPONAME) {
    return `${process.env.CIRCLE_PROJECT_USERNAME}/${process.env.CIRCLE_PROJECT_REPONAME}`;
  }

  const remote = getGitRemote();
  if (remote && remote.includes('github.com')) {
    const remoteMatch = remote.match(/github\.com.([^/]+\/[^/]+?)(\.git|$)/);
    if (remoteMatch) return remoteMatch[1];
  }

  if (remote && apiHost && !apiHost.includes('github.com')) {
    const hostMatch = apiHost.match(/:\/\/(.*?)(\/|$)/);
    if (!hostMatch) return undefined;
    const remoteRegex = new RegExp(`${hostMatch[1]}(:|\\/)([^/]+\\/.+)\\.git`);
    const remoteMatch = remote.match(remoteRegex);
    if (remoteMatch) return remoteMatch[2];
  }
}

module.exports = {
  getCurrentHash,
  getCommitTime,
  getCurrentBranch,
  getCurrentBranchSafe,
  getExternalBuildUrl,
  getCommitMessage,
  getAuthor,
  getEmailFromAuthor,
  getAvatarUrl,
  getGravatarUrlFromEmail,
  getAncestorHash,
  getAncestorHashForBase,
  getAncestorHashForBranch,
  getGitRemote,
  getGitHubRepoSlug,
};


/***/ }),

/***/ 8692:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uploadPlanned: () => (/* binding */ uploadPlanned)
});

// EXTERNAL MODULE: ./.build/sources/http/redact-url.js
var redact_url = __webpack_require__(4323);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/@lhci/utils/src/build-context.js
var build_context = __webpack_require__(7649);
// EXTERNAL MODULE: ./.build/engine/result.js
var result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/github/event.js
var github_event = __webpack_require__(528);
// EXTERNAL MODULE: ./.build/sources/run-command.js
var run_command = __webpack_require__(1870);
;// CONCATENATED MODULE: ./.build/sources/lighthouse/lhci-build-context.js





const ZERO_SHA = /^0+$/;
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (value, ...keys) => keys.reduce((at, key) => (isRecord(at) ? at[key] : undefined), value);
const lhci_build_context_text = (value) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
/** The first of these variables that is set, as LHCI's getEnvVarIfSet. */
function fromEnv(env, ...names) {
    for (const name of names)
        if (env[name])
            return env[name];
    return undefined;
}
async function readBuildContext(sources) {
    const { env, event, git } = sources;
    const hash = await currentHash(sources);
    if (hash === undefined)
        return (0,result/* err */._q)('could not tell the commit of the build (no GITHUB_SHA, and git has no HEAD here); set LHCI_BUILD_CONTEXT__CURRENT_HASH');
    const branch = await currentBranch(sources);
    if (branch === undefined)
        return (0,result/* err */._q)('could not tell the branch of the build (no GITHUB_HEAD_REF or GITHUB_REF, and git is on a detached HEAD); set LHCI_BUILD_CONTEXT__CURRENT_BRANCH');
    const ancestorHash = await ancestorOf(hash, branch, sources);
    const headCommit = pushedCommit(event, hash);
    const commitMessage = fromEnv(env, 'LHCI_BUILD_CONTEXT__COMMIT_MESSAGE')?.trim().slice(0, 80) ?? (await git(['log', '--format=%s', '-n', '1', hash]))?.slice(0, 80) ?? headCommit?.message;
    const author = fromEnv(env, 'LHCI_BUILD_CONTEXT__AUTHOR')?.trim().slice(0, 256) ?? (await git(['log', '--format=%aN <%aE>', '-n', '1', hash]))?.slice(0, 256) ?? headCommit?.author;
    const committedAt = await commitTime(hash, sources) ?? headCommit?.timestamp;
    const unknown = Object.entries({ commitMessage, author, committedAt }).filter(([, value]) => value === undefined).map(([name]) => name);
    return (0,result.ok)({
        context: {
            hash,
            branch,
            ancestorHash,
            commitMessage,
            author,
            avatarUrl: await avatarUrl(hash, author, sources),
            committedAt,
            ancestorCommittedAt: ancestorHash ? await commitTime(ancestorHash, sources) : undefined,
            externalBuildUrl: externalBuildUrl(env),
            runAt: sources.now.toISOString(),
        },
        unknown,
    });
}
async function currentHash({ env, event, commit, git }) {
    const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__CURRENT_HASH');
    if (override)
        return override;
    if (commit)
        return commit;
    const fromEvent = (0,github_event/* headSha */.xF)(event, env.GITHUB_SHA ?? '');
    if (fromEvent)
        return fromEvent;
    return (await git(['rev-list', '--no-merges', '-n1', 'HEAD'])) || undefined;
}
/** LHCI strips `refs/heads/` and keeps 40 characters, the server's column width. */
async function currentBranch({ env, event, git }) {
    const named = fromEnv(env, 'LHCI_BUILD_CONTEXT__CURRENT_BRANCH', 'GITHUB_HEAD_REF') ??
        lhci_build_context_text(field(event, 'workflow_run', 'head_branch')) ??
        fromEnv(env, 'GITHUB_REF') ??
        (await git(['rev-parse', '--abbrev-ref', 'HEAD'])) ??
        undefined;
    if (!named || named === 'HEAD')
        return undefined;
    return named.replace('refs/heads/', '').slice(0, 40);
}
/**
 * LHCI: on the base branch, the parent commit; elsewhere, the merge base
 * with the base branch (`origin/<base>` first). A shallow checkout has
 * neither, so then the event's: a push's `before` (the base branch's
 * previous tip, which has a build), a pull request's base commit. Optional:
 * the server then compares with the base branch's build nearest in time.
 */
async function ancestorOf(hash, branch, { env, event, baseBranch, git }) {
    const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__ANCESTOR_HASH');
    if (override && !ZERO_SHA.test(override))
        return override;
    const fromGit = branch === baseBranch ? await git(['rev-parse', `${hash}^`]) : ((await git(['merge-base', hash, `origin/${baseBranch}`])) ?? (await git(['merge-base', hash, baseBranch])));
    if (fromGit)
        return fromGit;
    if (branch === baseBranch) {
        const before = lhci_build_context_text(field(event, 'before'));
        return before && !ZERO_SHA.test(before) ? before : '';
    }
    return lhci_build_context_text(field(event, 'pull_request', 'base', 'sha')) ?? '';
}
/** LHCI reads LHCI_BUILD_CONTEXT__COMMIT_TIME for any commit it asks the time of, the ancestor's included. */
async function commitTime(hash, { env, git }) {
    return fromEnv(env, 'LHCI_BUILD_CONTEXT__COMMIT_TIME') ?? (await git(['log', '-n1', '--pretty=%cI', hash])) ?? undefined;
}
async function avatarUrl(hash, author, { env, git }) {
    const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__AVATAR_URL');
    if (override)
        return override;
    const email = (author ? build_context.getEmailFromAuthor(author) : null) ?? (await git(['log', '--format=%aE', '-n', '1', hash]));
    return email ? build_context.getGravatarUrlFromEmail(email) : undefined;
}
/** The run's page, where LHCI (knowing no GitHub variable) would send an empty string. */
function externalBuildUrl(env) {
    const override = fromEnv(env, 'LHCI_BUILD_CONTEXT__EXTERNAL_BUILD_URL');
    if (override)
        return override;
    const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
    return repository && runId ? `${server}/${repository}/actions/runs/${runId}` : '';
}
/** A push event's copy of the commit, when it is the one uploaded: what a depth-1 checkout's git may not have. */
function pushedCommit(event, hash) {
    const commit = field(event, 'head_commit');
    if (field(commit, 'id') !== hash)
        return undefined;
    const name = lhci_build_context_text(field(commit, 'author', 'name'));
    const email = lhci_build_context_text(field(commit, 'author', 'email'));
    return {
        message: lhci_build_context_text(field(commit, 'message'))?.split('\n')[0]?.trim().slice(0, 80),
        author: name ? (email ? `${name} <${email}>` : name).slice(0, 256) : undefined,
        timestamp: lhci_build_context_text(field(commit, 'timestamp')),
    };
}
/** git in `cwd` without the action's inputs or the runner's credentials in its environment; null when it fails or prints nothing. */
function gitIn(cwd, env) {
    const defined = Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined));
    return (args) => new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', args, { cwd, env: (0,run_command/* childEnvironment */.Qc)(defined), timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
            const output = String(stdout).trim();
            resolve(error || output === '' ? null : output);
        });
    });
}

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

;// CONCATENATED MODULE: ./.build/sources/lighthouse/lhci-server-client.js


/**
 * Sealing computes the build's statistics, and a run's body is its whole
 * LHR (0.5–2 MB, echoed back in the answer, well within the helper's 16 MB
 * cap): a loaded server takes a while.
 */
const TIMEOUT_MS = 60_000;
class LhciServerClient {
    server;
    options;
    constructor(server, options = {}) {
        this.server = server;
        this.options = options;
    }
    async lookupProject() {
        // A POST that only reads: safe to retry.
        const answer = await this.call('POST', '/v1/projects/lookup', { token: this.server.token }, 3);
        if (!answer.ok)
            return answer.error.kind === 'server' && answer.error.reason.startsWith('answered 404') ? (0,result/* err */._q)({ kind: 'token', reason: 'no project on the server has this build token' }) : answer;
        const project = answer.value;
        if (!lhci_server_client_isRecord(project) || typeof project.id !== 'string' || typeof project.slug !== 'string')
            return (0,result/* err */._q)({ kind: 'server', reason: 'looked the project up and got an answer that is not an LHCI project' });
        return (0,result.ok)({ id: project.id, slug: project.slug, name: typeof project.name === 'string' ? project.name : project.slug, baseBranch: typeof project.baseBranch === 'string' && project.baseBranch !== '' ? project.baseBranch : undefined });
    }
    /** Creates are sent once: a retry after a lost answer could store the build or run twice. */
    async createBuild(projectId, context) {
        const answer = await this.call('POST', `/v1/projects/${encodeURIComponent(projectId)}/builds`, { projectId, lifecycle: 'unsealed', ...context }, 1);
        if (!answer.ok)
            return answer;
        const build = answer.value;
        return lhci_server_client_isRecord(build) && typeof build.id === 'string' ? (0,result.ok)({ id: build.id }) : (0,result/* err */._q)({ kind: 'server', reason: 'created a build and got an answer without its id' });
    }
    async createRun(projectId, buildId, url, lhr) {
        const answer = await this.call('POST', `/v1/projects/${encodeURIComponent(projectId)}/builds/${encodeURIComponent(buildId)}/runs`, { projectId, buildId, representative: false, url, lhr }, 1);
        if (!answer.ok)
            return answer;
        const run = answer.value;
        return lhci_server_client_isRecord(run) && typeof run.id === 'string' ? (0,result.ok)({ id: run.id }) : (0,result/* err */._q)({ kind: 'server', reason: `uploaded a run of ${url} and got an answer without its id` });
    }
    /** Sealing marks the build complete: the server then picks each URL's representative run and computes the statistics. */
    async sealBuild(projectId, buildId) {
        const answer = await this.call('PUT', `/v1/projects/${encodeURIComponent(projectId)}/builds/${encodeURIComponent(buildId)}/lifecycle`, 'sealed', 3);
        return answer.ok ? (0,result.ok)(undefined) : answer;
    }
    async call(method, apiPath, body, tries) {
        const what = `${method} ${apiPath.replace(/[0-9a-f-]{36}/g, ':id')}`;
        const root = this.server.baseUrl.endsWith('/') ? this.server.baseUrl.slice(0, -1) : this.server.baseUrl;
        const credentials = { 'x-lhci-build-token': this.server.token };
        if (this.server.basicAuth)
            credentials.authorization = `Basic ${Buffer.from(`${this.server.basicAuth.username}:${this.server.basicAuth.password}`).toString('base64')}`;
        const sent = await sendRequest({ method, url: `${root}${apiPath}`, headers: credentials, publicHeaders: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), isSecretBody: true, label: what }, { timeoutMs: TIMEOUT_MS, ...this.options, tries });
        if (!sent.ok)
            return (0,result/* err */._q)({ kind: sent.error.kind === 'refused' ? 'refused' : 'unreachable', reason: `${what}: ${sent.error.reason}${sent.error.kind === 'network' && sent.error.tries > 1 ? ` after ${sent.error.tries} tries` : ''}` });
        const { status, text } = sent.value;
        if (status === 401)
            return (0,result/* err */._q)({ kind: 'auth', reason: `${what} was answered 401: the server wants HTTP basic auth, and none or other credentials were sent` });
        if (status === 403)
            return (0,result/* err */._q)({ kind: 'token', reason: `${what} was answered 403: ${serverMessage(text) || 'the build token was refused'}` });
        if (status === 422 && /Build already exists/.test(text))
            return (0,result/* err */._q)({ kind: 'duplicate', reason: serverMessage(text) });
        if (status < 200 || status >= 300)
            return (0,result/* err */._q)({ kind: 'server', reason: `answered ${status} to ${what}${serverMessage(text) ? `: ${serverMessage(text)}` : ''}` });
        if (status === 204 || text === '')
            return (0,result.ok)(undefined);
        try {
            return (0,result.ok)(JSON.parse(text));
        }
        catch {
            return (0,result/* err */._q)({ kind: 'server', reason: `answered ${what} with a body that is not JSON: is it an LHCI server's root?` });
        }
    }
}
/** The `message` of LHCI's JSON error bodies, or the first line of another body; at most 200 characters. */
function serverMessage(text) {
    let message = text;
    try {
        const parsed = JSON.parse(text);
        if (lhci_server_client_isRecord(parsed) && typeof parsed.message === 'string')
            message = parsed.message;
    }
    catch {
        // not JSON: an HTML error page or plain text
    }
    return (message.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}
const lhci_server_client_isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

// EXTERNAL MODULE: ./.build/sources/lighthouse/url-replacement.js
var url_replacement = __webpack_require__(5220);
;// CONCATENATED MODULE: ./.build/sources/lighthouse/lhci-upload.js



/** The server's `runs.url` column. */
const MAX_URL_LENGTH = 256;
async function uploadRuns(request) {
    const outcome = await upload(request);
    if (!outcome.ok && outcome.error.kind === 'duplicate' && request.ignoreDuplicateBuildFailure)
        return (0,result.ok)({ kind: 'duplicate-skipped', reason: outcome.error.reason });
    return outcome;
}
async function upload(request) {
    const replacements = [];
    for (const pattern of request.urlReplacementPatterns) {
        const parsed = (0,url_replacement/* parseUrlReplacement */.V5)(pattern);
        if (!parsed.ok)
            return (0,result/* err */._q)({ kind: 'context', reason: parsed.error });
        replacements.push(parsed.value);
    }
    const client = new LhciServerClient(request.server, request.httpOptions);
    const project = await client.lookupProject();
    if (!project.ok)
        return project;
    // LHCI: `project.baseBranch || 'master'`.
    const context = await request.contextFor(project.value.baseBranch ?? 'master');
    if (!context.ok)
        return (0,result/* err */._q)({ kind: 'context', reason: context.error });
    const build = await client.createBuild(project.value.id, context.value.context);
    if (!build.ok)
        return build;
    const buildView = buildPage(request.server.baseUrl, project.value.slug, build.value.id);
    const links = {};
    for (const lhr of request.lhrs) {
        const finalUrl = String(lhr.finalUrl ?? lhr.requestedUrl ?? '');
        const url = (0,url_replacement/* replaceUrl */.qk)(finalUrl, replacements).slice(0, MAX_URL_LENGTH);
        const run = await client.createRun(project.value.id, build.value.id, url, JSON.stringify(lhr));
        if (!run.ok)
            return run;
        buildView.searchParams.set('compareUrl', url);
        links[finalUrl] = buildView.href;
    }
    buildView.searchParams.delete('compareUrl');
    const sealed = await client.sealBuild(project.value.id, build.value.id);
    if (!sealed.ok)
        return sealed;
    return (0,result.ok)({ kind: 'uploaded', project: project.value, buildId: build.value.id, buildUrl: buildView.href, links, runs: request.lhrs.length, unknownContext: context.value.unknown });
}
/** As LHCI builds it: an absolute path on the base URL's origin (a path prefix is not kept), without any userinfo. */
function buildPage(baseUrl, slug, buildId) {
    const page = new URL(`/app/projects/${slug}/compare/${buildId}`, baseUrl);
    page.username = '';
    page.password = '';
    return page;
}

// EXTERNAL MODULE: ./.build/actions/shared/github-event.js
var shared_github_event = __webpack_require__(582);
// EXTERNAL MODULE: ./.build/actions/shared/log.js
var log = __webpack_require__(5688);
;// CONCATENATED MODULE: ./.build/actions/lighthouse-budget/upload-run.js





/** The upload itself, loaded by upload.ts's runUpload only when one is planned. */
async function uploadPlanned(plan, targets, inputs, workspace, env) {
    const server = (0,redact_url/* redactUrl */.BO)(plan.server.baseUrl);
    const lhrs = targets.filter((run) => run.failure === null && run.lhr !== null).map((run) => run.lhr);
    if (lhrs.length === 0) {
        const line = `LHCI upload skipped: no successful Lighthouse run to upload to ${server}`;
        log/* warning */.$e(line);
        return { links: {}, note: line, failure: null };
    }
    const event = await (0,shared_github_event/* readEventPayload */.N)(env.GITHUB_EVENT_PATH);
    const uploaded = await uploadRuns({
        server: plan.server,
        lhrs,
        urlReplacementPatterns: plan.urlReplacementPatterns,
        ignoreDuplicateBuildFailure: plan.ignoreDuplicateBuildFailure,
        contextFor: (baseBranch) => readBuildContext({ env, event, commit: inputs.place.commit, baseBranch, git: gitIn(workspace, env), now: new Date() }),
    });
    if (!uploaded.ok) {
        const line = `LHCI upload failed: ${describeFailure(uploaded.error, plan, server)}`;
        return { links: {}, note: line, failure: line };
    }
    if (uploaded.value.kind === 'duplicate-skipped') {
        const line = `LHCI upload skipped: ${uploaded.value.reason} on ${server} (ci.upload.ignoreDuplicateBuildFailure is on: a re-run of the same commit)`;
        log/* warning */.$e(line);
        return { links: {}, note: line, failure: null };
    }
    const { project, buildUrl, links, runs, unknownContext } = uploaded.value;
    if (unknownContext.length > 0) {
        log/* warning */.$e(`LHCI upload: git could not read the commit (a shallow checkout?), so the build has no ${unknownContext.join(', ')}; check out with \`fetch-depth: 0\`, or set LHCI_BUILD_CONTEXT__COMMIT_MESSAGE, __AUTHOR, __COMMIT_TIME`);
    }
    log/* info */.pq(`LHCI upload: ${runs} run(s) of ${Object.keys(links).length} URL(s) saved to project ${project.name} on ${server}; view the build at ${buildUrl}`);
    return { links, note: `Uploaded ${runs} run(s) to the LHCI server: [build](${buildUrl}).`, failure: null };
}
function describeFailure(failure, plan, server) {
    switch (failure.kind) {
        case 'unreachable':
            return `the LHCI server ${server} (${plan.names.baseUrl}) could not be reached: ${failure.reason}`;
        case 'refused':
            return `${server} (${plan.names.baseUrl}): ${failure.reason}`;
        case 'auth':
            return plan.server.basicAuth
                ? `${server} refused the basic-auth credentials (${plan.names.basicAuth}): ${failure.reason}`
                : `${server} is behind HTTP basic auth: set input \`basic-auth-password\` (and \`basic-auth-username\`, default \`lhci\`): ${failure.reason}`;
        case 'token':
            return `${server} refused the build token (${plan.names.token}): ${failure.reason}; use the build token \`lhci wizard\` printed for the project, and check ${plan.names.baseUrl} is the server's root`;
        case 'duplicate':
            return `${failure.reason} on ${server}: this commit was uploaded to the project before (set \`ci.upload.ignoreDuplicateBuildFailure: true\` to skip a re-upload)`;
        case 'context':
            return failure.reason;
        case 'server':
            return `${server} ${failure.reason}`;
    }
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
