import { compareLimits, decisiveComparison, describeComparison, type Comparison } from '../../engine/limits.js';
import { messageOf } from '../../engine/result.js';
import { worstStatus, type Status } from '../../engine/status.js';
import { formatQuantity, UNIT_LABEL } from '../../engine/units.js';
import type { Annotation } from '../../report/annotation.js';
import type { CheckReport } from '../../report/model.js';
import type { SourceFaultKind } from '../../sources/source-fault.js';
import { limitsOf, unjudgedReason } from './check-limits.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from './check-type.js';


/** A missing file fails the check; anything else that kept evidence from being read is an error. */
const STATUS_OF_FAULT = {
  missing: 'fail',
  malformed: 'error',
  provider: 'error',
  config: 'error',
} as const satisfies Record<SourceFaultKind, Status>;

export interface EvaluatedCheck {
  report: CheckReport;
  annotations: Annotation[];
}

/** Reads one check's evidence and holds it to its limits. Never throws: a crash becomes an `error` check. */
export async function evaluateCheck(spec: CheckSpec, type: CheckType, environment: CheckEnvironment): Promise<EvaluatedCheck> {
  const limits = limitsOf(spec.entry, type);
  if (!limits.ok) return { report: errorReport(spec, `check \`${spec.name}\`: ${limits.error}`, 'error'), annotations: [] };
  // The policy reader refuses such checks; this holds should a caller skip it.
  const unjudged = unjudgedReason(type, limits.value) ?? type.checkEntry?.(spec.entry)?.message;
  if (unjudged) return { report: errorReport(spec, `check \`${spec.name}\`: ${unjudged}`, 'error'), annotations: [] };
  let measured;
  try {
    measured = await type.measure(spec, environment);
  } catch (thrown) {
    return { report: errorReport(spec, `check \`${spec.name}\` crashed: ${messageOf(thrown)}`, 'error'), annotations: [] };
  }
  if (!measured.ok) return { report: errorReport(spec, measured.error.message, STATUS_OF_FAULT[measured.error.kind]), annotations: [] };

  const { measurements, exact, samples, evidence, annotations = [], verdict, display = {} } = measured.value;
  const comparisons = compareLimits(measurements, limits.value, exact).map((c) => ({ ...c, dimension: display[c.measure]?.dimension ?? c.dimension }));
  // Nothing compared and no verdict of the type's own: nothing was judged, so nothing passed.
  const judged = comparisons.length > 0 || verdict !== undefined;
  const status = judged ? worstStatus([...comparisons.map((c) => c.status), ...(verdict ? [verdict.status] : [])]) : 'nodata';
  const decisive = decisiveComparison(comparisons);
  const verdictDecides = verdict !== undefined && (decisive === undefined || worstStatus([verdict.status, decisive.status]) === verdict.status);
  const headlineMeasure = decisive?.measure ?? type.headline;
  const dimension = decisive?.dimension ?? (headlineMeasure ? type.measures[headlineMeasure] : undefined) ?? 'number';
  const headlineValue = headlineMeasure ? (measurements[headlineMeasure] ?? null) : null;

  return {
    report: {
      name: spec.name,
      type: spec.type,
      status,
      level: spec.level,
      value: verdictDecides ? (verdict.value ?? null) : headlineValue,
      threshold: verdictDecides ? (verdict.threshold ?? null) : (decisive?.expected ?? null),
      unit: verdictDecides ? '' : UNIT_LABEL[dimension],
      samples,
      message: composeMessage(status, comparisons, verdict?.message, display),
      evidence: { ...evidence, measurements, comparisons },
    },
    annotations: status === 'pass' ? [] : annotations,
  };
}

function composeMessage(status: Status, comparisons: readonly Comparison[], verdictMessage: string | undefined, display: NonNullable<Measured['display']>): string {
  const format = (c: Comparison) => (value: number) => formatQuantity(value, c.dimension);
  const broken = comparisons.filter((c) => c.status !== 'pass');
  const shown = broken.length > 0 ? broken : status === 'pass' ? comparisons : [];
  const parts = shown.map((c) => describeComparison({ ...c, measure: display[c.measure]?.label ?? c.measure }, format(c)));
  if (verdictMessage) parts.unshift(verdictMessage);
  if (parts.length === 0) return status === 'nodata' ? 'nothing judged: no threshold applies and the type gives no verdict of its own' : status;
  return parts.join('; ');
}

function errorReport(spec: CheckSpec, message: string, status: Status): CheckReport {
  return {
    name: spec.name,
    type: spec.type,
    status,
    level: spec.level,
    value: null,
    threshold: null,
    unit: '',
    samples: null,
    message,
    evidence: {},
  };
}
