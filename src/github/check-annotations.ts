import type { Annotation } from '../report/annotation.js';
import { GITHUB_LIMITS, truncateText } from './text-limits.js';

/**
 * Our {@link Annotation} as the Checks API wants it. GitHub only places an
 * annotation on a file it finds in the repository, so paths must be relative
 * to the repository root (the workspace), with forward slashes.
 * https://docs.github.com/rest/checks/runs#create-a-check-run (output.annotations)
 */
export interface GitHubAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

/** `file` relative to `workspace` when it lies inside it; forward slashes, no leading `./`. */
export function repositoryPath(file: string, workspace?: string): string {
  const path = file.replace(/\\/g, '/');
  const root = workspace?.replace(/\\/g, '/').replace(/\/+$/, '');
  const relative = root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
  return relative.replace(/^(?:\.\/)+/, '');
}

/** Lines start at 1 for GitHub; a missing or reversed end becomes the start line. */
function lineRange(annotation: Annotation): { start: number; end: number } {
  const start = Number.isInteger(annotation.line) && annotation.line > 0 ? annotation.line : 1;
  const end = annotation.endLine !== undefined && Number.isInteger(annotation.endLine) && annotation.endLine >= start ? annotation.endLine : start;
  return { start, end };
}

export function toGitHubAnnotation(annotation: Annotation, workspace?: string): GitHubAnnotation {
  const { start, end } = lineRange(annotation);
  const message = annotation.message.trim() === '' ? annotation.title || 'rollout-guard' : annotation.message;
  return {
    path: repositoryPath(annotation.path, workspace),
    start_line: start,
    end_line: end,
    annotation_level: annotation.level,
    title: truncateText(annotation.title, GITHUB_LIMITS.annotationTitle, '…'),
    message: truncateText(message, GITHUB_LIMITS.annotationMessage, '…'),
  };
}

/** Consecutive batches of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
