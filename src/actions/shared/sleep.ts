import { MAX_TIMER_MS } from '../../engine/units.js';

/**
 * Waits `ms`, however long. Node's setTimeout fires at once for a delay
 * beyond 2^31 − 1 ms (about 24.8 days), so a long wait is made of waits no
 * longer than that. 0, a negative number or NaN waits for nothing; Infinity
 * never ends.
 */
export async function sleep(ms: number): Promise<void> {
  let left = Number.isNaN(ms) ? 0 : ms;
  while (left > 0) {
    const step = Math.min(left, MAX_TIMER_MS);
    await new Promise<void>((resolve) => setTimeout(resolve, step));
    left -= step;
  }
}
