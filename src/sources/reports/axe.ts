import { type Result, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { parseJsonEvidence } from './json-evidence.js';

/**
 * axe-core results: the object `axe.run()` resolves with, which is what
 * `@axe-core/playwright`'s `AxeBuilder.analyze()` and jest-axe's `axe()`
 * return, or a list of them (one per page). Only `violations` decide; passes
 * and `incomplete` (needs review) are counted for the evidence. A result
 * is evidence only when axe ran rules on it: one whose `violations`,
 * `passes`, `incomplete` and `inapplicable` are all empty scanned no page,
 * and a violation whose impact is a word axe does not write is not trusted
 * (a custom rule may carry no impact: `null`, counted in `violations` only).
 */
export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

/** One violated rule on one page. */
export interface AxeViolation {
  rule: string;
  /** The rule's impact: the highest of its failing elements (axe-core's own rule); `null` for a custom rule without one. */
  impact: Impact | null;
  /** How many elements on the page break the rule. */
  nodes: number;
  help: string;
  helpUrl: string | null;
  page: string | null;
}

export interface AxePage {
  url: string | null;
  violations: number;
  incomplete: number;
  passes: number;
  /** `axe-core 4.13.0`, from `testEngine`. */
  engine: string | null;
}

export interface AxeReport {
  pages: AxePage[];
  violations: AxeViolation[];
}

/** Reads an axe results file; `name` is how messages call it (default: the path). */
export async function readAxeResults(file: string, name = file): Promise<Result<AxeReport, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return fault(text.error.kind, text.error.message.replace(file, name));
  const doc = parseJsonEvidence(text.value, name);
  return doc.ok ? parseAxeResults(doc.value, name) : doc;
}

/** Parses one axe results object or a list of them. */
export function parseAxeResults(doc: unknown, name: string): Result<AxeReport, SourceFault> {
  const results = Array.isArray(doc) ? doc : [doc];
  // An empty list checked no page; reading it as "no violations" would pass a gate on no evidence.
  if (results.length === 0) return fault('malformed', `${name} holds an empty list: no page was checked`);
  const report: AxeReport = { pages: [], violations: [] };
  for (const [index, result] of results.entries()) {
    const where = Array.isArray(doc) ? `${name}[${index}]` : name;
    if (!isRecord(result) || !Array.isArray(result.violations)) return fault('malformed', `${where} is not axe-core results (no \`violations\` list)`);
    const rulesRun = RULE_LISTS.reduce((sum, list) => sum + lengthOf(result[list]), 0);
    if (rulesRun === 0) return fault('malformed', `${where} lists no rule in violations, passes, incomplete or inapplicable: axe scanned no page`);
    const url = typeof result.url === 'string' ? result.url : null;
    for (const [at, violation] of result.violations.entries()) {
      const parsed = parseViolation(violation, url);
      if (typeof parsed === 'string') return fault('malformed', `${where}.violations[${at}] ${parsed}`);
      report.violations.push(parsed);
    }
    report.pages.push({ url, violations: result.violations.length, incomplete: lengthOf(result.incomplete), passes: lengthOf(result.passes), engine: engineOf(result) });
  }
  return ok(report);
}

/** What axe writes a rule under once it ran: a result with none of these scanned nothing. */
const RULE_LISTS = ['violations', 'passes', 'incomplete', 'inapplicable'] as const;

/** One violation, or what is wrong with it. */
function parseViolation(raw: unknown, page: string | null): AxeViolation | string {
  if (!isRecord(raw) || typeof raw.id !== 'string' || !Array.isArray(raw.nodes)) return 'has no rule `id` or `nodes` list';
  // An impact axe does not write would count in no severity, so max-critical and max-serious would never see it.
  const impact = raw.impact ?? null;
  if (impact !== null && !(IMPACTS as readonly unknown[]).includes(impact)) return `has an impact that is not one of ${IMPACTS.join(', ')} (or null)`;
  return {
    rule: raw.id,
    impact: impact as Impact | null,
    nodes: raw.nodes.length,
    help: typeof raw.help === 'string' ? raw.help : '',
    helpUrl: typeof raw.helpUrl === 'string' ? raw.helpUrl : null,
    page,
  };
}

/**
 * Violated rules per impact, counted once per page (a rule broken on two
 * pages counts twice), and their total. Rules, not elements: forty images
 * without alt text are one fix. Element counts are `nodesByImpact`.
 */
export function countByImpact(violations: readonly AxeViolation[]): Record<Impact | 'violations', number> {
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0, violations: violations.length };
  for (const violation of violations) if (violation.impact) counts[violation.impact] += 1;
  return counts;
}

/** Failing elements per impact. */
export function nodesByImpact(violations: readonly AxeViolation[]): Record<Impact, number> {
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of violations) if (violation.impact) counts[violation.impact] += violation.nodes;
  return counts;
}

function engineOf(result: Record<string, unknown>): string | null {
  const engine = result.testEngine;
  if (!isRecord(engine) || typeof engine.name !== 'string') return null;
  return typeof engine.version === 'string' ? `${engine.name} ${engine.version}` : engine.name;
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
