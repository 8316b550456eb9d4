import type { z } from 'zod';

/**
 * One line for the first problem zod found, naming the field by its path as a
 * person would write it (`checks[2].status`, `source.json-path`), so a bad
 * report or config points at the exact key instead of dumping every issue.
 * Parse with `{ reportInput: true }` and the line also shows the value received.
 */
export function describeFirstIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix || 'the value'} is invalid`;
  const field = joinPath(prefix, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `unknown key ${issue.keys.map((key) => `\`${joinPath(field, [key])}\``).join(', ')}`;
  }
  const input = (issue as { input?: unknown }).input;
  const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
  if (missing) return `\`${field}\` is missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
  const message = issue.message.replace(/^(Invalid input|Invalid option|Too small|Too big): /, '');
  const received = issue.code !== 'custom' && input !== undefined && !/, received /.test(message) ? `; got ${preview(input)}` : '';
  return field === '' ? `${message}${received}` : `\`${field}\`: ${message}${received}`;
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let text = prefix;
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
