/**
 * Why a reader could not produce evidence. The kind decides the check's
 * status: a `missing` file fails the check (the evidence the policy requires
 * is absent), a `malformed` one makes it `error`, and a `provider` fault is an
 * outage of a remote service, kept apart from a failure of the change.
 */
export type SourceFaultKind = 'missing' | 'malformed' | 'provider' | 'config';

export interface SourceFault {
  kind: SourceFaultKind;
  /** One line naming the file, URL or key at fault. */
  message: string;
}

export const fault = (kind: SourceFaultKind, message: string): { ok: false; error: SourceFault } => ({
  ok: false,
  error: { kind, message },
});
