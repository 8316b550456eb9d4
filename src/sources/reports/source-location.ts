import path from 'node:path';

/**
 * Pointing a failed test at a file and line of the repository, for check run
 * annotations, from what test reports carry: file attributes, error
 * locations, and stack traces in failure text. Pure: paths are resolved
 * against the workspace by their text, never by looking at the disk.
 */

/** A file (relative to the workspace, `/`-separated) and a 1-based line. */
export interface SourceLocation {
  path: string;
  line: number;
}

// Terminal colour codes: Playwright and Vitest write them into messages
// when the run had a colour terminal (Playwright's JSON always keeps them).
// eslint-disable-next-line no-control-regex -- matching the ESC character is the point
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The text without terminal colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * A path as the workspace sees it: absolute paths inside the workspace
 * become relative; absolute paths elsewhere, paths climbing out with `..`,
 * and dependencies' files (`node_modules`) are not the project's, so `null`.
 * Backslashes (Windows runners, .NET stack traces) are read as separators.
 */
export function toWorkspacePath(file: string, workspace: string): string | null {
  const slashed = file.replace(/\\/g, '/');
  const root = workspace.replace(/\\/g, '/').replace(/\/+$/, '');
  let relative: string;
  if (isAbsolute(slashed)) {
    if (!slashed.startsWith(`${root}/`)) return null;
    relative = slashed.slice(root.length + 1);
  } else {
    relative = slashed;
  }
  const normal = path.posix.normalize(relative);
  if (normal === '.' || normal.startsWith('../') || normal === '..' || isAbsolute(normal)) return null;
  if (normal.split('/').includes('node_modules')) return null;
  return normal;
}

function isAbsolute(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:\//.test(file);
}

// `path/to/file.ext:12`, optionally `:col` after it (Node, Vitest, pytest,
// Rust, Go), or .NET's `in C:\path\File.cs:line 54`. The look-behind keeps
// URLs (`http://host.example:8080`) and `node:internal/…` frames out: a
// path must start at a boundary, not after `/` or a word character.
const PATH_LINE = /(?<![\w./\\:-])((?:[A-Za-z]:[\\/]|[\\/])?(?:[\w@.+~-]+[\\/])*[\w@+~-][\w@.+~-]*\.[A-Za-z][\w]{0,9}):(?:line )?(\d+)/g;

/** Every `path:line` in a failure text, in order, as written. */
export function pathLinesIn(text: string): { file: string; line: number }[] {
  const found: { file: string; line: number }[] = [];
  for (const match of stripAnsi(text).matchAll(PATH_LINE)) {
    const line = Number(match[2]);
    if (line > 0) found.push({ file: match[1]!, line });
  }
  return found;
}

/**
 * The first `path:line` in a failure text that points into the workspace.
 * When the test names its own file, a frame in that file wins, so the
 * annotation lands on the test rather than deep in a helper. Absolute paths
 * under the workspace win over relative ones, which may be relative to a
 * test folder rather than the repository (Playwright's junit reporter writes
 * `checkout.spec.ts:26:3` before `at /repo/e2e/checkout.spec.ts:28:43`).
 */
export function locateInText(text: string, workspace: string, testFile: string | null = null): SourceLocation | null {
  let best: { location: SourceLocation; score: number } | null = null;
  for (const { file, line } of pathLinesIn(text)) {
    const relative = toWorkspacePath(file, workspace);
    if (relative === null) continue;
    const isInTestFile = testFile !== null && (relative === testFile || relative.endsWith(`/${testFile}`));
    const score = (isInTestFile ? 2 : 0) + (isAbsolute(file.replace(/\\/g, '/')) ? 1 : 0);
    if (best === null || score > best.score) best = { location: { path: relative, line }, score };
  }
  return best?.location ?? null;
}

const MESSAGE_LINES = 5;
const MESSAGE_CHARS = 600;
// Where a failure's description ends and its stack begins: Node/Java/.NET
// `at …` frames, Vitest's `❯ file:line` frames, Python's traceback header.
const STACK_FRAME = /^\s*(?:at\s|❯\s|Traceback \(most recent call last\))/;

/** The first few non-blank lines of a failure message, before its stack frames. */
export function firstLines(text: string, maxLines = MESSAGE_LINES): string {
  const lines: string[] = [];
  for (const raw of stripAnsi(text).replace(/\r\n?/g, '\n').split('\n')) {
    if (STACK_FRAME.test(raw) && lines.length > 0) break;
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length === maxLines) break;
  }
  const joined = lines.join('\n');
  return joined.length > MESSAGE_CHARS ? `${joined.slice(0, MESSAGE_CHARS - 1)}…` : joined;
}
