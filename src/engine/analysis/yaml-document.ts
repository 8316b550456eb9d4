import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import { type Result, ok, err } from '../result.js';

/**
 * A parsed YAML file that can say on which line a key sits, so every error
 * in the analysis file reads `analysis.yml:7: metrics.latency.max-increase: …`
 * (as the gate policy's do) instead of pointing nowhere.
 */
export type KeyPath = readonly (string | number)[];

export interface YamlFile {
  /** The document as plain data. */
  root: unknown;
  /** `file:line` of the key at `path`; for a missing key, of its nearest existing parent. */
  where(path: KeyPath): string;
}

export function readYaml(text: string, file: string): Result<YamlFile> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lines.linePos(first.pos[0]).line;
    return err(`${file}${line ? `:${line}` : ''}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const where = (path: KeyPath): string => {
    for (let depth = path.length; depth > 0; depth--) {
      const offset = keyOffset(doc, path.slice(0, depth));
      if (offset !== undefined) return `${file}:${lines.linePos(offset).line}`;
    }
    return file;
  };
  const root = toPlainData(doc, file);
  if (!root.ok) return root;
  return ok({ root: root.value, where });
}

/**
 * Anchors and aliases share a block of thresholds; nested aliases can also
 * expand a few hundred bytes into gigabytes (the "billion laughs"). The
 * yaml library counts what each alias expands to and throws past
 * `maxAliasCount`; that is a file to refuse, in one line, not a crash.
 */
export const MAX_ALIAS_COUNT = 100;

function toPlainData(doc: Document, file: string): Result<unknown> {
  try {
    return ok(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown);
  } catch {
    return err(`${file}: refused: its YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} nodes through aliases), as an alias bomb would; write the repeated parts out`);
  }
}

function keyOffset(doc: Document, path: KeyPath): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** A plain mapping (not a list, not null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
