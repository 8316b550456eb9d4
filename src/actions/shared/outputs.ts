import * as core from '@actions/core';
import * as log from './log.js';
import { activeRedactor } from './redactor.js';

/**
 * Outputs and the job summary, with the run's secrets masked: both are read
 * by later steps and by people, and neither is masked by the runner (an
 * output holding a masked secret is dropped by it, without a word).
 *
 * Without `GITHUB_OUTPUT` the toolkit itself falls back to the
 * `::set-output::` command, so outputs need nothing here.
 */
export function setOutput(name: string, value: string): void {
  core.setOutput(name, activeRedactor().redact(value));
}

/**
 * Runners without job summaries (GitHub Enterprise Server before 3.6,
 * `act`, `@github/local-action`, home-made harnesses) have no
 * `GITHUB_STEP_SUMMARY`. That is not a failure of the run: the same
 * Markdown goes to the log in a collapsed group, and a notice says once
 * where it would have gone. A summary file that cannot be written is
 * treated the same way, with a warning saying why.
 */
export async function writeSummary(markdown: string): Promise<void> {
  const shown = activeRedactor().redact(markdown);
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file.trim() === '') {
    logSummary(shown, 'GITHUB_STEP_SUMMARY is not set on this runner (no job summaries): the job summary is in the log group "Job summary" instead');
    return;
  }
  try {
    await core.summary.addRaw(shown).write();
  } catch (thrown) {
    core.summary.emptyBuffer();
    const reason = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
    logSummary(shown, `the job summary could not be written (${activeRedactor().redact(reason ?? '')}): it is in the log group "Job summary" instead`, true);
  }
}

let isNoticeGiven = false;

function logSummary(markdown: string, notice: string, isProblem = false): void {
  core.startGroup('Job summary');
  // Line by line through the escaping log: a summary holds refs and reasons, which must not read as workflow commands.
  for (const line of markdown.split('\n')) log.info(line);
  core.endGroup();
  if (isNoticeGiven) return;
  isNoticeGiven = true;
  if (isProblem) log.warning(notice);
  else core.notice(notice);
}
