import { type Result, ok } from '../../engine/result.js';
import { noteSecret } from '../secret-registry.js';
import { type SourceFault, fault } from '../source-fault.js';
import { parseUrlReplacement } from './url-replacement.js';

/**
 * The `ci.upload` section of a lighthouserc, typed: what `lhci upload`
 * reads from it for its `lhci` target. The token and the basic-auth
 * password are noted as secrets the moment they are read, so no later
 * message can show them.
 */
export type UploadTarget = 'lhci' | 'temporary-public-storage' | 'filesystem';

export interface LhciUploadSection {
  /** The config path as given. */
  file: string;
  target: UploadTarget | undefined;
  serverBaseUrl: string | undefined;
  token: string | undefined;
  basicAuth: { username: string | undefined; password: string | undefined } | undefined;
  ignoreDuplicateBuildFailure: boolean | undefined;
  urlReplacementPatterns: string[] | undefined;
  /** `lhci upload` options present in the section that lighthouse-budget does not act on (GitHub status checks, extra headers, …). */
  ignoredKeys: string[];
}

const TARGETS: readonly UploadTarget[] = ['lhci', 'temporary-public-storage', 'filesystem'];

/** `lhci upload` options read elsewhere or not at all: named in a warning rather than silently dropped. */
const IGNORED_KEYS = ['githubToken', 'githubAppToken', 'githubApiHost', 'githubAppUrl', 'githubStatusContextSuffix', 'extraHeaders', 'uploadUrlMap', 'outputDir', 'reportFilenamePattern'];

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `ci.upload` section of the config `file`, as `loadLhciConfig` read it (after `extends` and the key spelling rules), typed. */
export function typeUploadSection(raw: Raw, file: string): Result<LhciUploadSection, SourceFault> {
  return typeUpload(raw, `${file} ci.upload`, file);
}

function typeUpload(raw: Raw, where: string, file: string): Result<LhciUploadSection, SourceFault> {
  // First, before anything can fail: a message must never be able to show them.
  if (typeof raw.token === 'string') noteSecret(raw.token);
  if (isRecord(raw.basicAuth) && typeof raw.basicAuth.password === 'string') noteSecret(raw.basicAuth.password);

  const target = raw.target;
  if (target !== undefined && !TARGETS.includes(target as UploadTarget)) return fault('config', `${where}.target must be one of ${TARGETS.join(', ')}, got ${JSON.stringify(target)?.slice(0, 60)}`);
  const strings: Record<'serverBaseUrl' | 'token', string | undefined> = { serverBaseUrl: undefined, token: undefined };
  for (const key of ['serverBaseUrl', 'token'] as const) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    // The token's value is never quoted: it is a secret even when mistyped.
    if (typeof value !== 'string') return fault('config', `${where}.${key} must be a string`);
    strings[key] = value.trim();
  }
  const basicAuth = readBasicAuth(raw.basicAuth, where);
  if (!basicAuth.ok) return basicAuth;
  const ignoreDuplicate = raw.ignoreDuplicateBuildFailure;
  if (ignoreDuplicate !== undefined && typeof ignoreDuplicate !== 'boolean') return fault('config', `${where}.ignoreDuplicateBuildFailure must be true or false, got ${JSON.stringify(ignoreDuplicate)?.slice(0, 40)}`);
  const patterns = readPatterns(raw.urlReplacementPatterns, where);
  if (!patterns.ok) return patterns;
  return ok({
    file,
    target: target as UploadTarget | undefined,
    serverBaseUrl: strings.serverBaseUrl,
    token: strings.token,
    basicAuth: basicAuth.value,
    ignoreDuplicateBuildFailure: ignoreDuplicate,
    urlReplacementPatterns: patterns.value,
    ignoredKeys: IGNORED_KEYS.filter((key) => raw[key] !== undefined),
  });
}

function readBasicAuth(value: unknown, where: string): Result<LhciUploadSection['basicAuth'], SourceFault> {
  if (value === undefined) return ok(undefined);
  if (!isRecord(value)) return fault('config', `${where}.basicAuth must be an object with username and password`);
  const { username, password } = value;
  if (username !== undefined && typeof username !== 'string') return fault('config', `${where}.basicAuth.username must be a string`);
  if (password !== undefined && typeof password !== 'string') return fault('config', `${where}.basicAuth.password must be a string`);
  return ok({ username: username || undefined, password: password || undefined });
}

/** Each pattern is parsed here, so a malformed one stops the run naming the key, not halfway through an upload. */
function readPatterns(value: unknown, where: string): Result<string[] | undefined, SourceFault> {
  if (value === undefined) return ok(undefined);
  if (!Array.isArray(value) || value.some((pattern) => typeof pattern !== 'string')) return fault('config', `${where}.urlReplacementPatterns must be a list of sed-like patterns such as "s#:[0-9]{3,5}/#:PORT/#"`);
  // LHCI drops empty entries first.
  const patterns = (value as string[]).filter(Boolean);
  for (const [index, pattern] of patterns.entries()) {
    const parsed = parseUrlReplacement(pattern);
    if (!parsed.ok) return fault('config', `${where}.urlReplacementPatterns[${index}]: ${parsed.error}`);
  }
  return ok(patterns);
}
