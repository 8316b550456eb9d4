/**
 * Tagged results for expected failures: readers and the engine
 * return these instead of throwing, so a bad file becomes an `error` check
 * with a message that names it, never a stack trace.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = string>(error: E): Result<never, E> => ({ ok: false, error });

/** A user's mistake (bad input, bad policy, missing file): fix the config. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The infrastructure's fault (API down, 5xx, timeout): not the change under test. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
}

/** The message of anything thrown, without a stack. */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return String(thrown);
}
