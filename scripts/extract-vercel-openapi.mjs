#!/usr/bin/env node
// Cuts the operations rollout-guard calls out of Vercel's published OpenAPI
// description (vercel-spec.json of the vercel/sdk repository, 11 MB), for
// test/fixtures/vercel/openapi-subset.json:
//   node scripts/extract-vercel-openapi.mjs vercel-spec.json > test/fixtures/vercel/openapi-subset.json
// Validation keywords are kept as they are; annotations (description,
// example, summary, tags, security, x-*) are dropped, every response's
// description becomes '', and the rolling release document, which the three
// rolling release operations answer with identically, is kept once under
// components/schemas (the script stops if they differ). Local $refs into
// components are copied along.
import { readFileSync } from 'node:fs';

const OPERATIONS = [
  ['/v1/projects/{idOrName}/rolling-release', 'get'],
  ['/v1/projects/{idOrName}/rolling-release/approve-stage', 'post'],
  ['/v1/projects/{idOrName}/rolling-release/complete', 'post'],
  ['/v1/projects/{projectId}/rollback/{deploymentId}', 'post'],
  ['/v7/deployments', 'get'],
  ['/v9/projects/{idOrName}', 'get'],
];
const SHARED = 'RollingReleaseDocument';
const DROPPED = new Set(['description', 'example', 'examples', 'summary', 'tags', 'security']);

const source = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const components = {};

function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') copyComponent(value);
    out[key] = key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value) ? stripProperties(value) : strip(value);
  }
  return out;
}

// The keys of `properties` are property names, not annotations: a property
// called `description` (a cron definition's, a custom environment's) stays.
function stripProperties(properties) {
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, strip(schema)]));
}

function copyComponent(ref) {
  const parts = ref.replace(/^#\//, '').split('/');
  if (parts[0] !== 'components') throw new Error(`unexpected $ref ${ref}`);
  const [, kind, name] = parts;
  components[kind] ??= {};
  if (components[kind][name]) return;
  components[kind][name] = {};
  components[kind][name] = strip(source.components[kind][name]);
}

const paths = {};
let shared = null;
for (const [path, method] of OPERATIONS) {
  const operation = source.paths[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the description`);
  const kept = strip(operation);
  for (const response of Object.values(kept.responses ?? {})) {
    response.description = '';
    const json = response.content?.['application/json'];
    if (json && path.includes('/rolling-release')) {
      const text = JSON.stringify(json.schema);
      if (shared !== null && shared !== text) throw new Error(`${path}: its rolling release document differs from the others'`);
      shared = text;
      json.schema = { $ref: `#/components/schemas/${SHARED}` };
    }
  }
  paths[path] = { ...paths[path], [method]: kept };
}
if (shared !== null) (components.schemas ??= {})[SHARED] = JSON.parse(shared);

const subset = {
  openapi: source.openapi,
  info: { title: `${source.info.title} (subset: the operations rollout-guard uses)`, version: source.info.version },
  servers: source.servers.map(({ url }) => ({ url })),
  paths,
  components,
};
process.stdout.write(`${JSON.stringify(subset, null, 2)}\n`);
