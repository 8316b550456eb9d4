import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../../src/actions/shared/sleep.js';
import { MAX_TIMER_MS } from '../../../src/engine/units.js';

describe('sleep', () => {
  afterEach(() => vi.useRealTimers());

  it('waits the whole of a delay longer than one timer can, instead of firing at once', async () => {
    vi.useFakeTimers();
    let done = false;
    const fifty = 50 * 24 * 3_600_000;
    void sleep(fifty).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(fifty - MAX_TIMER_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('does not wait for 0, a negative delay or NaN', async () => {
    for (const ms of [0, -5, NaN]) await expect(sleep(ms)).resolves.toBeUndefined();
  });
});
