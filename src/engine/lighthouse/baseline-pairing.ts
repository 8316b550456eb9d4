import { type Result, err, ok } from '../result.js';

/**
 * Which baseline page each target page is compared with. A preview
 * deployment and production differ in host, not path, so one baseline
 * origin serves every target by path: `https://pr-7.preview.example.com/pricing`
 * is compared with `https://www.example.com/pricing`.
 */

const pathOf = (url: URL): string => `${url.pathname}${url.search}`;

/**
 * Pairs the `baseline-url` lines with the `urls` lines: one line each, one
 * baseline per target in order, or a single baseline origin (no path) that
 * each target's path is rebased on. A single baseline with a path serves a
 * single target only: it cannot stand for several pages.
 */
export function pairBaselineUrls(targets: readonly string[], baselines: readonly string[]): Result<Map<string, string>> {
  if (baselines.length === targets.length) return ok(new Map(targets.map((target, i) => [target, baselines[i]!])));
  if (baselines.length !== 1) return err(`give one baseline-url per line of urls (${targets.length}), or one origin such as https://www.example.com; got ${baselines.length}`);
  const origin = new URL(baselines[0]!);
  if (pathOf(origin) !== '/') return err(`with ${targets.length} urls, baseline-url must be an origin such as ${origin.origin} (each URL's path is compared on it), got ${baselines[0]}`);
  return ok(new Map(targets.map((target) => [target, new URL(pathOf(new URL(target)), origin).href])));
}

/**
 * The baseline URL (among those in baseline results) for a target URL: the
 * same URL, else the same path and query on another host, else the only
 * baseline when both sides have one URL. Null when none matches.
 */
export function matchBaselineUrl(target: string, targets: readonly string[], baselines: readonly string[]): string | null {
  if (baselines.includes(target)) return target;
  const targetPath = safePath(target);
  const samePath = baselines.filter((url) => targetPath !== null && safePath(url) === targetPath);
  if (samePath.length === 1) return samePath[0]!;
  return targets.length === 1 && baselines.length === 1 ? baselines[0]! : null;
}

function safePath(url: string): string | null {
  try {
    return pathOf(new URL(url));
  } catch {
    return null;
  }
}
