import { messageOf } from '../../engine/result.js';

/**
 * Collection: Lighthouse `runs` times per URL, one fresh Chrome per run (as
 * `lhci collect` does by starting the Lighthouse CLI per run), one run at a
 * time (parallel runs would measure each other). With a baseline, runs are
 * interleaved — target 1, baseline 1, target 2, baseline 2 — so machine
 * noise lands on both alike rather than on whichever went second.
 */
export type RunRole = 'target' | 'baseline';

/** One run to make. */
export interface PlannedRun {
  url: string;
  role: RunRole;
  /** 1-based run number of this URL. */
  index: number;
}

/** How one run ended. */
export interface CollectedRun extends PlannedRun {
  /** The LHR, when Lighthouse produced one (it may still carry a runtimeError). */
  lhr: Record<string, unknown> | null;
  failure: { code: string; message: string } | null;
  /** 1, or 2 when the first attempt failed and was retried. */
  attempts: number;
}

/** Runs Lighthouse once against a URL in a fresh Chrome; throws when Chrome or Lighthouse fails. */
export type RunLighthouse = (url: string) => Promise<Record<string, unknown>>;

/** The order of runs: each round visits every target, each followed by its baseline. */
export function planRuns(targets: readonly string[], baselineOf: ReadonlyMap<string, string>, runs: number): PlannedRun[] {
  const plan: PlannedRun[] = [];
  for (let index = 1; index <= runs; index++) {
    for (const url of targets) {
      plan.push({ url, role: 'target', index });
      const baseline = baselineOf.get(url);
      if (baseline !== undefined) plan.push({ url: baseline, role: 'baseline', index });
    }
  }
  return plan;
}

/**
 * Failures of the page rather than of Chrome (Lighthouse's LighthouseError
 * codes): the server refused, answered an error or is not HTML. A retry
 * gives the same answer, so these are reported at once; anything else
 * (Chrome crashed or hung, a protocol timeout, no paint) is retried once.
 */
export const PAGE_FAILURES = new Set([
  'CHROME_INTERSTITIAL_ERROR',
  'FAILED_DOCUMENT_REQUEST',
  'ERRORED_DOCUMENT_REQUEST',
  'NO_DOCUMENT_REQUEST',
  'DNS_FAILURE',
  'INSECURE_DOCUMENT_REQUEST',
  'TOO_MANY_REDIRECTS',
  'NOT_HTML',
  'INVALID_URL',
]);

type Attempt = { lhr: Record<string, unknown> | null; failure: CollectedRun['failure'] };

async function attempt(runLighthouse: RunLighthouse, url: string): Promise<Attempt> {
  try {
    const lhr = await runLighthouse(url);
    const error = lhr.runtimeError as { code?: unknown; message?: unknown } | undefined;
    if (error && typeof error === 'object') return { lhr, failure: { code: String(error.code ?? 'UNKNOWN'), message: String(error.message ?? '').split('\n')[0] ?? '' } };
    return { lhr, failure: null };
  } catch (thrown) {
    const code = (thrown as { code?: unknown }).code;
    return { lhr: null, failure: { code: typeof code === 'string' ? code : 'LIGHTHOUSE_CRASHED', message: messageOf(thrown).split('\n')[0] ?? '' } };
  }
}

/** One planned run, retried once unless the page itself failed. */
export async function collectRun(runLighthouse: RunLighthouse, planned: PlannedRun): Promise<CollectedRun> {
  const first = await attempt(runLighthouse, planned.url);
  if (first.failure === null || PAGE_FAILURES.has(first.failure.code)) return { ...planned, ...first, attempts: 1 };
  const second = await attempt(runLighthouse, planned.url);
  return { ...planned, ...second, attempts: 2 };
}

/**
 * Makes every planned run. After a URL's run fails (retried or not), its
 * later runs are skipped: the URL is already an error, and a refused or
 * crashing page would only cost more minutes. Other URLs go on.
 */
export async function collectRuns(plan: readonly PlannedRun[], runLighthouse: RunLighthouse, onRun: (run: CollectedRun, position: number) => void): Promise<CollectedRun[]> {
  const broken = new Set<string>();
  const collected: CollectedRun[] = [];
  for (const planned of plan) {
    const key = `${planned.role} ${planned.url}`;
    if (broken.has(key)) continue;
    const run = await collectRun(runLighthouse, planned);
    if (run.failure) broken.add(key);
    collected.push(run);
    onRun(run, collected.length);
  }
  return collected;
}
