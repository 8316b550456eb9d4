// Builds every action: tsc to JavaScript first (ncc's own TypeScript loader
// breaks on TypeScript 7's native port, so we never depend on it), then one
// ncc bundle per action into dist/<name>/ (ESM, licenses included).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');

rmSync(path.join(root, '.build'), { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

const actions = readdirSync(path.join(root, 'src', 'actions')).filter((name) =>
  existsSync(path.join(root, 'src', 'actions', name, 'index.ts')),
);
for (const name of actions) {
  const entry = path.join(root, '.build', 'actions', name, 'index.js');
  const target = path.join(outDir, name);
  rmSync(target, { recursive: true, force: true });
  execFileSync(bin('ncc'), ['build', entry, '-o', target, '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], {
    stdio: 'inherit',
    cwd: root,
  });
  // ncc writes {"type":"module"} only sometimes; the runner needs it to load the ESM bundle.
  writeFileSync(path.join(target, 'package.json'), '{\n  "type": "module"\n}\n');
  console.log(`built dist/${name}/index.js`);
}
