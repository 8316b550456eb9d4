import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Result, err, messageOf, ok } from '../../engine/result.js';
import type { LauncherClass } from './chrome-process.js';
import type { LighthouseApi } from './lighthouse-driver.js';

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
 * per job into RUNNER_TEMP with npm (an argument array, no shell), from the
 * lockfile in runtime/ (201 packages, each with its resolved address and integrity; 4–5 s from a warm npm cache here, 13–23 s from a cold one), or
 * uses an existing install named by the `lighthouse-path` input. LHCI's
 * assertion code and the HTML report template are bundled: they are plain
 * functions and two files.
 */
export const LIGHTHOUSE_VERSION = '12.8.2';
export const CHROME_LAUNCHER_VERSION = '1.2.1';

// ncc copies files referenced this way into dist/lighthouse-budget/; the path is the same from src/ and .build/.
const RUNTIME_PACKAGE = new URL('../../../src/sources/lighthouse/runtime/lighthouse-runtime.package.json', import.meta.url);
const RUNTIME_LOCK = new URL('../../../src/sources/lighthouse/runtime/lighthouse-runtime.package-lock.json', import.meta.url);
const INSTALLED_MARKER = '.rollout-guard-installed';
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** A node_modules folder holding lighthouse and chrome-launcher. */
export interface LighthouseInstall {
  modules: string;
  version: string;
  /** How it was found, for the log. */
  source: 'lighthouse-path' | 'installed' | 'reused';
}

/** An npm to run without a shell: node plus npm's own npm-cli.js. */
export interface NpmCommand {
  file: string;
  args: string[];
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
    return ok({ modules, version, source: 'lighthouse-path' });
  }
  return err(`input \`lighthouse-path\`: no lighthouse package in ${path.join(lighthousePath, 'node_modules')} or ${lighthousePath}`);
}

/** npm-cli.js beside this node (the Node.js layouts for Unix and Windows), else beside an npm on PATH. */
export function findNpm(execPath: string, env: NodeJS.ProcessEnv, exists: (file: string) => boolean = existsSync): NpmCommand | null {
  const dirs = [path.dirname(execPath), ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  const candidates = dirs.flatMap((dir) => [path.join(dir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), path.join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js')]);
  const cli = candidates.find(exists);
  return cli ? { file: execPath, args: [cli] } : null;
}

/** The npm arguments: the lockfile's versions, no install scripts (none is needed), quiet. */
export function npmInstallArgs(prefix: string): string[] {
  return ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
}

/**
 * Installs the pinned Lighthouse into `root`, or reuses an install a
 * previous step of the job completed there (the marker is written last, so a
 * half-finished install is redone).
 */
export async function installLighthouse(root: string, npm: NpmCommand | null, env: NodeJS.ProcessEnv): Promise<Result<LighthouseInstall>> {
  const prefix = path.join(root, `lighthouse-${LIGHTHOUSE_VERSION}`);
  const modules = path.join(prefix, 'node_modules');
  const fallback = 'set input `lighthouse-path` to a folder where lighthouse and chrome-launcher are installed';
  if (existsSync(path.join(prefix, INSTALLED_MARKER)) && (await readVersion(path.join(modules, 'lighthouse', 'package.json'))) === LIGHTHOUSE_VERSION) {
    return ok({ modules, version: LIGHTHOUSE_VERSION, source: 'reused' });
  }
  if (npm === null) return err(`cannot install Lighthouse ${LIGHTHOUSE_VERSION}: no npm found beside node or on PATH; ${fallback}`);
  await mkdir(prefix, { recursive: true });
  await copyFile(RUNTIME_PACKAGE, path.join(prefix, 'package.json'));
  await copyFile(RUNTIME_LOCK, path.join(prefix, 'package-lock.json'));
  const installed = await runNpm(npm, npmInstallArgs(prefix), env);
  if (!installed.ok) return err(`could not install Lighthouse ${LIGHTHOUSE_VERSION} with npm into ${prefix}: ${installed.error}; ${fallback}`);
  const version = await readVersion(path.join(modules, 'lighthouse', 'package.json'));
  if (version !== LIGHTHOUSE_VERSION) return err(`npm finished but ${modules} has lighthouse ${version ?? 'missing'}, not ${LIGHTHOUSE_VERSION}; ${fallback}`);
  await writeFile(path.join(prefix, INSTALLED_MARKER), `${LIGHTHOUSE_VERSION}\n`);
  return ok({ modules, version, source: 'installed' });
}

function runNpm(npm: NpmCommand, args: string[], env: NodeJS.ProcessEnv): Promise<Result<void>> {
  return new Promise((resolve) => {
    execFile(npm.file, [...npm.args, ...args], { env, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve(ok(undefined));
      const lastLine = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !/Unknown (user|env) config/.test(line)).at(-1);
      resolve(err(lastLine ?? messageOf(error).split('\n')[0] ?? 'npm failed'));
    });
  });
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
