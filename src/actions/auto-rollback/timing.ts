import { formatDuration } from '../../engine/units.js';

/**
 * Pure: timings that cannot make a sensible watch, each a one-line problem
 * naming the input. Checked when the inputs are read, or, when the poll
 * spacing comes from the analysis file's `interval`, once that is loaded.
 * - An `interval` longer than `duration` polls once: a one-shot check in
 *   disguise, and a watch that never looks again.
 * - A health URL's rule ("more than `max-failures` failures in `window`")
 *   must be able to fire within the watch, or the watch could never see it
 *   and could never call the release healthy (`evidence.ts`).
 * - A `window` shorter than `interval` holds less than one check: "more than
 *   3 failures in 30 s" cannot be counted at one check a minute.
 * - More than `MAX_POLLS` polls (an `interval` of milliseconds over minutes)
 *   hammers the metrics backend and the health URLs, and every poll runs the
 *   breach rules over all samples so far: the work grows with its square.
 */
export interface WatchTiming {
  durationMs: number;
  intervalMs: number;
  /** Where the interval came from, as messages name it: input `interval`, or the analysis file's. */
  intervalFrom: string;
  health: { urls: number; maxFailures: number; windowMs: number };
}

/** The poll spacing when neither the input nor the analysis file gives one: the runbooks' rules count minutes. */
export const DEFAULT_INTERVAL_MS = 60_000;

/** Six hours (a hosted runner's job limit) polled every half second is 43,200 polls; more is no watch anyone means. */
export const MAX_POLLS = 50_000;

export function timingProblems(timing: WatchTiming): string[] {
  const { durationMs, intervalMs, intervalFrom, health } = timing;
  const problems: string[] = [];
  if (durationMs > 0 && intervalMs > durationMs) {
    problems.push(`${intervalFrom} (${formatDuration(intervalMs)}) is longer than \`duration\` (${formatDuration(durationMs)}), so the watch would poll once; set \`duration: 0\` for a one-shot check, or a shorter \`interval\``);
  }
  const polls = Math.floor(durationMs / intervalMs) + 1;
  if (polls > MAX_POLLS) {
    problems.push(`${intervalFrom} (${formatDuration(intervalMs)}) makes ${polls} polls over \`duration\` (${formatDuration(durationMs)}); at most ${MAX_POLLS}: give a longer \`interval\``);
  }
  if (health.urls === 0) return problems;
  const needed = health.maxFailures + 1;
  if (polls < needed) {
    const least = formatDuration((needed - 1) * intervalMs);
    problems.push(
      `input \`max-failures\`: ${health.maxFailures} means a health URL rolls back after ${needed} failed checks, but a watch of duration ${durationMs === 0 ? '0' : formatDuration(durationMs)} at interval ${formatDuration(intervalMs)} makes ${polls} check${polls === 1 ? '' : 's'}; lengthen \`duration\` to at least ${least} or lower \`max-failures\``,
    );
  }
  if (health.windowMs < intervalMs) {
    problems.push(`input \`window\` (${formatDuration(health.windowMs)}) is shorter than ${intervalFrom} (${formatDuration(intervalMs)}), so it would hold less than one health check; give a window of at least one interval`);
  }
  return problems;
}
