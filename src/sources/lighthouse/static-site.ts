import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Result, err, ok } from '../../engine/result.js';

/**
 * `ci.collect.staticDistDir` as `lhci collect` treats it: the folder is
 * served on a free local port for the collection, and the pages to measure
 * are either `url` (paths on that server) or, without `url`, found by
 * autodiscovery: the folder's `.html`/`.htm` files, the top folder's first,
 * then each subfolder's down to `staticDirFileDiscoveryDepth` levels,
 * skipping folders whose name holds a dot and dependency folders, minus
 * `autodiscoverUrlBlocklist`, the first `maxAutodiscoverUrls` of them. One
 * deliberate difference: names are taken in sorted order, where LHCI takes
 * them in the file system's order (hash order on ext4), so which five pages
 * are measured does not change from one machine to the next.
 */

/** The host LHCI's URLs name: the LHRs' URLs, an assertMatrix's patterns and an LHCI server's history then match `lhci collect`'s. */
export const STATIC_HOST = 'localhost';

/** Folders LHCI never looks into for pages. */
const IGNORED_FOLDERS = new Set(['node_modules', 'bower_components', 'jspm_packages', 'web_modules', 'tmp']);

/** The HTML files under `dir`, as paths relative to it with `/`, in LHCI's order (files before subfolders). */
export async function discoverHtmlFiles(dir: string, depth: number): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files = entries.filter((entry) => entry.isFile() && /\.html?$/.test(entry.name)).map((entry) => entry.name);
  if (depth === 0) return files;
  for (const folder of entries.filter((entry) => entry.isDirectory() && !entry.name.includes('.') && !IGNORED_FOLDERS.has(entry.name))) {
    const nested = await discoverHtmlFiles(path.join(dir, folder.name), depth - 1).catch(() => []);
    files.push(...nested.map((file) => `${folder.name}/${file}`));
  }
  return files;
}

/** A URL or path of `ci.collect.url` on the static server, as LHCI resolves it (against `http://localhost`, the port replaced). */
export function staticUrl(written: string, port: number): Result<string> {
  let url: URL;
  try {
    url = new URL(written, `http://${STATIC_HOST}`);
  } catch {
    return err(`\`${written}\` is not a URL or path`);
  }
  // LHCI would keep any other host and give it the server's port: a page that is not the folder's.
  if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    return err(`\`${written}\` is not a page of staticDistDir: give a path such as /about.html (or http://localhost/about.html)`);
  }
  url.port = String(port);
  return ok(url.href);
}

export interface Discovery {
  maxUrls: number;
  blocklist: readonly string[];
}

/** The autodiscovered pages' URLs: the blocklist (paths or localhost URLs, as LHCI normalises them) removed, then the first `maxUrls`. */
export function discoveredUrls(files: readonly string[], port: number, discovery: Discovery): string[] {
  const origin = `http://${STATIC_HOST}:${port}`;
  const blocked = new Set(
    discovery.blocklist.map((written) => {
      try {
        const url = new URL(written, `http://${STATIC_HOST}`);
        url.port = String(port);
        return url.href;
      } catch {
        return written;
      }
    }),
  );
  return files
    .map((file) => new URL(file, `${origin}/`).href)
    .filter((url) => !blocked.has(url))
    .slice(0, discovery.maxUrls);
}
