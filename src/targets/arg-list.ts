import { parseDocument } from 'yaml';
import { type Result, ok, err } from '../engine/result.js';

/**
 * Reads an action input that holds an argument list, written as YAML or JSON
 * (JSON is YAML): `["./set-weight.sh", "{weight}"]` or a block list. Errors
 * read after the input's name: input `traffic-command`: <error>. Commands
 * never go through a shell, so a plain string is refused rather than split on
 * spaces: splitting would need shell quoting rules, the thing we avoid.
 */
const MAX_ALIAS_COUNT = 10;

export function parseArgList(text: string, options: { allowEmpty?: boolean } = {}): Result<string[]> {
  const document = parseDocument(text);
  const problem = document.errors[0];
  if (problem) {
    // Inside [ ], YAML reads `{` as the start of a mapping: the usual cause with placeholders.
    const hint = text.includes('{') ? '; quote arguments that hold placeholders, e.g. "--weight={weight}"' : '';
    return err(`not a valid YAML/JSON list: ${(problem.message.split('\n')[0] ?? '').replace(/:$/, '')}${hint}`);
  }
  let value: unknown;
  try {
    // An argument list has no use for aliases; nested ones could expand a short input into gigabytes.
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return err(`refused: its YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} nodes through aliases); write the arguments out`);
  }
  if (!Array.isArray(value)) {
    return err(`must be a list of arguments such as ["./set-weight.sh", "{weight}"], got ${describe(value)}; commands run without a shell, so give the program and each argument as list items`);
  }
  const args: string[] = [];
  for (const [index, item] of value.entries()) {
    const arg = argumentOf(item);
    if (arg === undefined) return err(`item ${index + 1} must be text or a number, got ${describe(item)}`);
    args.push(arg);
  }
  if (options.allowEmpty) return ok(args);
  if (args.length === 0) return err('is an empty list; give the program, then its arguments');
  if (args[0] === '') return err('the first item (the program) is empty');
  return ok(args);
}

/**
 * Scalars become text (`5` → "5"). An unquoted `{weight}` is a YAML flow
 * mapping `{ weight: null }`; it can only have meant the placeholder, so it is
 * read back as `{weight}` instead of failing on a quoting trap.
 */
function argumentOf(item: unknown): string | undefined {
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
    const entries = Object.entries(item);
    const only = entries[0];
    if (entries.length === 1 && only !== undefined && only[1] === null) return `{${only[0]}}`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === null || value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
