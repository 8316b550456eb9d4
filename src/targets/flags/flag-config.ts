import { z } from 'zod';
import { noteSecret } from '../../sources/secret-registry.js';
import type { FlagInput } from './flag-service.js';

/** What every flag service is given, read from the flag inputs. */
export interface FlagConfig {
  /** The flag's key. */
  flag: string;
  token: string;
  /** Without a trailing slash. */
  apiUrl: string;
  /** The project (id or key) when the service needs one, else `undefined`. */
  project: string | undefined;
  /** The environment (key or id) when the service needs one, else `undefined`. */
  environment: string | undefined;
}

/** How one service reads `flag-project` and `flag-environment`: required (with what it is), optional with a default, or not read. */
export type ScopeInput = { need: 'required'; what: string } | { need: 'default'; value: string; what: string } | { need: 'none' };

export interface FlagConfigShape {
  /** `Flagsmith`: names the token in messages. */
  title: string;
  /** What the token must be: `an Admin API key (Organisation settings → API Keys)`. */
  token: string;
  /** The hosted service's API, or `null` when every instance is self-hosted (`flag-api-url` then required). */
  defaultApiUrl: string | null;
  project: ScopeInput;
  environment: ScopeInput;
}

/** The inputs a service with this shape reads. */
export function flagInputs(shape: FlagConfigShape): FlagInput[] {
  return ['flag', 'flag-api-token', 'flag-api-url', ...(shape.project.need === 'none' ? [] : ['flag-project' as const]), ...(shape.environment.need === 'none' ? [] : ['flag-environment' as const])];
}

const keyLike = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function scope(input: ScopeInput): z.ZodType<string | undefined> {
  const text = z.string().regex(keyLike, { error: input.need === 'none' ? 'not read' : `must be ${input.what}` });
  if (input.need === 'required') return text;
  if (input.need === 'default') return text.default(input.value);
  return z.undefined();
}

/** The schema of one service's flag inputs; the token is noted as a secret as soon as it is read. */
export function flagConfigSchema(shape: FlagConfigShape): z.ZodType<FlagConfig> {
  // A missing value keeps zod's own issue, which the registries turn into "is required".
  const apiUrl = z.url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? undefined : 'must be an http:// or https:// URL') });
  return z
    .strictObject({
      flag: z.string().regex(keyLike, { error: 'must be the flag key: letters, digits, `.`, `_`, `:` or `-`' }),
      // A header value: a line break or a non-Latin-1 character would fail in fetch with the token in the message.
      'flag-api-token': z.string().regex(/^[\x21-\x7e]+$/, { error: `must be ${shape.token}: printable characters, no spaces or line breaks` }),
      'flag-api-url': shape.defaultApiUrl === null ? apiUrl : apiUrl.default(shape.defaultApiUrl),
      ...(shape.project.need === 'none' ? {} : { 'flag-project': scope(shape.project) }),
      ...(shape.environment.need === 'none' ? {} : { 'flag-environment': scope(shape.environment) }),
    })
    .transform((raw): FlagConfig => {
      noteSecret(raw['flag-api-token']);
      return {
        flag: raw.flag,
        token: raw['flag-api-token'],
        apiUrl: raw['flag-api-url'].replace(/\/+$/, ''),
        project: (raw as { 'flag-project'?: string })['flag-project'],
        environment: (raw as { 'flag-environment'?: string })['flag-environment'],
      };
    });
}
