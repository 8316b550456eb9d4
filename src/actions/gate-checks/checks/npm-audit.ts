import path from 'node:path';
import { type Result, ok } from '../../../engine/result.js';
import { findFiles } from '../../../sources/files.js';
import { type AuditReport, mergeAudits, readNpmAudit, SEVERITIES } from '../../../sources/reports/npm-audit.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `npm-audit`: `npm audit --json` output of npm 6 or 7+, held to
 * `max-critical`, `max-high`, `max-moderate`, `max-low`, `max-info`,
 * `max-total`; a policy that sets none of them gets `max-critical: 0` and
 * `max-high: 0`, what `npm audit --audit-level=high` fails on. Counts are npm's own (`metadata.vulnerabilities`); a glob
 * matching several outputs (workspaces audited apart) adds them up. An
 * `{"error": …}` output is an error check quoting npm, never a clean audit.
 *
 * ```yaml
 * audit: { type: npm-audit, path: npm-audit.json, max-critical: 0, max-high: 0 }
 * ```
 */
export const npmAuditCheck: CheckType = {
  type: 'npm-audit',
  measures: { critical: 'count', high: 'count', moderate: 'count', low: 'count', info: 'count', total: 'count' },
  headline: 'total',
  keys: [],
  needsPath: true,
  defaults: [
    { key: 'max-critical', value: 0, replacedBy: 'any' },
    { key: 'max-high', value: 0, replacedBy: 'any' },
  ],
  judgement: 'thresholds',
  measure: measureNpmAudit,
};

async function measureNpmAudit(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file or glob`);
  const files = await findFiles(spec.entry.path, environment.workspace);
  if (!files.ok) return files;
  const names = files.value.map((file) => path.relative(environment.workspace, file));
  const reports: AuditReport[] = [];
  for (const [index, file] of files.value.entries()) {
    const report = await readNpmAudit(file, names[index]);
    if (!report.ok) return report;
    reports.push(report.value);
  }
  return ok(toMeasured(mergeAudits(reports), names));
}

function toMeasured(report: AuditReport, files: string[]): Measured {
  return {
    measurements: { ...report.counts },
    samples: report.dependencies,
    evidence: {
      format: report.format,
      reports: files,
      dependencies: report.dependencies,
      // Only severities with findings, worst first, so the summary shows what to fix.
      packages: Object.fromEntries(SEVERITIES.filter((s) => report.packages[s].length > 0).map((s) => [s, report.packages[s]])),
    },
  };
}
