import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { REPO_ROOT } from './run-bundle.js';

/** Validates a report against the published JSON Schema (src/report/report.schema.json). */
const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'src', 'report', 'report.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
// ajv-formats ships CommonJS; its default export lands on `.default` under NodeNext.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

export function reportSchemaErrors(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
