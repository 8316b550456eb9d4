import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import { datadogSource } from './datadog.js';
import { fileSource } from './file.js';
import { httpJsonSource } from './http-json.js';
import { postHogSource } from './posthog.js';
import { prometheusSource } from './prometheus.js';
import { sentrySource } from './sentry.js';
import { type MetricSource, type MetricSourceKind, type SourceContext, neverThrows } from './metric-source.js';

/**
 * The only place metric source kinds are listed: adding one
 * (say `cloudwatch`) is its file plus one line here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its own config type
const SOURCE_KINDS: Record<string, MetricSourceKind<any>> = {
  [fileSource.kind]: fileSource,
  [httpJsonSource.kind]: httpJsonSource,
  [prometheusSource.kind]: prometheusSource,
  [datadogSource.kind]: datadogSource,
  [sentrySource.kind]: sentrySource,
  [postHogSource.kind]: postHogSource,
};

export const METRIC_SOURCE_KINDS: readonly string[] = Object.keys(SOURCE_KINDS);

/**
 * Builds a source from its config mapping (`{ type: file, path: … }`). A bad
 * config is a `config` fault naming the key, prefixed by `key` (the policy or
 * input key the mapping sits under).
 */
export function createMetricSource(raw: unknown, context: SourceContext, key = 'source'): Result<MetricSource, SourceFault> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fault('config', `\`${key}\` must be a mapping with a \`type\` (${METRIC_SOURCE_KINDS.join(', ')}), got ${JSON.stringify(raw)}`);
  }
  const type = (raw as { type?: unknown }).type;
  const definition = typeof type === 'string' ? SOURCE_KINDS[type] : undefined;
  if (!definition) {
    return fault('config', `\`${key}.type\` must be one of ${METRIC_SOURCE_KINDS.join(', ')}, got ${JSON.stringify(type ?? null)}`);
  }
  const parsed = definition.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return fault('config', describeFirstIssue(parsed.error, key));
  // Whatever a source does, a read ends in samples or a fault, never an exception that skips the verdict.
  const created = definition.create(parsed.data, context);
  return created.ok ? ok(neverThrows(created.value)) : created;
}
