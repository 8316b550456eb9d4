import { type Result, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { describeJsonError, parseJsonText } from '../json-text.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * JSON evidence parsed with a fault that says where and what was expected,
 * never what the file holds (see `json-text.ts`): an evidence file's text
 * must not reach a log, a check run or a comment.
 */
export function parseJsonEvidence(text: string, name: string): Result<unknown, SourceFault> {
  const parsed = parseJsonText(text);
  return parsed.ok ? ok(parsed.value) : fault('malformed', describeJsonError(name, parsed.error));
}

/** Reads and parses a JSON evidence file; `name` is how messages call it. */
export async function readJsonEvidence(file: string, name: string): Promise<Result<unknown, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return fault(text.error.kind, text.error.message.replace(file, name));
  return parseJsonEvidence(text.value, name);
}
