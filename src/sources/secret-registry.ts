/**
 * Secrets learnt while a run goes on, such as the token a metric source was
 * told to read from an environment variable (`token-env`, `auth.bearer-env`,
 * `api-key-env`). The action's redactor (`src/actions/shared/redactor.ts`)
 * listens here, masks each in the log (`core.setSecret`) and in everything
 * it writes. It is one list per process, as the runner's own mask list is,
 * because sources are built deep inside code that has no redactor to hand,
 * and sources must not import `@actions/core`.
 */
type Listener = (secret: string) => void;

const secrets = new Set<string>();
const listeners = new Set<Listener>();

/** Records a secret value; listeners hear of it at once. Empty values are no secret. */
export function noteSecret(value: string | undefined): void {
  if (value === undefined || value === '' || secrets.has(value)) return;
  secrets.add(value);
  for (const listener of listeners) listener(value);
}

/** Calls `listener` with every secret noted so far and every one noted later; returns how to stop. */
export function onSecret(listener: Listener): () => void {
  for (const secret of secrets) listener(secret);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads a credential from the environment variable a config names, noting its value as a secret. */
export function readCredential(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  noteSecret(value);
  return value === '' ? undefined : value;
}
