import { type Result, err, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { parseJsonEvidence } from './json-evidence.js';
import { shownName } from './shown-name.js';

/**
 * `npm audit --json` output. npm 7 and later write `auditReportVersion: 2`
 * with `vulnerabilities` keyed by package; npm 6 wrote `advisories` keyed by
 * advisory id. Both carry `metadata.vulnerabilities` counts, which are read
 * as npm reports them: npm 7+ counts vulnerable packages, npm 6 counts
 * vulnerable paths. When npm cannot audit, it prints `{"error": …}` instead.
 * The counts are validated: whole numbers ≥ 0, a `total` that is their sum,
 * and no severity counted lower than the packages (npm 7+) or advisories
 * (npm 6) the report lists with it, since each of those counts at least once.
 */
export const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AuditReport {
  /** `mixed` when outputs of both were added up. */
  format: 'npm7' | 'npm6' | 'mixed';
  /** npm's own counts per severity, and their total. */
  counts: Record<Severity | 'total', number>;
  /** Vulnerable package names per severity, sorted. */
  packages: Record<Severity, string[]>;
  /** How many dependencies npm audited, where it says. */
  dependencies: number | null;
}

/** Error codes of npm's that mean the registry or the network failed, not the project. */
const NETWORK_CODES = /^(E\d{3}|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)$/;

/** Reads an `npm audit --json` file; `name` is how messages call it (default: the path). */
export async function readNpmAudit(file: string, name = file): Promise<Result<AuditReport, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return fault(text.error.kind, text.error.message.replace(file, name));
  const doc = parseJsonEvidence(text.value, name);
  return doc.ok ? parseNpmAudit(doc.value, name) : doc;
}

/** Parses a parsed `npm audit --json` document of npm 6 or npm 7+. */
export function parseNpmAudit(doc: unknown, name: string): Result<AuditReport, SourceFault> {
  if (!isRecord(doc)) return fault('malformed', `${name} is not npm audit JSON output`);
  if (isRecord(doc.error)) return npmErrorFault(doc, doc.error, name);
  const metadata = isRecord(doc.metadata) ? doc.metadata : undefined;
  if (!metadata || !isRecord(metadata.vulnerabilities)) return fault('malformed', `${name} has no metadata.vulnerabilities counts; is it \`npm audit --json\` output?`);
  const counts = severityCounts(metadata.vulnerabilities);
  if (!counts.ok) return fault('malformed', `${name}: ${counts.error}`);
  const listing = isRecord(doc.vulnerabilities)
    ? { format: 'npm7' as const, entries: Object.values(doc.vulnerabilities), nameKey: 'name' as const, dependencies: npm7Dependencies(metadata) }
    : isRecord(doc.advisories)
      ? { format: 'npm6' as const, entries: Object.values(doc.advisories), nameKey: 'module_name' as const, dependencies: typeof metadata.totalDependencies === 'number' ? metadata.totalDependencies : null }
      : null;
  if (!listing) return fault('malformed', `${name} has neither \`vulnerabilities\` (npm 7+) nor \`advisories\` (npm 6)`);
  const listed = listedBySeverity(listing.entries);
  const undercounted = SEVERITIES.find((severity) => counts.value[severity] < listed[severity]);
  if (undercounted) {
    const what = listing.format === 'npm7' ? 'vulnerable packages' : 'advisories';
    return fault('malformed', `${name}: metadata.vulnerabilities.${undercounted} is ${counts.value[undercounted]} but the report lists ${listed[undercounted]} ${undercounted} ${what}; it was edited`);
  }
  return ok({ format: listing.format, counts: counts.value, packages: packagesBySeverity(listing.entries, listing.nameKey), dependencies: listing.dependencies });
}

/**
 * npm's failure output quoted: `{"error": {code, summary, detail}}` (e.g.
 * ENOLOCK), or an HTTP failure of the audit endpoint with `statusCode` and
 * `message` beside an empty `error`. The registry's failures are `provider`
 * faults, kept apart from a project's.
 */
function npmErrorFault(doc: Record<string, unknown>, error: Record<string, unknown>, name: string): { ok: false; error: SourceFault } {
  const code = typeof error.code === 'string' ? error.code : typeof doc.statusCode === 'number' ? `HTTP ${doc.statusCode}` : 'unknown error';
  const isProvider = typeof doc.statusCode === 'number' || NETWORK_CODES.test(code);
  // npm's own words (summary, detail) stay in the file: a message names the code, never quotes the output.
  return fault(isProvider ? 'provider' : 'malformed', `${name}: npm audit failed (${shownName(code, 40)}); npm's error is in the file`);
}

function severityCounts(raw: Record<string, unknown>): Result<AuditReport['counts']> {
  const counts = { critical: 0, high: 0, moderate: 0, low: 0, info: 0, total: 0 };
  for (const severity of SEVERITIES) {
    const value = raw[severity];
    if (!isCount(value)) return err(`metadata.vulnerabilities.${severity} is not a whole number ≥ 0`);
    counts[severity] = value;
  }
  // npm 6 has no `total`; it is the sum of the severities, as npm 7+ writes it.
  const sum = SEVERITIES.reduce((total, severity) => total + counts[severity], 0);
  if (raw.total !== undefined && raw.total !== sum) return err(`metadata.vulnerabilities.total is not the sum of the severities (${sum})`);
  counts.total = sum;
  return ok(counts);
}

/** How many listed entries (npm 7+ packages, npm 6 advisories) have each severity. */
function listedBySeverity(entries: unknown[]): Record<Severity, number> {
  const listed = { critical: 0, high: 0, moderate: 0, low: 0, info: 0 };
  for (const entry of entries) {
    if (isRecord(entry) && (SEVERITIES as readonly unknown[]).includes(entry.severity)) listed[entry.severity as Severity] += 1;
  }
  return listed;
}

function packagesBySeverity(entries: unknown[], nameKey: 'name' | 'module_name'): Record<Severity, string[]> {
  const packages: Record<Severity, Set<string>> = { critical: new Set(), high: new Set(), moderate: new Set(), low: new Set(), info: new Set() };
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry[nameKey] !== 'string') continue;
    const severity = entry.severity;
    if ((SEVERITIES as readonly unknown[]).includes(severity)) packages[severity as Severity].add(entry[nameKey]);
  }
  return Object.fromEntries(SEVERITIES.map((s) => [s, [...packages[s]].sort()])) as Record<Severity, string[]>;
}

function npm7Dependencies(metadata: Record<string, unknown>): number | null {
  const dependencies = metadata.dependencies;
  return isRecord(dependencies) && typeof dependencies.total === 'number' ? dependencies.total : null;
}

/** Adds several audits up (workspaces audited apart). */
export function mergeAudits(reports: readonly AuditReport[]): AuditReport {
  if (reports.length === 1) return reports[0]!;
  const counts = { critical: 0, high: 0, moderate: 0, low: 0, info: 0, total: 0 };
  for (const key of [...SEVERITIES, 'total'] as const) counts[key] = reports.reduce((sum, r) => sum + r.counts[key], 0);
  const packages = Object.fromEntries(SEVERITIES.map((s) => [s, [...new Set(reports.flatMap((r) => r.packages[s]))].sort()])) as Record<Severity, string[]>;
  const known = reports.map((r) => r.dependencies);
  const dependencies = known.every((d): d is number => d !== null) ? known.reduce((a, b) => a + b, 0) : null;
  const format = reports.every((r) => r.format === reports[0]!.format) ? reports[0]!.format : 'mixed';
  return { format, counts, packages, dependencies };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
