import * as core from '@actions/core';
import { activeRedactor } from './redactor.js';

/**
 * Outputs and the job summary, with the run's secrets masked: both are read
 * by later steps and by people, and neither is masked by the runner (an
 * output holding a masked secret is dropped by it, without a word).
 */
export function setOutput(name: string, value: string): void {
  core.setOutput(name, activeRedactor().redact(value));
}

export async function writeSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(activeRedactor().redact(markdown)).write();
}
