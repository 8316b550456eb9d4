import fc from 'fast-check';

/**
 * Corruptions of real evidence, for the property that no corruption of a
 * failing input turns its verdict positive. Each operator makes a document
 * invalid, contradictory or thinner — a value of the wrong type or sign, an
 * infinite or overflowing number, a missing key or element, a cut-off file —
 * never a plausible healthy value (setting an error count to 0 would be a
 * different, healthy input, not a corruption of this one).
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** JSON cannot write ±∞; these tokens become the overflowing literals a hostile file would hold. */
const POSITIVE_OVERFLOW = '\u0000+overflow\u0000';
const NEGATIVE_OVERFLOW = '\u0000-overflow\u0000';

const JSON_OPERATORS = {
  delete: () => undefined,
  null: () => null,
  'non-numeric string': () => 'abc',
  'numeric string': (value) => (typeof value === 'number' ? String(value) : '12'),
  negate: (value) => (typeof value === 'number' && value !== 0 ? -value : -1),
  'minus one': () => -1,
  'overflow to +∞': () => POSITIVE_OVERFLOW,
  'overflow to −∞': () => NEGATIVE_OVERFLOW,
  'huge': () => 1e308,
  'fraction': (value) => (typeof value === 'number' ? value + 0.5 : 0.5),
  'empty array': () => [],
  'empty object': () => ({}),
  'wrapped in an array': (value) => [value],
  'boolean': () => true,
} as const satisfies Record<string, (value: Json) => Json | undefined>;

export type JsonOperator = keyof typeof JSON_OPERATORS;
export const JSON_OPERATOR_NAMES = Object.keys(JSON_OPERATORS) as JsonOperator[];

/** Every path to a node below the root, depth first. */
export function jsonPaths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...jsonPaths(child, [...prefix, key])]);
}

export interface JsonMutation {
  path: Path;
  operator: JsonOperator;
}

/** The document with one node replaced (or removed), as text. */
export function applyJsonMutation(document: Json, mutation: JsonMutation): string {
  const copy = structuredClone(document);
  const parent = mutation.path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, copy) as Record<string | number, Json> | Json[];
  const key = mutation.path.at(-1)!;
  const replacement = JSON_OPERATORS[mutation.operator]((parent as Record<string | number, Json>)[key]!);
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string, Json>)[key];
  } else {
    (parent as Record<string | number, Json>)[key] = replacement;
  }
  return JSON.stringify(copy, null, 1).replaceAll(JSON.stringify(POSITIVE_OVERFLOW), '1e400').replaceAll(JSON.stringify(NEGATIVE_OVERFLOW), '-1e400');
}

/** A text cut off part-way, as a crashed writer or a full disk leaves it. */
export function truncate(text: string, fraction: number): string {
  return text.slice(0, Math.max(1, Math.floor(text.length * fraction)));
}

export type Corruption = { kind: 'json'; mutation: JsonMutation; describe: string } | { kind: 'truncate'; fraction: number; describe: string };

/**
 * An arbitrary corruption of a JSON document: one node changed or removed,
 * or the file cut off. `isKept` names paths left alone: fields whose change
 * is a different input rather than a corrupt one (which release a rollout
 * is of).
 */
export function jsonCorruption(document: Json, isKept: (path: Path) => boolean = () => false): fc.Arbitrary<Corruption> {
  const paths = jsonPaths(document).filter((path) => !isKept(path));
  const mutation = fc
    .record({ index: fc.nat({ max: paths.length - 1 }), operator: fc.constantFrom(...JSON_OPERATOR_NAMES) })
    .map(({ index, operator }): Corruption => ({ kind: 'json', mutation: { path: paths[index]!, operator }, describe: `${operator} at ${paths[index]!.join('.')}` }));
  const cut = fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((fraction): Corruption => ({ kind: 'truncate', fraction, describe: `cut at ${Math.round(fraction * 100)}%` }));
  return fc.oneof({ weight: 9, arbitrary: mutation }, { weight: 1, arbitrary: cut });
}

export function applyCorruption(document: Json, corruption: Corruption): string {
  if (corruption.kind === 'truncate') return truncate(JSON.stringify(document, null, 1), corruption.fraction);
  return applyJsonMutation(document, corruption.mutation);
}

/** XML attribute values and elements, corrupted: a count that is not a count, an element gone, a file cut off. */
const XML_VALUES = ['abc', '-1', '1e400', '', '1.5', 'NaN', '-0'] as const;

export type XmlCorruption =
  | { kind: 'attribute'; index: number; value: (typeof XML_VALUES)[number] | null; describe: string }
  | { kind: 'drop-element'; name: 'failure' | 'error' | 'testcase' | 'testsuite'; index: number; describe: string }
  | { kind: 'truncate'; fraction: number; describe: string };

export function xmlCorruption(xml: string): fc.Arbitrary<XmlCorruption> {
  const attributes = [...xml.matchAll(/\s([\w:-]+)="[^"]*"/g)].length;
  const attribute = fc
    .record({ index: fc.nat({ max: Math.max(0, attributes - 1) }), value: fc.option(fc.constantFrom(...XML_VALUES), { nil: null }) })
    .map(({ index, value }): XmlCorruption => ({ kind: 'attribute', index, value, describe: `attribute #${index} ${value === null ? 'removed' : `= "${value}"`}` }));
  const drop = fc
    .record({ name: fc.constantFrom('failure', 'error', 'testcase', 'testsuite') as fc.Arbitrary<'failure' | 'error' | 'testcase' | 'testsuite'>, index: fc.nat({ max: 5 }) })
    .map(({ name, index }): XmlCorruption => ({ kind: 'drop-element', name, index, describe: `<${name}> #${index} removed` }));
  const cut = fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((fraction): XmlCorruption => ({ kind: 'truncate', fraction, describe: `cut at ${Math.round(fraction * 100)}%` }));
  return fc.oneof({ weight: 6, arbitrary: attribute }, { weight: 3, arbitrary: drop }, { weight: 1, arbitrary: cut });
}

export function applyXmlCorruption(xml: string, corruption: XmlCorruption): string {
  if (corruption.kind === 'truncate') return truncate(xml, corruption.fraction);
  if (corruption.kind === 'attribute') {
    let seen = -1;
    return xml.replace(/\s([\w:-]+)="[^"]*"/g, (match, name: string) => {
      seen++;
      if (seen !== corruption.index) return match;
      return corruption.value === null ? '' : ` ${name}="${corruption.value}"`;
    });
  }
  // An element and its content (or a self-closing one), the index-th of its name.
  const pattern = new RegExp(`<${corruption.name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${corruption.name}>)`, 'g');
  let seen = -1;
  return xml.replace(pattern, (match) => (++seen === corruption.index ? '' : match));
}
