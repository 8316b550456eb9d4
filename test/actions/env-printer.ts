import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A command that prints its whole environment, as `env` would, and keeps a
 * copy in a file, so a test can show both what the child saw and what of
 * its output reached the report.
 */
export async function envPrinter(dir: string, name: string): Promise<{ argv: string[]; seen: () => Promise<Record<string, string>> }> {
  const script = path.join(dir, `${name}.mjs`);
  const copy = path.join(dir, `${name}.env.json`);
  await writeFile(
    script,
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(copy)}, JSON.stringify(process.env));\nfor (const [k, v] of Object.entries(process.env)) console.log(k + '=' + v);\n`,
  );
  return { argv: [process.execPath, script], seen: async () => JSON.parse(await readFile(copy, 'utf8')) as Record<string, string> };
}
