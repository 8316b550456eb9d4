import { evaluateDeployWindow, parseDeployWindow, type WindowVerdict } from '../../../engine/deploy-window.js';
import { type Result, ok } from '../../../engine/result.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `deploy-window`: the clock, in an IANA zone, against allow and
 * deny rules ("never on Fridays or before holidays; Tue–Thu 10:00–14:00
 * preferred"). The action's `override` input lifts a closed window for an
 * emergency deploy, and the report says so.
 *
 * ```yaml
 * window: { type: deploy-window, timezone: Europe/Berlin, allow: ["Tue-Thu 10:00-14:00"], deny: ["2026-12-24..2026-12-26", "Fri"] }
 * ```
 */
export const deployWindowCheck: CheckType = {
  type: 'deploy-window',
  measures: {},
  keys: ['timezone', 'allow', 'deny'],
  needsPath: false,
  judgement: 'own',
  checkEntry: requireARule,
  measure: async (spec, environment) => measureDeployWindow(spec, environment),
};

function measureDeployWindow(spec: CheckSpec, environment: CheckEnvironment): Result<Measured, SourceFault> {
  const timeZone = spec.entry.timezone ?? 'UTC';
  const allow = ruleList(spec.entry.allow);
  const deny = ruleList(spec.entry.deny);
  const problems: string[] = [];
  if (typeof timeZone !== 'string') problems.push(`timezone must be an IANA zone name such as Europe/Berlin, got ${JSON.stringify(timeZone)}`);
  if (!allow.ok) problems.push(`allow ${allow.error}`);
  if (!deny.ok) problems.push(`deny ${deny.error}`);
  if (typeof timeZone !== 'string' || !allow.ok || !deny.ok) return fault('config', `check \`${spec.name}\`: ${problems.join('; ')}`);

  const window = parseDeployWindow(timeZone, allow.value, deny.value);
  if (!window.ok) return fault('config', `check \`${spec.name}\`: ${window.error.join('; ')}`);
  const verdict = evaluateDeployWindow(window.value, environment.now);
  if (!verdict.ok) return fault('config', `check \`${spec.name}\`: ${verdict.error}`);
  return ok(toMeasured(verdict.value, environment, allow.value, deny.value));
}

/**
 * A window with no rule is always open: its pass would rest on nothing, so
 * such a check is refused when the policy loads.
 */
function requireARule(entry: Readonly<Record<string, unknown>>): { key: string; message: string } | null {
  const isEmpty = (rules: unknown) => rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
  if (!isEmpty(entry.allow) || !isEmpty(entry.deny)) return null;
  return { key: 'allow', message: 'a deploy-window with neither `allow` nor `deny` rules is always open, so it judges nothing; add rules such as allow: ["Tue-Thu 10:00-14:00"] or deny: [Fri]' };
}

/** A list of rule strings; one bare string is read as a list of one (`deny: Fri`). */
function ruleList(raw: unknown): Result<string[]> {
  if (raw === undefined || raw === null) return ok([]);
  if (typeof raw === 'string') return ok([raw]);
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return ok(raw);
  return { ok: false, error: `must be a list of rules such as ["Tue-Thu 10:00-14:00"], got ${JSON.stringify(raw)}` };
}

function toMeasured(verdict: WindowVerdict, environment: CheckEnvironment, allow: string[], deny: string[]): Measured {
  const overridden = !verdict.isOpen && environment.override;
  const status = verdict.isOpen ? 'pass' : overridden ? 'warn' : 'fail';
  const message = overridden ? `${verdict.message}; overridden by input \`override\`` : verdict.message;
  return {
    measurements: {},
    samples: null,
    evidence: {
      instant: environment.now.toISOString(),
      timeZone: verdict.timeZone,
      local: verdict.local,
      weekday: verdict.weekday,
      open: verdict.isOpen,
      matched: verdict.matched,
      nextOpening: verdict.nextOpening,
      closesAt: verdict.closesAt,
      overridden,
      allow,
      deny,
    },
    verdict: {
      status,
      message,
      value: `${verdict.local} ${verdict.timeZone}`,
      threshold: verdict.matched?.rule ?? (allow.length > 0 ? allow.join(', ') : null),
    },
  };
}
