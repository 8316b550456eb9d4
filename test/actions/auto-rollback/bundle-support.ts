import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Helpers for the auto-rollback bundle tests: a recording traffic command, metrics files, the report. */
export interface ReportShape {
  decision: string;
  summary: string;
  checks: Array<{ name: string; type: string; status: string; value: unknown; samples: number | null; message: string; evidence: Record<string, unknown> }>;
}

export const readReport = async (file: string | undefined): Promise<ReportShape> => JSON.parse(await readFile(file!, 'utf8')) as ReportShape;

/**
 * A traffic command that records each call (one JSON line of its arguments)
 * in `<dir>/traffic.log` and exits with `exit`.
 */
export async function recordingCommand(dir: string, name = 'traffic', exit = 0, say = ''): Promise<{ argv: string; calls: () => Promise<string[][]> }> {
  const script = path.join(dir, `${name}.mjs`);
  const log = path.join(dir, `${name}.log`);
  await writeFile(
    script,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n${say ? `console.error(${JSON.stringify(say)});\n` : ''}process.exit(${exit});\n`,
  );
  return {
    argv: script,
    calls: async () => {
      const text = await readFile(log, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]);
    },
  };
}

/** A flat metrics document of the live version: per-interval requests and errors. */
export function ratioDocument(errors: number[], requests = 100, interval = '1m'): string {
  return JSON.stringify({ interval, requests: errors.map(() => requests), errors });
}

export const ERROR_RATE_ANALYSIS = (metricsFile: string, rule = 'consecutive: 3'): string => `source: { type: file, path: ${metricsFile} }
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    ${rule}
`;
