import { checkTimerDuration, parseDuration } from '../../engine/units.js';
import type { InputReader } from '../shared/input-reader.js';

/**
 * A duration input, in ms. Every duration here ends up in a timer (a sleep,
 * a request's or a command's timeout) or in the arithmetic of one, and Node
 * fires a timer longer than 2^31 − 1 ms at once, so a `duration: 50d` would
 * end the watch at once: such values are refused, saying the limit.
 */
export function readDuration(read: InputReader, name: string, fallback: string, least: 0 | 1): number {
  const text = read.string(name) ?? fallback;
  const parsed = parseDuration(text);
  if (!parsed.ok) {
    read.problem(`input \`${name}\`: ${parsed.error}`);
    return Number.NaN;
  }
  if (parsed.value < least) {
    read.problem(`input \`${name}\` must be ${least === 0 ? '0 or more' : 'more than 0'}, got \`${text}\``);
    return Number.NaN;
  }
  const timer = checkTimerDuration(parsed.value);
  if (!timer.ok) read.problem(`input \`${name}\`: ${timer.error}`);
  return timer.ok ? parsed.value : Number.NaN;
}
