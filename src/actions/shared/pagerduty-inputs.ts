import type { InputReader } from './input-reader.js';

/** The PagerDuty inputs auto-rollback and canary-promote share: the Events API v2 routing key (a secret) and the API's base URL. */
export interface PagerDutyInputs {
  routingKey: string;
  url: string;
}

export const DEFAULT_PAGERDUTY_URL = 'https://events.pagerduty.com';

/** `pagerduty-routing-key` turns PagerDuty on; `pagerduty-url` alone is a mistake, said so. */
export function readPagerDuty(read: InputReader): PagerDutyInputs | null {
  const routingKey = read.string('pagerduty-routing-key');
  const url = read.string('pagerduty-url');
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) read.problem('input `pagerduty-url` must be an http:// or https:// URL such as https://events.eu.pagerduty.com');
  if (routingKey === undefined) {
    if (url !== undefined) read.problem('input `pagerduty-url` is set but `pagerduty-routing-key` is empty; give the Events API v2 integration key, or remove `pagerduty-url`');
    return null;
  }
  return { routingKey, url: (url ?? DEFAULT_PAGERDUTY_URL).replace(/\/+$/, '') };
}
