/**
 * Why an `npm install` failed, read from what npm printed on stderr, and
 * what the user can do about it. npm's own last line ("A complete log of
 * this run can be found in: …") names a file on the runner that nobody can
 * open once the job is over; the cause is in the lines above it:
 *
 *     npm error code ECONNREFUSED            (npm 10 and later)
 *     npm ERR! code ECONNREFUSED             (npm 7–9)
 *     npm error FetchError: request to http://… failed, reason: connect ECONNREFUSED 127.0.0.1:9
 *     npm error     at ClientRequest.<anonymous> (…)
 *
 * A full disk is no error to npm: its tar extraction only warns
 * (`npm warn tar TAR_ENTRY_ERROR ENOSPC: …`) and npm exits 0 with files
 * missing, so those warnings count as a failure too.
 * Recorded outputs of both formats: test/fixtures/npm-errors/.
 */

/** What went wrong, as the user has to fix it. */
export type NpmFailureKind = 'network' | 'timeout' | 'tls' | 'auth' | 'not-found' | 'registry' | 'integrity' | 'offline' | 'permission' | 'disk-full' | 'other';

export interface NpmFailure {
  kind: NpmFailureKind;
  /** npm's error code (E404, EINTEGRITY, ECONNREFUSED, FETCH_ERROR, …), or the file error of a tar warning; null when npm printed none. */
  code: string | null;
  /** npm's own account of it in one line, URL credentials masked; null when npm printed none. */
  detail: string | null;
  /** The file npm could not write, when it said (`npm error path …`). */
  path: string | null;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'ECONNABORTED', 'EPROTO', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_TIMEOUT']);
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const AUTH_CODES = new Set(['E401', 'E403', 'ENEEDAUTH', 'EOTP']);
const NOT_FOUND_CODES = new Set(['E404', 'ETARGET', 'ENOVERSIONS']);
const INTEGRITY_CODES = new Set(['EINTEGRITY', 'EBADTARBALL', 'TAR_BAD_ARCHIVE', 'Z_DATA_ERROR', 'Z_BUF_ERROR']);
const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** `npm error …` / `npm ERR! …` → the text after the prefix. */
const ERROR_LINE = /^npm (?:error|ERR!)(?: (.*))?$/;
/** A file npm's tar could not write: extraction goes on, npm exits 0. */
const TAR_WARNING = /^npm (?:warn|WARN) tar TAR_ENTRY_ERROR (.*)$/;
/** Lines of npm's error report that hold no account of the cause: the error object's fields, its stack, the log file, npm's generic advice. */
const NOT_THE_CAUSE = [
  /^(code|errno|syscall|path|dest|type|signal|cmd|command)\b/,
  /^\s+at /,
  /^\s*[{}]\s*$/,
  /^\s+\w+: /,
  /^A complete log of this run can be found in/,
  /^Log files were not written/,
  /^You can rerun the command with `--loglevel=verbose`/,
];

/** Reads npm's stderr. Null when it shows no failure (a run that exited 0 with nothing but harmless warnings). */
export function readNpmFailure(stderr: string): NpmFailure | null {
  const lines = stderr.split(/\r?\n/);
  const errors = lines.map((line) => ERROR_LINE.exec(line.trimEnd())).filter((match) => match !== null).map((match) => match[1] ?? '');
  if (errors.length === 0) {
    const tar = lines.map((line) => TAR_WARNING.exec(line.trimEnd())?.[1]).find((text) => text !== undefined);
    if (tar === undefined) return null;
    const code = /^([A-Z][A-Z0-9_]+):/.exec(tar)?.[1] ?? null;
    return { kind: kindOf(code, tar), code, detail: maskCredentials(tar), path: null };
  }
  const code = field(errors, 'code');
  const detail = errors.map(causeText).find((text): text is string => text !== null) ?? null;
  return { kind: kindOf(code, detail ?? ''), code, detail: detail && maskCredentials(detail), path: field(errors, 'path') };
}

/**
 * The failure as the one-line message's middle: what happened, npm's own
 * words in parentheses, and what to do. `registry` is the registry npm was
 * told to use, when the environment says (`npm_config_registry`).
 */
export function describeNpmFailure(failure: NpmFailure, registry: string | undefined): string {
  // An integrity hash is 88 characters: its first 16 tell two apart.
  const detail = failure.detail?.replace(/\b(sha\d+-[A-Za-z0-9+/]{16})[A-Za-z0-9+/]*=*/g, '$1…') ?? null;
  const said = failure.code !== null && detail?.startsWith(`${failure.code}:`) ? detail : [failure.code, detail].filter(Boolean).join(': ');
  const npmSaid = said === '' ? '' : ` (npm: ${said})`;
  const where = registry ? `the registry ${maskCredentials(registry)}` : 'the npm registry';
  switch (failure.kind) {
    case 'network':
      return `npm could not reach ${where}${npmSaid}; check the runner's network, its proxy (HTTPS_PROXY, NO_PROXY, npm's \`proxy\` config) and npm's registry (npm_config_registry, .npmrc), or restore the install from a cache (docs/lighthouse-runtime.md)`;
    case 'timeout':
      return `${where} or a proxy did not answer npm in time${npmSaid}; check the runner's network, its proxy (HTTPS_PROXY, NO_PROXY) and npm's registry (npm_config_registry, .npmrc), or restore the install from a cache (docs/lighthouse-runtime.md)`;
    case 'tls':
      return `npm does not trust the TLS certificate of ${where} or of a proxy${npmSaid}; give Node the proxy's certificate authority (NODE_EXTRA_CA_CERTS) or npm's \`cafile\` config`;
    case 'auth':
      return `${where} refused npm${npmSaid}; check npm's credentials for it (.npmrc, NODE_AUTH_TOKEN) or point npm_config_registry at a registry that serves public packages`;
    case 'not-found':
      return `${where} does not serve a package of the lockfile${npmSaid}; npm_config_registry or .npmrc must name a registry or mirror that serves npmjs.org's packages`;
    case 'registry':
      return `${where} failed${npmSaid}; re-run the job, or check npm_config_registry and .npmrc`;
    case 'integrity':
      return `a package npm fetched does not match the lockfile's integrity hash${npmSaid}; a registry mirror or proxy served other bytes, or npm's cache is damaged: run \`npm cache verify\` or give npm an empty npm_config_cache`;
    case 'offline':
      return `npm is set to work offline and its cache lacks a package${npmSaid}; unset npm_config_offline, or restore the install from a cache (docs/lighthouse-runtime.md)`;
    case 'permission':
      return `npm may not write ${failure.path ?? 'the install folder or its cache'}${npmSaid}; make it writable for the runner's user, or point RUNNER_TOOL_CACHE or npm_config_cache elsewhere`;
    case 'disk-full':
      return `the disk is full${npmSaid}; free space on the runner (the install needs about 60 MB, and npm's cache as much)`;
    case 'other':
      return said === '' ? 'npm failed and said nothing about why' : `npm failed${npmSaid}`;
  }
}

function field(errors: string[], name: string): string | null {
  const prefix = `${name} `;
  return errors.find((text) => text.startsWith(prefix))?.slice(prefix.length).trim() || null;
}

/** npm's first line that says what happened, without its class word (`network`, `404`) or the error's class name. */
function causeText(text: string): string | null {
  if (text.trim() === '' || NOT_THE_CAUSE.some((pattern) => pattern.test(text))) return null;
  const stripped = text
    .replace(/^network (?!timeout)/, '')
    .replace(/^\d{3} (?=\S)/, '')
    .replace(/^(?:FetchError|Error|HttpErrorGeneral|HttpErrorAuthOTP|HttpErrorAuthUnknown): /, '')
    .trim();
  return stripped === '' ? null : stripped;
}

function kindOf(code: string | null, detail: string): NpmFailureKind {
  const errno = code ?? '';
  if (NETWORK_CODES.has(errno)) return 'network';
  if (TIMEOUT_CODES.has(errno) || (errno === 'FETCH_ERROR' && /\btimeout\b/i.test(detail))) return 'timeout';
  if (TLS_CODES.has(errno)) return 'tls';
  if (AUTH_CODES.has(errno)) return 'auth';
  if (NOT_FOUND_CODES.has(errno)) return 'not-found';
  if (/^E(5\d\d|429)$/.test(errno)) return 'registry';
  if (INTEGRITY_CODES.has(errno)) return 'integrity';
  if (errno === 'ENOTCACHED') return 'offline';
  if (PERMISSION_CODES.has(errno)) return 'permission';
  if (DISK_CODES.has(errno)) return 'disk-full';
  // npm 6–8 wrap some system errors in a FETCH_ERROR/ESOMETHING of their own: the reason names the real one.
  const reason = /\b(E[A-Z]{3,}|[A-Z_]{8,})\b/.exec(detail)?.[1];
  return reason !== undefined && reason !== errno ? kindOf(reason, '') : 'other';
}

/** `scheme://user:secret@host` → `scheme://***@host`: an .npmrc or npm_config_registry may carry credentials in the URL. */
function maskCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}
