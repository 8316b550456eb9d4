import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * A vendor's published API description (OpenAPI 3.0, 3.1 or Swagger 2.0,
 * JSON or YAML, committed under `test/fixtures/<vendor>/`) turned into
 * checks for a local vendor server: every request it receives and every
 * response it sends is held to the operation the description documents.
 * A server records the problems and tests assert there are none, so a
 * server that drifts from the vendor's shapes fails the suite instead of
 * quietly agreeing with our code.
 */
export interface VendorOpenApi {
  /** The documented operation a request lands on (`GET /v1/projects/{idOrName}`), or `null` when the description has none. */
  operationOf(method: string, pathname: string): string | null;
  /**
   * Problems with a request: an undocumented operation, a query parameter the
   * operation does not declare or a missing required one, a body off its
   * schema. `bodySchema` (a JSON pointer into the description) holds the body
   * to another schema of the description, for a body the operation documents
   * only in prose (LaunchDarkly's semantic patch).
   */
  checkRequest(request: { method: string; pathname: string; query?: URLSearchParams; body?: unknown; bodySchema?: string }): string[];
  /** Problems with a response: a status the operation does not document (and no `default`), a body off its schema. */
  checkResponse(response: { method: string; pathname: string; status: number; body: unknown }): string[];
  /** Problems with a value against one schema of the description (`/components/schemas/HogQLQueryResponse`), for an answer its operation types only loosely. */
  checkSchema(pointer: string, value: unknown): string[];
}

export interface VendorOpenApiOptions {
  /** A prefix the server's paths carry but the description's paths do not (Sentry's `/api/0` lives in `servers`). */
  basePath?: string;
  /** Query parameters every operation accepts though the description leaves them out (a vendor's `teamId`, `slug`). */
  commonQuery?: readonly string[];
}

type Json = Record<string, unknown>;

interface Operation {
  template: string;
  method: string;
  pattern: RegExp;
  node: Json;
  /** Path-level parameters, which apply to every method of the path. */
  pathParameters: Json[];
}

const DOC_ID = 'https://vendor.invalid/openapi.json';

export function loadVendorOpenApi(file: string, options: VendorOpenApiOptions = {}): VendorOpenApi {
  const text = readFileSync(file, 'utf8');
  const raw = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 })) as Json;
  // A top-level `$schema` names the OpenAPI 3.1 dialect of the description's
  // Schema Objects; Ajv cannot load that meta-schema and checks them with its own.
  const { $schema: _dialect, ...described } = raw;
  const doc = rewriteNullable(described) as Json;
  const isSwagger2 = typeof raw.swagger === 'string';
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (instance: Ajv) => void)(ajv);
  ajv.addSchema(doc, DOC_ID);
  const operations = listOperations(doc);
  const compiled = new Map<string, ValidateFunction>();
  const basePath = options.basePath ?? '';

  const find = (method: string, pathname: string): Operation | undefined => {
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname;
    const candidates = operations.filter((op) => op.method === method.toLowerCase() && op.pattern.test(path));
    // `/v1/deployments/{id}` and `/v1/deployments/files` both match `/v1/deployments/files`: the literal wins.
    return candidates.sort((a, b) => literalLength(b.template) - literalLength(a.template))[0];
  };
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };

  return {
    operationOf(method, pathname) {
      const op = find(method, pathname);
      return op ? `${op.method.toUpperCase()} ${op.template}` : null;
    },
    checkRequest({ method, pathname, query, body, bodySchema }) {
      const op = find(method, pathname);
      if (!op) return [`${method} ${pathname} is not an operation of the vendor's API description`];
      const where = `${op.method.toUpperCase()} ${op.template}`;
      const problems: string[] = [];
      const parameters = [...op.pathParameters, ...((op.node.parameters as Json[] | undefined) ?? [])].map((p) => resolve(doc, p));
      const declared = parameters.filter((p) => p.in === 'query');
      if (query) {
        const names = new Set(declared.map((p) => String(p.name)));
        for (const name of new Set(query.keys())) {
          if (!names.has(name) && !(options.commonQuery ?? []).includes(name)) problems.push(`${where}: query parameter \`${name}\` is not documented`);
        }
        for (const p of declared) if (p.required === true && !query.has(String(p.name))) problems.push(`${where}: required query parameter \`${String(p.name)}\` is missing`);
      }
      const bodyPointer = bodySchema ?? requestBodyPointer(op, isSwagger2, doc);
      if (bodyPointer === null) {
        if (body !== undefined && body !== null && body !== '') problems.push(`${where}: sends a body the operation does not take`);
        return problems;
      }
      const validate = validatorAt(bodyPointer);
      if (!validate(body)) problems.push(...describe(validate).map((line) => `${where} request body ${line}`));
      return problems;
    },
    checkResponse({ method, pathname, status, body }) {
      const op = find(method, pathname);
      if (!op) return [`${method} ${pathname} is not an operation of the vendor's API description`];
      const where = `${op.method.toUpperCase()} ${op.template} → ${status}`;
      const responses = (op.node.responses ?? {}) as Json;
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => candidate in responses);
      if (key === undefined) return [`${where}: status ${status} is not documented for the operation`];
      const pointer = responseSchemaPointer(op, key, isSwagger2, doc);
      if (pointer === null) return [];
      const validate = validatorAt(pointer);
      return validate(body) ? [] : describe(validate).map((line) => `${where} ${line}`);
    },
    checkSchema(pointer, value) {
      const validate = validatorAt(pointer);
      return validate(value) ? [] : describe(validate).map((line) => `${pointer} ${line}`);
    },
  };
}

function listOperations(doc: Json): Operation[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const pattern = new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}/?$`);
    const pathParameters = (item.parameters as Json[] | undefined) ?? [];
    for (const method of methods) {
      const node = item[method] as Json | undefined;
      if (node) operations.push({ template, method, pattern, node, pathParameters });
    }
  }
  return operations;
}

function requestBodyPointer(op: Operation, isSwagger2: boolean, doc: Json): string | null {
  const base = `/paths/${escapePointer(op.template)}/${op.method}`;
  if (isSwagger2) {
    const parameters = (op.node.parameters as Json[] | undefined) ?? [];
    const index = parameters.findIndex((p) => resolve(doc, p).in === 'body');
    return index < 0 ? null : `${base}/parameters/${index}/schema`;
  }
  const body = op.node.requestBody as Json | undefined;
  if (!body) return null;
  const resolved = resolve(doc, body);
  const content = resolved.content as Json | undefined;
  const type = content && Object.keys(content).find((name) => name.includes('json'));
  if (!type || !(content[type] as Json).schema) return null;
  const holder = body.$ref ? String(body.$ref).slice(1) : `${base}/requestBody`;
  return `${holder}/content/${escapePointer(type)}/schema`;
}

function responseSchemaPointer(op: Operation, key: string, isSwagger2: boolean, doc: Json): string | null {
  const direct = ((op.node.responses as Json)[key] ?? {}) as Json;
  const holder = direct.$ref ? String(direct.$ref).slice(1) : `/paths/${escapePointer(op.template)}/${op.method}/responses/${escapePointer(key)}`;
  const response = resolve(doc, direct);
  if (isSwagger2) return response.schema ? `${holder}/schema` : null;
  const content = response.content as Json | undefined;
  const type = content && Object.keys(content).find((name) => name.includes('json'));
  if (!type || !(content[type] as Json).schema) return null;
  return `${holder}/content/${escapePointer(type)}/schema`;
}

/** Follows a local `$ref` (parameters and responses are often shared components). */
function resolve(doc: Json, node: Json): Json {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const pointer = current.$ref.replace(/^#/, '');
    current = pointer.split('/').slice(1).reduce<unknown>((at, part) => (at as Json)?.[unescapePointer(part)], doc) as Json;
    if (!current) throw new Error(`unresolvable $ref ${String(node.$ref)}`);
  }
  return current;
}

/**
 * OpenAPI 3.0's `nullable: true` and Swagger's `x-nullable: true` mean "or
 * null"; Ajv knows neither. A property named `nullable` holds a schema, not
 * `true`, so it is left alone.
 */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  let nullable = false;
  for (const [key, value] of Object.entries(node as Json)) {
    if ((key === 'nullable' || key === 'x-nullable') && value === true) nullable = true;
    else out[key] = rewriteNullable(value);
  }
  return nullable ? { anyOf: [{ type: 'null' }, out] } : out;
}

function describe(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

function literalLength(template: string): number {
  return template.replace(/\{[^}]+\}/g, '').length;
}

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
