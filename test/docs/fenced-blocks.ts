import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/run-bundle.js';

/**
 * The fenced code blocks (```lang … ```) of the README and every Markdown
 * file under docs/, as a reader copies them: a block indented inside a list
 * item loses that indentation, as it does when rendered.
 */
export interface FencedBlock {
  /** The Markdown file, relative to the repository. */
  file: string;
  /** Line of the opening fence, 1-based. */
  line: number;
  /** The info string's first word, lower case; '' for a bare fence. */
  lang: string;
  text: string;
}

export const DOCUMENTS: readonly string[] = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join('docs', name)),
];

export function fencedBlocks(file: string, markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    const closes = (line: string) => line.trim().startsWith(fence[0]!.repeat(fence.length)) && line.trim().replace(new RegExp(`^\\${fence[0]}+`), '') === '';
    for (; j < lines.length && !closes(lines[j]!); j++) body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    if (j === lines.length) throw new Error(`${file}:${i + 1}: a code fence that is never closed`);
    blocks.push({ file, line: i + 1, lang: info.toLowerCase(), text: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

export function documentBlocks(): FencedBlock[] {
  return DOCUMENTS.flatMap((file) => fencedBlocks(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));
}
