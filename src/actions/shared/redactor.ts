import { MASK } from '../../sources/http/redact-url.js';

/**
 * Masks the run's secrets in text rollout-guard writes: the JSON report, the
 * job summary, the outputs and the log. The runner masks secrets it has been
 * told of (`core.setSecret`) in the log it shows, but not in files the action
 * writes, nor in a local run; so every secret is both registered with the
 * runner (`register`) and masked here, wherever the text came from (a
 * command's output, a server's error, a URL in a check's name).
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** Longest first, so a secret that contains another is masked whole. */
  private ordered: string[] = [];

  constructor(private readonly register: (secret: string) => void = () => undefined) {}

  /**
   * A value that is a secret by declaration (a token input, a credential a
   * source read). Registered with the runner whatever its length; masked in
   * our own text from {@link MIN_MASKED_LENGTH} characters, as shorter
   * values would mask half of every sentence and protect nothing.
   */
  add(secret: string | undefined): void {
    const value = secret?.trim();
    if (!value || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.register(value);
    for (const line of value.split(/\r?\n/).filter((part) => part.trim().length >= MIN_MASKED_LENGTH)) {
      // A multi-line secret (a key file) is masked line by line too, as the runner masks it.
      if (!this.ordered.includes(line)) this.ordered.push(line);
    }
    this.ordered.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let masked = text;
    for (const secret of this.ordered) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
    return masked;
  }

  /** Every string in a JSON-like value, keys included, redacted; numbers, booleans and null unchanged. */
  redactDeep<T>(value: T): T {
    if (this.ordered.length === 0) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.walk(item)]));
    }
    return value;
  }
}

/** Shorter secrets are registered with the runner but not masked in our own text. */
export const MIN_MASKED_LENGTH = 4;

let active = new Redactor();

/**
 * The run's redactor, which every writer in `src/actions/shared/` applies
 * (report file, outputs, summary, log). One per process, as the runner's
 * mask list is: the writers are called from code that has no redactor to
 * hand. Each action's `main.ts` sets it first thing ({@link useRedactor}).
 */
export function activeRedactor(): Redactor {
  return active;
}

export function useRedactor(redactor: Redactor): void {
  active = redactor;
}
