// Builds every action: tsc to JavaScript first (ncc's own TypeScript loader
// breaks on TypeScript 7's native port, so we never depend on it), then one
// ncc bundle per action into dist/<name>/ (ESM, licenses included).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');
// tsc writes to a fixed folder inside the repo: ncc resolves node_modules from
// the entry's location and writes its path into the bundle, so a random or
// outside folder would make dist/ differ from build to build.
const compiled = path.join(root, '.build');
const lock = path.join(root, '.build.lock');

acquire(lock);
try {
  rmSync(compiled, { recursive: true, force: true });
  execFileSync(bin('tsc'), ['-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  const actions = readdirSync(path.join(root, 'src', 'actions')).filter((name) => existsSync(path.join(root, 'src', 'actions', name, 'index.ts')));
  for (const name of actions) {
    const target = path.join(outDir, name);
    rmSync(target, { recursive: true, force: true });
    const stats = path.join(compiled, `${name}.stats.json`);
    execFileSync(bin('ncc'), ['build', path.join(compiled, 'actions', name, 'index.js'), '-o', target, '--stats-out', stats, '--quiet', '--target', 'es2022'], {
      stdio: 'inherit',
      cwd: root,
    });
    // ncc's own --license lists only the last chunk's packages once the
    // bundle is split (Octokit loads lazily), so the notice is built from
    // webpack's stats: every package whose code is in any chunk.
    writeFileSync(path.join(target, 'licenses.txt'), licenseNotice(JSON.parse(readFileSync(stats, 'utf8'))));
    // The runner loads index.js as ESM only with this beside it.
    writeFileSync(path.join(target, 'package.json'), '{\n  "type": "module"\n}\n');
    console.log(`built ${path.relative(root, target) || target}/index.js`);
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}

/** Each bundled package's name, version, license and license text, sorted. */
function licenseNotice(stats) {
  const packageDirs = new Set();
  const walk = (modules) => {
    for (const module of modules ?? []) {
      const id = module.name ?? '';
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(id.replace(/^\.\//, ''));
      if (match) packageDirs.add(match[1]);
      walk(module.modules);
    }
  };
  walk(stats.modules);
  for (const chunk of stats.chunks ?? []) walk(chunk.modules);
  const entries = [...packageDirs]
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
      const licenseFile = readdirSync(path.join(root, dir)).find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file));
      const text = licenseFile ? readFileSync(path.join(root, dir, licenseFile), 'utf8').trim() : '(no license file in the package)';
      return { key: `${manifest.name}@${manifest.version}`, body: `${manifest.name}@${manifest.version}\n${manifest.license ?? 'UNKNOWN'}\n${text}\n` };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  const unique = entries.filter((entry, i) => i === 0 || entries[i - 1].key !== entry.key);
  return unique.map((entry) => entry.body).join('\n');
}

/** Two builds at once (a watcher and check-dist) would share .build/; the second waits. */
function acquire(dir) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(dir);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${dir} has been held for 5 minutes; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}
