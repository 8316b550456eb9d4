import { describe, expect, it } from 'vitest';
import { InputReader } from '../../../src/actions/shared/input-reader.js';

const readerOf = (inputs: Record<string, string>) => new InputReader((name) => inputs[name] ?? '');

describe('InputReader.timerDuration', () => {
  it('reads durations a timer can wait, and the fallback when unset', () => {
    const read = readerOf({ duration: '15m', long: '24d' });
    expect(read.timerDuration('duration', '1m')).toBe(900_000);
    expect(read.timerDuration('long', '1m')).toBe(24 * 86_400_000);
    expect(read.timerDuration('unset', '2m')).toBe(120_000);
    expect(read.finish('ok')).toBe('ok');
  });

  it('refuses what a timer cannot wait, naming the input and the limit, with every other problem at once', () => {
    const read = readerOf({ duration: '50d', 'traffic-timeout': '1e12', interval: '0s', window: 'soon' });
    read.timerDuration('duration', '15m', 0);
    read.timerDuration('traffic-timeout', '2m');
    read.timerDuration('interval', '1m');
    read.timerDuration('window', '5m');
    expect(() => read.finish(null)).toThrow(
      'input `duration`: 50d is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms); input `traffic-timeout`: 11574d1h46m40s is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms); input `interval` must be more than 0, got `0s`; input `window`: got "soon"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)',
    );
  });

  it('allows 0 when asked to', () => {
    const read = readerOf({ duration: '0' });
    expect(read.timerDuration('duration', '15m', 0)).toBe(0);
    expect(read.finish(true)).toBe(true);
  });
});
