import { readFile } from 'node:fs/promises';

/** The webhook payload the runner wrote to GITHUB_EVENT_PATH; `{}` when there is none (local runs). */
export async function readEventPayload(eventPath: string | undefined): Promise<unknown> {
  if (!eventPath) return {};
  try {
    return JSON.parse(await readFile(eventPath, 'utf8')) as unknown;
  } catch {
    return {};
  }
}
