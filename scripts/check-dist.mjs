// Fails when the committed dist/ differs from a fresh build (as
// actions/typescript-action's check-dist workflow does): the runner executes
// dist/, so a stale bundle would ship code nobody reviewed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fresh = mkdtempSync(path.join(os.tmpdir(), 'rollout-guard-dist-'));
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), fresh], { stdio: 'inherit', cwd: root });

const list = (dir, prefix = '') =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? list(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
const committed = path.join(root, 'dist');
const a = new Set(list(committed));
const b = new Set(list(fresh));
const differences = [];
for (const file of new Set([...a, ...b])) {
  if (!a.has(file)) differences.push(`missing from dist/: ${file}`);
  else if (!b.has(file)) differences.push(`not produced by the build: dist/${file}`);
  else if (!readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file)))) differences.push(`stale: dist/${file}`);
}
rmSync(fresh, { recursive: true, force: true });
if (differences.length > 0) {
  console.error(`dist/ does not match a fresh build (run \`npm run build\` and commit dist/):\n  ${differences.join('\n  ')}`);
  process.exit(1);
}
console.log('dist/ matches a fresh build');
