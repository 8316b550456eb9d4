/**
 * Whether the runs of one URL are several measurements of one thing. Their
 * median means something only when every run measured the same page the
 * same way; otherwise it blends unlike numbers into one that passes or
 * fails by accident. Contradictory runs make the URL an error, never a
 * pass: mobile beside desktop runs (Lighthouse's throttling and viewport
 * differ by preset), Lighthouse versions that score differently, the same
 * run counted twice (one fetchTime under two file names), or two requested
 * URLs that landed on one page (a redirect) and would pool their runs.
 */
export interface RunFacts {
  /** Names the run in messages: its file or `run 2 of <url>`. */
  id: string;
  requestedUrl: string;
  fetchTime: string | null;
  /** `configSettings.formFactor` (`emulatedFormFactor` before Lighthouse 7); null when the LHR does not say. */
  formFactor: string | null;
  lighthouseVersion: string | null;
}

/** The facts an LHR states about how it was measured. */
export function runFacts(id: string, requestedUrl: string, lhr: Record<string, unknown>): RunFacts {
  const settings = isRecord(lhr.configSettings) ? lhr.configSettings : {};
  return {
    id,
    requestedUrl,
    fetchTime: stringOr(lhr.fetchTime),
    formFactor: stringOr(settings.formFactor) ?? stringOr(settings.emulatedFormFactor),
    lighthouseVersion: stringOr(lhr.lighthouseVersion),
  };
}

/** Why the runs of one URL contradict each other, or null when they agree. */
export function contradictionOf(runs: readonly RunFacts[]): string | null {
  const formFactors = distinct(runs.map((run) => run.formFactor));
  if (formFactors.length > 1) return `its runs mix form factors (${formFactors.join(', ')}): judge mobile and desktop results apart`;
  const versions = distinct(runs.map((run) => run.lighthouseVersion));
  if (versions.length > 1) return `its runs come from different Lighthouse versions (${versions.join(', ')}), which score differently`;
  const requested = distinct(runs.map((run) => run.requestedUrl));
  if (requested.length > 1) return `runs requested as ${requested.join(' and ')} all ended on this page and would pool into one median: list the page once`;
  const twice = runs.find((run, i) => run.fetchTime !== null && runs.findIndex((other) => other.fetchTime === run.fetchTime) !== i);
  if (twice) return `${twice.id} repeats the run of ${runs.find((run) => run.fetchTime === twice.fetchTime)!.id} (same fetchTime ${twice.fetchTime}): one run counted twice`;
  return null;
}

/** Why a baseline cannot be compared with a target: they ran with different form factors. Null when they agree (or do not say). */
export function baselineMismatchOf(target: readonly RunFacts[], baseline: readonly RunFacts[]): string | null {
  const ours = distinct(target.map((run) => run.formFactor));
  const theirs = distinct(baseline.map((run) => run.formFactor));
  if (ours.length === 1 && theirs.length === 1 && ours[0] !== theirs[0]) return `the baseline ran as ${theirs[0]} and this page as ${ours[0]}, so their metrics cannot be compared`;
  return null;
}

const distinct = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((value): value is string => value !== null))];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOr = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
