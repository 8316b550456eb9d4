import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Result, err, messageOf, ok } from '../../engine/result.js';
import { formatDuration } from '../../engine/units.js';
import type { LauncherClass } from './chrome-process.js';
import type { LighthouseApi } from './lighthouse-driver.js';
import { describeNpmFailure } from './npm-failure.js';
import { type NpmCommand, type NpmRunFailure, npmEnvironment, npmInstallArgs, runNpm } from './npm-run.js';
import { type InstallMarker, type RuntimeLock, type StorePlace, TOOL_NAME, checkModules, findComplete, makeStaging, publish, readRuntimeLock, removeAbandoned, removeOtherVersions, storePlace } from './runtime-store.js';

/**
 * Where Lighthouse comes from at run time.
 *
 * Why it is not bundled into dist/ (measured, Lighthouse 12.8.2 with ncc
 * 0.45.0): the bundle builds (9.9 MB) but cannot run from a copy of dist/
 * with no node_modules. Lighthouse reads its own files by paths computed
 * from its module location — locales/*.json, its package.json, the report
 * templates under ../../flow-report and ../../dist/report, which land
 * outside dist/<action>/ — and it injects page functions into Chrome by
 * their source text, which fails once bundled ("Could not determine esbuild
 * function wrapper name"). So the action installs the pinned versions once
 * into the runner's tool cache with npm (an argument array, no shell), from
 * the lockfile in runtime/ (201 packages, each with its resolved address and
 * integrity), and reuses that install in later steps and, where the tool
 * cache is kept or restored, in later jobs (docs/lighthouse-runtime.md); or
 * it uses an existing install named by the `lighthouse-path` input. LHCI's
 * assertion code and the HTML report template are bundled: they are plain
 * functions and two files.
 */
export const LIGHTHOUSE_VERSION = '12.8.2';
export const CHROME_LAUNCHER_VERSION = '1.2.1';

// ncc copies files referenced this way into dist/lighthouse-budget/; the path is the same from src/ and .build/.
const RUNTIME_PACKAGE = new URL('../../../src/sources/lighthouse/runtime/lighthouse-runtime.package.json', import.meta.url);
const RUNTIME_LOCK = new URL('../../../src/sources/lighthouse/runtime/lighthouse-runtime.package-lock.json', import.meta.url);
/**
 * npm's deadline by default (input `lighthouse-install-timeout`): several
 * times the slowest install measured (docs/lighthouse-runtime.md), so only a
 * registry or proxy that stopped answering reaches it.
 */
export const INSTALL_TIMEOUT_MS = 180_000;
/** Staging folders of killed installs older than this are removed. */
const ABANDONED_AFTER_MS = 6 * 60 * 60_000;
const FALLBACK = 'or set input `lighthouse-path` to a folder where lighthouse and chrome-launcher are installed';

/**
 * Where an install came from: the `lighthouse-path` input, npm just now, an
 * earlier step of this job, the tool cache of a self-hosted runner (an
 * earlier job), or a cache restore (actions/cache) on a GitHub-hosted one.
 */
export type InstallSource = 'lighthouse-path' | 'npm' | 'earlier-step' | 'tool-cache' | 'cache-restore';

/** A node_modules folder holding lighthouse and chrome-launcher. */
export interface LighthouseInstall {
  modules: string;
  version: string;
  source: InstallSource;
  /** The key under which a workflow can cache the install with actions/cache (docs/lighthouse-runtime.md); null for `lighthouse-path`. */
  cacheKey: string | null;
}

const readVersion = async (packageJson: string): Promise<string | null> => {
  try {
    return (JSON.parse(await readFile(packageJson, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
};

/** The `lighthouse-path` input: a project folder with node_modules, or a node_modules folder. */
export async function useExistingInstall(lighthousePath: string): Promise<Result<LighthouseInstall>> {
  for (const modules of [path.join(lighthousePath, 'node_modules'), lighthousePath]) {
    const version = await readVersion(path.join(modules, 'lighthouse', 'package.json'));
    if (version === null) continue;
    if (!existsSync(path.join(modules, 'chrome-launcher', 'package.json'))) return err(`input \`lighthouse-path\`: ${modules} has lighthouse but not chrome-launcher; install both`);
    return ok({ modules, version, source: 'lighthouse-path', cacheKey: null });
  }
  return err(`input \`lighthouse-path\`: no lighthouse package in ${path.join(lighthousePath, 'node_modules')} or ${lighthousePath}`);
}

/** The runtime lockfile that ships with the action, read and checked. */
export async function runtimeLock(): Promise<Result<RuntimeLock>> {
  const file = fileURLToPath(RUNTIME_LOCK);
  try {
    return readRuntimeLock(await readFile(file, 'utf8'), file);
  } catch (thrown) {
    return err(`cannot read the Lighthouse runtime lockfile ${file}: ${messageOf(thrown)}`);
  }
}

/**
 * The actions/cache key of an install: the tool, the runner's OS and
 * architecture as `runner.os`/`runner.arch` spell them (so a workflow's
 * restore key `rollout-guard-lighthouse-${{ runner.os }}-${{ runner.arch }}-`
 * matches it), and the install's version, which names the lockfile's hash.
 */
export function runtimeCacheKey(place: Pick<StorePlace, 'version'>, env: NodeJS.ProcessEnv): string {
  return `${TOOL_NAME}-${env.RUNNER_OS ?? process.platform}-${env.RUNNER_ARCH ?? process.arch}-${place.version}`;
}

/** How and where to install. */
export interface InstallPlan {
  /** Tool caches to keep the install in, in order of preference; the first that can be written is used (RUNNER_TOOL_CACHE, then a folder of RUNNER_TEMP). */
  toolCaches: string[];
  npm: NpmCommand | null;
  /** The step's environment; npm gets it without the step's inputs and the runner's credentials. */
  env: NodeJS.ProcessEnv;
  /** npm's deadline (input `lighthouse-install-timeout`). */
  timeoutMs: number;
  /** `<run id>/<attempt>/<job>`, recorded in the marker; null outside GitHub Actions. */
  installedBy: string | null;
  /** A GitHub-hosted runner: a complete install another job made can only have come from a cache restore, and other versions are removed after an install. */
  hosted: boolean;
  /** For what the log should know (a damaged install found, a cache that cannot be written). */
  note: (line: string) => void;
  /** The tool cache's architecture folder; process.arch by default, as @actions/tool-cache names it. */
  arch?: string;
}

/**
 * The pinned Lighthouse, from the tool cache when a complete install of this
 * lockfile is there (a previous step's, a self-hosted runner's earlier job's,
 * or one actions/cache restored), else installed with npm beside its place
 * and moved in, the marker written last.
 */
export async function installLighthouse(plan: InstallPlan): Promise<Result<LighthouseInstall>> {
  const lock = await runtimeLock();
  if (!lock.ok) return lock;
  // A complete install in any of the caches will do, even one this job cannot write (a runner image's).
  for (const toolCache of plan.toolCaches) {
    const kept = storePlace(toolCache, LIGHTHOUSE_VERSION, lock.value, plan.arch ?? process.arch);
    const found = await findComplete(kept, lock.value);
    if ('marker' in found) return ok({ modules: path.join(kept.folder, 'node_modules'), version: LIGHTHOUSE_VERSION, source: sourceOf(found.marker, plan), cacheKey: runtimeCacheKey(kept, plan.env) });
    if (found.problem !== null) plan.note(`not reusing the Lighthouse install in the tool cache: ${found.problem}; installing it again`);
  }
  const place = await writablePlace(plan, lock.value);
  if (!place.ok) return err(`cannot install Lighthouse ${LIGHTHOUSE_VERSION}: ${place.error}; ${FALLBACK}`);
  const cacheKey = runtimeCacheKey(place.value, plan.env);
  const modules = path.join(place.value.folder, 'node_modules');
  if (plan.npm === null) return err(`cannot install Lighthouse ${LIGHTHOUSE_VERSION}: no npm found beside node or on PATH; ${FALLBACK}`);

  let staging: string | undefined;
  try {
    await removeAbandoned(place.value, Date.now(), ABANDONED_AFTER_MS);
    staging = await makeStaging(place.value);
    const installed = await installInto(staging, plan.npm, plan, lock.value);
    if (!installed.ok) {
      await rm(staging, { recursive: true, force: true });
      return err(`could not install Lighthouse ${LIGHTHOUSE_VERSION} with npm into ${place.value.folder}: ${installed.error}; ${FALLBACK}`);
    }
    const marker: InstallMarker = { lighthouse: LIGHTHOUSE_VERSION, lockHash: lock.value.hash, installedBy: plan.installedBy, installedAt: new Date().toISOString() };
    const published = await publish(staging, place.value, lock.value, marker);
    if (!published.ok) {
      // The install is complete where npm made it: this job uses it there; the next one installs again.
      plan.note(`${published.error}; using it where it is`);
      return ok({ modules: path.join(staging, 'node_modules'), version: LIGHTHOUSE_VERSION, source: 'npm', cacheKey });
    }
  } catch (thrown) {
    // The file operations around npm (a tool cache that turned read-only, a disk that filled up).
    if (staging !== undefined) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    return err(`could not install Lighthouse ${LIGHTHOUSE_VERSION} into ${place.value.folder}: ${messageOf(thrown).split('\n')[0]}; ${FALLBACK}`);
  }
  if (plan.hosted) {
    const removed = await removeOtherVersions(place.value);
    if (removed.length > 0) plan.note(`removed other versions of ${TOOL_NAME} from the tool cache, so a cache saved from it holds this one alone: ${removed.join(', ')}`);
  }
  return ok({ modules, version: LIGHTHOUSE_VERSION, source: 'npm', cacheKey });
}

/** The first tool cache whose version folder can be made. */
async function writablePlace(plan: InstallPlan, lock: RuntimeLock): Promise<Result<StorePlace>> {
  const refused: string[] = [];
  for (const toolCache of plan.toolCaches) {
    const place = storePlace(toolCache, LIGHTHOUSE_VERSION, lock, plan.arch ?? process.arch);
    try {
      await mkdir(path.dirname(place.folder), { recursive: true });
      if (refused.length > 0) plan.note(`cannot write the tool cache (${refused.join('; ')}); installing into ${toolCache}`);
      return ok(place);
    } catch (thrown) {
      refused.push(`${path.dirname(place.folder)}: ${messageOf(thrown)}`);
    }
  }
  return err(`no tool cache folder can be written: ${refused.join('; ')}`);
}

async function installInto(staging: string, npm: NpmCommand, plan: InstallPlan, lock: RuntimeLock): Promise<Result<void>> {
  await copyFile(RUNTIME_PACKAGE, path.join(staging, 'package.json'));
  await copyFile(RUNTIME_LOCK, path.join(staging, 'package-lock.json'));
  const ran = await runNpm(npm, npmInstallArgs(staging), npmEnvironment(plan.env), plan.timeoutMs);
  if (!ran.ok) return err(explainNpmFailure(ran.error, plan.env, lock));
  // npm's exit code alone does not prove the install: check every package the lockfile pins.
  const missing = await checkModules(staging, lock);
  return missing === null ? ok(undefined) : err(`npm finished but ${missing}`);
}

/** The cause and what to do, in one line. */
function explainNpmFailure(failure: NpmRunFailure, env: NodeJS.ProcessEnv, lock: RuntimeLock): string {
  const registry = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
  if (failure.kind === 'deadline') {
    return `npm did not finish within ${formatDuration(failure.timeoutMs)} (input \`lighthouse-install-timeout\`) and was stopped: a registry or proxy that does not answer? check the runner's network, its proxy (HTTPS_PROXY, NO_PROXY) and npm's registry (npm_config_registry, .npmrc), or raise \`lighthouse-install-timeout\``;
  }
  const { failure: npmFailure } = failure;
  // npm's EINTEGRITY names the hash, not the package: the lockfile knows which package has it.
  const owner = npmFailure.kind === 'integrity' ? [...lock.byIntegrity].find(([integrity]) => npmFailure.detail?.includes(integrity))?.[1] : undefined;
  return describeNpmFailure(owner ? { ...npmFailure, detail: `${owner}: ${npmFailure.detail}` } : npmFailure, registry);
}

function sourceOf(marker: InstallMarker, plan: InstallPlan): InstallSource {
  if (marker.installedBy !== null && marker.installedBy === plan.installedBy) return 'earlier-step';
  return plan.hosted ? 'cache-restore' : 'tool-cache';
}

/**
 * What the driver needs of an install: chrome-launcher's Launcher, imported
 * here, and the file URLs of Lighthouse's modules, which are imported in a
 * worker thread (lighthouse-worker.ts). Both are loaded by file URL, outside
 * the bundle.
 */
export async function loadLighthouse(install: LighthouseInstall): Promise<Result<LighthouseApi>> {
  try {
    const entry = async (name: string, fallback: string) => {
      const manifest = JSON.parse(await readFile(path.join(install.modules, name, 'package.json'), 'utf8')) as { main?: string };
      return path.join(install.modules, name, manifest.main ?? fallback);
    };
    const lighthouse = await entry('lighthouse', 'core/index.js');
    const desktopConfig = path.join(install.modules, 'lighthouse', 'core', 'config', 'desktop-config.js');
    for (const file of [lighthouse, desktopConfig]) if (!existsSync(file)) return err(`cannot load Lighthouse from ${install.modules}: ${file} is missing`);
    const launcher = (await import(/* webpackIgnore: true */ pathToFileURL(await entry('chrome-launcher', 'dist/index.js')).href)) as { Launcher?: unknown };
    if (typeof launcher.Launcher !== 'function') return err(`cannot load Lighthouse from ${install.modules}: chrome-launcher has no Launcher class`);
    return ok({
      version: install.version,
      modules: install.modules,
      entries: { lighthouse: pathToFileURL(lighthouse).href, desktopConfig: pathToFileURL(desktopConfig).href },
      Launcher: launcher.Launcher as LauncherClass,
    });
  } catch (thrown) {
    return err(`cannot load Lighthouse from ${install.modules}: ${messageOf(thrown).split('\n')[0]}`);
  }
}
