import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { REPO_ROOT } from '../run-bundle.js';

/**
 * GitHub's published OpenAPI description (api.github.com, from
 * @octokit/openapi), compiled into validators for the operations the fake
 * server plays. It is OpenAPI 3.0.3, whose schemas are JSON Schema draft-07
 * plus `nullable`, so plain Ajv (draft-07) fits once `nullable` is rewritten.
 * The non-dereferenced file is used (13 MB rather than 73 MB): its components
 * are added once under an id and the operations' `$ref`s point into them.
 */
const SPEC_FILE = path.join(REPO_ROOT, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
const COMPONENTS_ID = 'https://api.github.com/openapi/components.json';

type Json = Record<string, unknown>;

interface OpenApiDocument {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Json; responses: Record<string, Json> };
}

/** Validators of one operation; `null` marks a documented empty body (e.g. 204). */
export interface OperationValidators {
  request: ValidateFunction | null;
  responses: Map<number, ValidateFunction | null>;
  docsUrl: string;
}

let loaded: { doc: OpenApiDocument; ajv: Ajv } | null = null;
const compiled = new Map<string, OperationValidators>();

/** OpenAPI 3.0 `nullable: true` means "or null"; Ajv only honours it beside `type` and ignores it for `enum`. */
function rewriteSchema(node: unknown, rewriteRefs: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteSchema(item, rewriteRefs));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'nullable') continue;
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, rewriteSchema(sub, rewriteRefs)]));
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = rewriteSchema(value, rewriteRefs);
    } else if (key === '$ref' && rewriteRefs && typeof value === 'string' && value.startsWith('#/')) {
      out[key] = `${COMPONENTS_ID}${value}`;
    } else {
      out[key] = value;
    }
  }
  return (node as Json).nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

function load(): { doc: OpenApiDocument; ajv: Ajv } {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (instance: Ajv) => void)(ajv);
  // GitHub answers "" for unset uri fields whose schema defaults them to ""
  // (deployment status `target_url`, `log_url`, `environment_url`).
  const uri = fullFormats.uri as (value: string) => boolean;
  ajv.addFormat('uri', (value: string) => value === '' || uri(value));
  const schemas = Object.fromEntries(Object.entries(doc.components.schemas).map(([name, schema]) => [name, rewriteSchema(schema, false)]));
  ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas } });
  loaded = { doc, ajv };
  return loaded;
}

function jsonSchemaOf(container: Json | undefined): unknown {
  const content = container?.content as Record<string, { schema?: unknown }> | undefined;
  return content?.['application/json']?.schema;
}

function compileResponse(ajv: Ajv, doc: OpenApiDocument, response: Json): ValidateFunction | null {
  const ref = response.$ref;
  const resolved = typeof ref === 'string' ? doc.components.responses[ref.split('/').pop() ?? ''] : response;
  const schema = jsonSchemaOf(resolved);
  return schema === undefined ? null : ajv.compile(rewriteSchema(schema, true) as Json);
}

/** Compiles (once) the validators of `METHOD /template`; undefined when GitHub has no such operation. */
export function operationValidators(method: string, template: string): OperationValidators | undefined {
  const key = `${method} ${template}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const { doc, ajv } = load();
  const operation = doc.paths[template]?.[method.toLowerCase()];
  if (!operation) return undefined;
  const requestSchema = jsonSchemaOf(operation.requestBody as Json | undefined);
  const responses = new Map<number, ValidateFunction | null>();
  for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
    responses.set(Number(status), compileResponse(ajv, doc, response));
  }
  const validators: OperationValidators = {
    request: requestSchema === undefined ? null : ajv.compile(rewriteSchema(requestSchema, true) as Json),
    responses,
    docsUrl: (operation.externalDocs as { url?: string } | undefined)?.url ?? 'https://docs.github.com/rest',
  };
  compiled.set(key, validators);
  return validators;
}

/** GitHub's generic error body, for error statuses an operation does not list. */
export function basicErrorValidator(): ValidateFunction {
  const { ajv } = load();
  return ajv.getSchema(`${COMPONENTS_ID}#/components/schemas/basic-error`) as ValidateFunction;
}

/** Ajv's errors as one line each: where, what, and the offending keyword's parameters. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
