import { z } from 'zod';
import { durationField, envNameField, timerDurationField } from './metric-source.js';

/**
 * The `posthog` source's config (see `posthog.ts`): a strict schema, so a
 * typo is an error naming the key. Every name that ends up in a query (the
 * flag key, the variant values, the event names) is held to a narrow
 * alphabet here, and then still travels as a HogQL placeholder value, never
 * as query text.
 */
export interface PostHogSourceConfig {
  type: 'posthog';
  /** The numeric project id. */
  project: string;
  /** The PostHog instance without a trailing slash: `https://us.posthog.com`. */
  url: string;
  'token-env': string;
  /** The flag whose variants split canary from baseline; without it only the one live version can be read. */
  flag?: string;
  /** The value of `$feature/<flag>` on the events of each side. */
  variants: { canary: string; baseline: string };
  /** Series name → event counted, over the built-in `errors` and `pageviews`. */
  events: Record<string, string>;
  /** Bucket size, ms. */
  interval: number;
  timeout?: number;
}

/** What a series counts when `events` does not name it: PostHog's exception and page-view events. */
export const BUILT_IN_EVENTS: Readonly<Record<string, string>> = { errors: '$exception', pageviews: '$pageview' };

/** PostHog's own rule for flag keys and variant keys: letters, digits, `-` and `_`. */
const keyName = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a PostHog flag or variant key: letters, digits, `-` and `_`');
/** Event names as products send them (`$pageview`, `checkout completed`, `api:error`): no quotes, backslashes or braces. */
const eventName = z
  .string()
  .max(200)
  .regex(/^[\w$][\w$ .:/@()-]*(?<! )$/, 'must be an event name: letters, digits, spaces and $ _ . : / @ ( ) -, not beginning or ending with a space');

export const configSchema = z.strictObject({
  type: z.literal('posthog'),
  project: z.union([z.string().regex(/^\d+$/, 'must be the numeric project id (Project settings → Project ID)'), z.number().int().positive().transform(String)]),
  url: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be the base URL of PostHog, such as https://us.posthog.com, https://eu.posthog.com or your own host, without a path')
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://us.posthog.com'),
  'token-env': envNameField.default('POSTHOG_PERSONAL_API_KEY'),
  flag: keyName.optional(),
  variants: z.strictObject({ canary: keyName.default('true'), baseline: keyName.default('false') }).default({ canary: 'true', baseline: 'false' }),
  events: z.record(z.string().regex(/^[\w.-]+$/, 'must be a series name: letters, digits, `.`, `_` and `-`'), eventName).default({}),
  interval: durationField.refine((ms) => ms >= 1_000 && ms % 1_000 === 0, 'must be whole seconds, e.g. 1m').default(60_000),
  timeout: timerDurationField.optional(),
});
