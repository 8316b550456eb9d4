import { type Result, messageOf, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * `npm audit --json` output. npm 7 and later write `auditReportVersion: 2`
 * with `vulnerabilities` keyed by package; npm 6 wrote `advisories` keyed by
 * advisory id. Both carry `metadata.vulnerabilities` counts, which are read
 * as npm reports them: npm 7+ counts vulnerable packages, npm 6 counts
 * vulnerable paths. When npm cannot audit, it prints `{"error": …}` instead.
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
  if (!text.ok) return text;
  let doc: unknown;
  try {
    doc = JSON.parse(text.value);
  } catch (thrown) {
    return fault('malformed', `${name} is not valid JSON: ${messageOf(thrown)}`);
  }
  return parseNpmAudit(doc, name);
}

/** Parses a parsed `npm audit --json` document of npm 6 or npm 7+. */
export function parseNpmAudit(doc: unknown, name: string): Result<AuditReport, SourceFault> {
  if (!isRecord(doc)) return fault('malformed', `${name} is not npm audit JSON output`);
  if (isRecord(doc.error)) return npmErrorFault(doc, doc.error, name);
  const metadata = isRecord(doc.metadata) ? doc.metadata : undefined;
  const counts = severityCounts(metadata?.vulnerabilities);
  if (!metadata || !counts) return fault('malformed', `${name} has no metadata.vulnerabilities counts; is it \`npm audit --json\` output?`);
  if (isRecord(doc.vulnerabilities)) {
    return ok({ format: 'npm7', counts, packages: packagesBySeverity(Object.values(doc.vulnerabilities), 'name'), dependencies: npm7Dependencies(metadata) });
  }
  if (isRecord(doc.advisories)) {
    const dependencies = typeof metadata.totalDependencies === 'number' ? metadata.totalDependencies : null;
    return ok({ format: 'npm6', counts, packages: packagesBySeverity(Object.values(doc.advisories), 'module_name'), dependencies });
  }
  return fault('malformed', `${name} has neither \`vulnerabilities\` (npm 7+) nor \`advisories\` (npm 6)`);
}

/**
 * npm's failure output quoted: `{"error": {code, summary, detail}}` (e.g.
 * ENOLOCK), or an HTTP failure of the audit endpoint with `statusCode` and
 * `message` beside an empty `error`. The registry's failures are `provider`
 * faults, kept apart from a project's.
 */
function npmErrorFault(doc: Record<string, unknown>, error: Record<string, unknown>, name: string): { ok: false; error: SourceFault } {
  const code = typeof error.code === 'string' ? error.code : typeof doc.statusCode === 'number' ? `HTTP ${doc.statusCode}` : 'unknown error';
  const summary = [error.summary, doc.message].find((text): text is string => typeof text === 'string' && text.trim() !== '');
  const isProvider = typeof doc.statusCode === 'number' || NETWORK_CODES.test(code);
  const said = summary ? `: ${summary.split('\n')[0]}` : '';
  return fault(isProvider ? 'provider' : 'malformed', `${name}: npm audit failed (${code})${said}`);
}

function severityCounts(raw: unknown): AuditReport['counts'] | undefined {
  if (!isRecord(raw)) return undefined;
  const counts = { critical: 0, high: 0, moderate: 0, low: 0, info: 0, total: 0 };
  for (const severity of SEVERITIES) {
    const value = raw[severity];
    if (!isCount(value)) return undefined;
    counts[severity] = value;
  }
  // npm 6 has no `total`; it is the sum of the severities.
  const sum = SEVERITIES.reduce((total, severity) => total + counts[severity], 0);
  counts.total = isCount(raw.total) ? raw.total : sum;
  return counts;
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
