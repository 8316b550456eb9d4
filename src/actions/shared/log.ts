import * as core from '@actions/core';
import { activeRedactor } from './redactor.js';

/**
 * The log for text that may hold untrusted words: refs, versions, reasons,
 * check and test names, file names, URLs, a server's answer. The runner
 * reads any log line that starts with `::` as a workflow command
 * (`::add-mask::`, `::stop-commands::`, `::error::`), and the legacy `##[`
 * form too, so a branch named `x\n::error::` or a test named
 * `::set-output name=decision::go` could speak for the action. Here each
 * call is exactly one line (newlines shown as `\n`), no `::` or `##[`
 * survives to be read as a command, and the run's secrets are masked.
 * `core.warning`, `core.error` and `core.setFailed` escape their message
 * themselves; `core.info` does not, hence this module.
 */
export function info(message: string): void {
  core.info(escapeLogLine(activeRedactor().redact(message)));
}

/** A zero-width space splits the marker: the text reads the same, and no runner parser matches it. */
const SPLIT = '\u200b';

export function escapeLogLine(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/::/g, `:${SPLIT}:`)
    .replace(/##\[/g, `#${SPLIT}#[`);
}

/** `core.notice` (which escapes its message) with the run's secrets masked: worth knowing, nothing wrong. */
export function notice(message: string): void {
  core.notice(activeRedactor().redact(message));
}

/** `core.warning` (which escapes its message) with the run's secrets masked; `properties` place an annotation. */
export function warning(message: string, properties?: core.AnnotationProperties): void {
  core.warning(activeRedactor().redact(message), properties);
}

/** `core.error` (which escapes its message) with the run's secrets masked; `properties` place an annotation. */
export function error(message: string, properties?: core.AnnotationProperties): void {
  core.error(activeRedactor().redact(message), properties);
}

/** Fails the step with one message, the run's secrets masked; only an action's `main.ts` calls it. */
export function fail(message: string): void {
  core.setFailed(activeRedactor().redact(message));
}
