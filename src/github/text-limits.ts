/**
 * GitHub's documented size limits on what we send, kept in one table so each
 * adapter truncates before GitHub refuses (a 422 would lose the whole report).
 */
export const GITHUB_LIMITS = {
  /** Check run `output.summary` and `output.text`: "Maximum length: 65535 characters." https://docs.github.com/rest/checks/runs#create-a-check-run */
  checkRunOutput: 65_535,
  /** "The Checks API limits the number of annotations to a maximum of 50 per API request." (same page) */
  annotationsPerRequest: 50,
  /** Annotation `title`: "The maximum size is 255 characters." */
  annotationTitle: 255,
  /** Annotation `message` and `raw_details`: "The maximum size is 64 KB." Counted in UTF-16 units, below 64 KB of UTF-8 for ASCII. */
  annotationMessage: 65_535,
  /** Commit status `description`: "A short description of the status" — GitHub refuses more than 140 characters. https://docs.github.com/rest/commits/statuses */
  statusDescription: 140,
  /** Issue and comment bodies: GitHub refuses more than 65536 characters. */
  commentBody: 65_536,
} as const;

/**
 * `text` cut to at most `max` UTF-16 units, `note` included, without
 * splitting a surrogate pair. Counting units rather than characters errs on
 * the short side, which GitHub accepts.
 */
export function truncateText(text: string, max: number, note = ''): string {
  if (text.length <= max) return text;
  let keep = Math.max(0, max - note.length);
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep -= 1;
  return text.slice(0, keep) + note.slice(0, max);
}

/** The note appended to a cut Markdown body, saying how much was left out and where to find it. */
export function truncationNote(omitted: number, where = 'the job summary'): string {
  return `\n\n… _(truncated by rollout-guard: ${omitted} characters left out to fit GitHub's limit; the full report is in ${where})_`;
}

/** A Markdown body cut to `max` with a note saying so; unchanged when it fits. */
export function fitMarkdown(text: string, max: number, where?: string): { text: string; isTruncated: boolean } {
  if (text.length <= max) return { text, isTruncated: false };
  // The note's own length decides how much is cut; measure it once, then state the exact count.
  const provisional = truncationNote(text.length - max, where);
  const note = truncationNote(text.length - (max - provisional.length), where);
  return { text: truncateText(text, max, note), isTruncated: true };
}
