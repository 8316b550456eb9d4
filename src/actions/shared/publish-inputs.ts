import { isFullSha } from '../../github/event.js';
import type { InputReader } from './input-reader.js';

/** What a sticky pull-request comment does when the verdict is a pass. */
export type CommentOnPass = 'update' | 'delete' | 'hide';

export const COMMENT_ON_PASS: readonly CommentOnPass[] = ['update', 'delete', 'hide'];

/**
 * Where a verdict is published when the event does not say it: a
 * `workflow_run` workflow publishing what a pull request's (fork's) run
 * produced. Undefined: take it from the event.
 */
export interface PublishPlace {
  /** The commit the verdict is about (`commit`). */
  commit: string | undefined;
  /** The pull request to comment on (`pr-number`); checked against the commit before any comment. */
  prNumber: number | undefined;
  commentOnPass: CommentOnPass;
}

/** Reads `commit`, `pr-number` and `comment-on-pass`, the inputs the publishing actions share. */
export function readPublishPlace(read: InputReader): PublishPlace {
  return {
    commit: readCommit(read),
    prNumber: readPullRequestNumber(read),
    commentOnPass: read.oneOf('comment-on-pass', COMMENT_ON_PASS, 'update'),
  };
}

/** At most this much of a bad value is shown back, on one line: it may be anything a fork's code wrote. */
const SHOWN = 80;
const shown = (text: string): string => {
  const oneLine = text.replace(/\r\n|\r|\n/g, '\\n');
  return oneLine.length > SHOWN ? `${oneLine.slice(0, SHOWN)}…` : oneLine;
};

function readCommit(read: InputReader): string | undefined {
  const commit = read.string('commit');
  if (commit === undefined) return undefined;
  if (isFullSha(commit)) return commit.toLowerCase();
  read.problem(`input \`commit\` must be a full commit SHA (40 hex digits, or 64 in a SHA-256 repository), got \`${shown(commit)}\``);
  return undefined;
}

/** Digits only, no sign, no exponent, no leading zero: in the fork flow the value comes from an artifact the fork's code wrote. */
function readPullRequestNumber(read: InputReader): number | undefined {
  const text = read.string('pr-number');
  if (text === undefined) return undefined;
  if (/^[1-9]\d{0,9}$/.test(text)) return Number(text);
  read.problem(`input \`pr-number\` must be a pull request number (a positive integer), got \`${shown(text)}\``);
  return undefined;
}
