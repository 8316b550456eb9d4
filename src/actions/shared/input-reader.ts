import { ConfigError } from '../../engine/result.js';
import { type Dimension, checkTimerDuration, parseDuration, parseQuantity } from '../../engine/units.js';

/**
 * Typed input readers that collect every bad input before failing, so a user
 * fixes them all in one go. Unlike actions/cache's getInputAsInt,
 * a value that does not parse is an error naming the input, never undefined.
 */
export type GetInput = (name: string) => string;

export class InputReader {
  private readonly problems: string[] = [];

  constructor(private readonly getInput: GetInput) {}

  string(name: string): string | undefined {
    const value = this.getInput(name).trim();
    return value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) this.problem(`input \`${name}\` is required`);
    return value ?? '';
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    this.problem(`input \`${name}\` must be true or false, got \`${value}\``);
    return fallback;
  }

  quantity(name: string, dimension: Dimension): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const parsed = parseQuantity(value, dimension);
    if (!parsed.ok) {
      this.problem(`input \`${name}\`: ${parsed.error}`);
      return undefined;
    }
    return parsed.value;
  }

  /**
   * A duration that drives a timer (`duration`, `traffic-timeout`,
   * `verify-timeout`): parsed with the engine's units, at least `least` ms
   * (default 1: more than 0; pass 0 to allow 0), and at most 2^31 − 1 ms,
   * beyond which Node's setTimeout fires at once: `duration: 50d` would end
   * a watch at once, not in 50 days. Returns `fallback`'s value when unset;
   * 0 after a problem (reported at `finish`).
   */
  timerDuration(name: string, fallback: string, least = 1): number {
    const text = this.string(name) ?? fallback;
    const parsed = parseDuration(text);
    if (!parsed.ok) return this.fail(`input \`${name}\`: ${parsed.error}`);
    if (parsed.value < least) return this.fail(`input \`${name}\` must be ${least === 0 ? '0 or more' : 'more than 0'}, got \`${text}\``);
    const timer = checkTimerDuration(parsed.value);
    return timer.ok ? timer.value : this.fail(`input \`${name}\`: ${timer.error}`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(`input \`${name}\` must be one of ${allowed.join(', ')}, got \`${value}\``);
    return fallback;
  }

  /** Non-empty lines of a multiline input, trimmed; `#` starts a comment line. */
  lines(name: string): string[] {
    return this.getInput(name)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  }

  /** One problem, said once: an input two readers check (auto-rollback's `traffic-timeout`) is not named twice. */
  problem(message: string): void {
    if (!this.problems.includes(message)) this.problems.push(message);
  }

  private fail(message: string): number {
    this.problem(message);
    return 0;
  }

  /** Throws one ConfigError listing every problem, or returns the value. */
  finish<T>(value: T): T {
    if (this.problems.length > 0) throw new ConfigError(this.problems.join('; '));
    return value;
  }
}
