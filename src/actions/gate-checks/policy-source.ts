import { LineCounter, parseDocument, isMap, isSeq, type Document } from 'yaml';
import type { YamlFault } from './policy.js';

/**
 * Lines for the messages about a refused policy, from the `yaml` library's
 * source positions. Loaded only when a policy is refused: reading a good one
 * needs no positions (policy.ts).
 */

function parse(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

/** The line of the key at `path`; for a missing key, the line of its nearest existing parent; null for the document itself. */
export function lineOfPath(text: string, path: readonly (string | number)[]): number | null {
  const { doc, lines } = parse(text);
  for (let depth = path.length; depth > 0; depth--) {
    const offset = findKeyNode(doc, path.slice(0, depth))?.range?.[0];
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  return null;
}

/** `file:line: invalid YAML: …` with `yaml`'s first error, as gate-checks has always said it; js-yaml's reason where `yaml` finds none. */
export function describeYamlFault(text: string, file: string, fault: YamlFault): string {
  const { doc, lines } = parse(text);
  const first = doc.errors[0];
  const line = first === undefined ? fault.line : lines.linePos(first.pos[0]).line;
  const message = first === undefined ? fault.reason : first.message;
  return `${file}${line ? `:${line}` : ''}: invalid YAML: ${message.split('\n')[0]}`;
}

function findKeyNode(doc: Document, path: readonly (string | number)[]): { range?: [number, number, number] } | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
    return (pair?.key as { range?: [number, number, number] } | undefined) ?? undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as { range?: [number, number, number] } | undefined;
  return undefined;
}
