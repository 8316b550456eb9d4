import path from 'node:path';
import { type Result, ok } from '../../../engine/result.js';
import { findFiles } from '../../../sources/files.js';
import { type AuditReport, mergeAudits, readNpmAudit, SEVERITIES } from '../../../sources/reports/npm-audit.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `npm-audit` checks; `npm-audit.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

export async function measureNpmAudit(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
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
