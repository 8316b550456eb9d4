import { readFile } from 'node:fs/promises';

/**
 * The standalone HTML report of an LHR, as Lighthouse's
 * `ReportGenerator.generateReportHtml` (lighthouse/report/generator/report-generator.js,
 * Apache-2.0) writes it: the report template with the renderer and the JSON
 * inlined. The two files come from the repository's Lighthouse 12.8.2 and
 * ncc copies them into dist/, so evaluating saved results needs no
 * Lighthouse install.
 */
const TEMPLATE = new URL('../../../node_modules/lighthouse/report/assets/standalone-template.html', import.meta.url);
const RENDERER = new URL('../../../node_modules/lighthouse/dist/report/standalone.js', import.meta.url);

let assets: Promise<{ template: string; renderer: string }> | undefined;

/** Serialises JSON for a <script> block: no `<`, and no line separators, which end a JS string. */
function sanitizeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export async function renderHtmlReport(lhr: unknown): Promise<string> {
  assets ??= Promise.all([readFile(TEMPLATE, 'utf8'), readFile(RENDERER, 'utf8')]).then(([template, renderer]) => ({ template, renderer }));
  const { template, renderer } = await assets;
  const replacements: Record<string, string> = {
    '%%LIGHTHOUSE_JSON%%': sanitizeJson(lhr),
    '%%LIGHTHOUSE_JAVASCRIPT%%': renderer.replace(/<\//g, '\\u003c/'),
  };
  // One pass, so a placeholder inside the inserted JSON or script is never replaced in turn.
  return template.replace(/%%LIGHTHOUSE_(JSON|JAVASCRIPT)%%/g, (placeholder) => replacements[placeholder] ?? placeholder);
}
