import path from 'node:path';
import { type Result, ok } from '../../../engine/result.js';
import { findFiles } from '../../../sources/files.js';
import { type AxeReport, countByImpact, IMPACTS, nodesByImpact, readAxeResults } from '../../../sources/reports/axe.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `axe` checks; `axe.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

const IMPACT_ORDER = [...IMPACTS, null];

export async function measureAxe(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file or glob`);
  const files = await findFiles(spec.entry.path, environment.workspace);
  if (!files.ok) return files;
  const merged: AxeReport = { pages: [], violations: [] };
  for (const file of files.value) {
    const report = await readAxeResults(file, path.relative(environment.workspace, file));
    if (!report.ok) return report;
    merged.pages.push(...report.value.pages);
    merged.violations.push(...report.value.violations);
  }
  return ok(toMeasured(merged));
}

function toMeasured(report: AxeReport): Measured {
  // Worst impact first, then the rules breaking the most elements.
  const rules = [...report.violations].sort((a, b) => IMPACT_ORDER.indexOf(a.impact) - IMPACT_ORDER.indexOf(b.impact) || b.nodes - a.nodes);
  return {
    measurements: countByImpact(report.violations),
    samples: report.pages.length,
    evidence: {
      counting: 'critical/serious/moderate/minor/violations count violated rules per page; nodesByImpact counts failing elements',
      nodesByImpact: nodesByImpact(report.violations),
      rules: rules.map((v) => ({ rule: v.rule, impact: v.impact, nodes: v.nodes, help: v.help, helpUrl: v.helpUrl, page: v.page })),
      pages: report.pages,
    },
  };
}
