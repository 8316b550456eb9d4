/**
 * The runner operating systems rollout-guard runs commands on: Linux and
 * macOS. On Windows, running without a shell finds no `.cmd` shims (`npm`,
 * `vercel` are `npm.cmd`, `vercel.cmd` there; Node refuses to spawn those
 * without a shell since its fix for CVE-2024-27980), and a timeout could
 * kill only the command, not the processes it started. Rather than half
 * work, every input that names a command is refused there, before anything
 * runs or moves; the rest of each action (metrics, health checks, flags,
 * Vercel, GitHub) works on any runner.
 */

/** Why `what` (an input or check that runs a command) cannot run on `platform`, or null when it can. */
export function commandPlatformProblem(what: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'win32') return null;
  return `${what} runs a command, and rollout-guard runs commands on Linux and macOS runners only, not on Windows: run this job on ubuntu-latest or macos-latest`;
}
