import { z } from 'zod';
import { durationField, envNameField, timerDurationField } from './metric-source.js';

/**
 * The `sentry` source's config (see `sentry.ts`): a strict schema, so a
 * typo is an error naming the key. The release of a read is a template
 * filled with the request's `{{version}}` and `{{variant}}`: `release` for
 * every read, `releases.canary`/`releases.baseline` over it per variant;
 * `release: null` reads every release (the one live version only).
 */
export interface SentryCustomSeries {
  dataset: 'errors' | 'spans';
  'y-axis': string;
  query?: string;
}

export interface SentrySourceConfig {
  type: 'sentry';
  organization: string;
  project: string;
  url: string;
  'token-env': string;
  environment?: string;
  /** Bucket size, ms; default 1 minute (sessions: at least an hour). */
  interval: number;
  /** The release of every read, a template with `{{version}}`/`{{variant}}`; `null` reads every release. */
  release: string | null;
  /** Per-variant releases, over `release`. */
  releases?: { canary?: string; baseline?: string };
  queries?: Record<string, SentryCustomSeries>;
  timeout?: number;
}

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be a slug such as acme, or a numeric id');
const releaseTemplate = z.string().min(1);

export const configSchema = z.strictObject({
  type: z.literal('sentry'),
  organization: slug,
  project: z.union([slug, z.number().int().positive().transform(String)]),
  url: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be the base URL of Sentry, such as https://sentry.io or https://sentry.example.com, without a path')
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://sentry.io'),
  'token-env': envNameField.default('SENTRY_AUTH_TOKEN'),
  environment: z.string().min(1).optional(),
  interval: durationField
    .refine((ms) => ms >= 1_000 && ms % 1_000 === 0, 'must be whole seconds, e.g. 1m')
    .refine((ms) => ms < HOUR_MS || DAY_MS % ms === 0, 'of an hour or more must divide a day evenly (sessions are bucketed so), e.g. 1h, 2h, 6h')
    .default(60_000),
  release: releaseTemplate.nullable().default('{{version}}'),
  releases: z.strictObject({ canary: releaseTemplate.optional(), baseline: releaseTemplate.optional() }).optional(),
  queries: z
    .record(z.string().regex(/^[\w.-]+$/), z.strictObject({ dataset: z.enum(['errors', 'spans']), 'y-axis': z.string().min(1), query: z.string().optional() }))
    .optional(),
  timeout: timerDurationField.optional(),
});
