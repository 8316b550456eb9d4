import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readCanaryInputs } from '../../../src/actions/canary-promote/inputs.js';
import { openStateStore } from '../../../src/actions/canary-promote/store.js';
import { type TickLog, type TickOutcome, runTick } from '../../../src/actions/canary-promote/tick.js';
import { loadAnalysis } from '../../../src/actions/shared/metric-samples.js';
import type { StateStore } from '../../../src/state/state-store.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { T0, type Workdir } from './support.js';

/**
 * Runs one tick as `main.ts` does, from inputs as the runner gives them, with
 * real adapters (the file state store, the `file` metric source, a command
 * target), and a log that records lines instead of printing them.
 */
export function recorder(): TickLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => void lines.push(message),
    warning: (message) => void lines.push(`warning: ${message}`),
    group: async (name, body) => (lines.push(`[${name}]`), body()),
  };
}

export interface TickOptions {
  /** Wraps the file store, e.g. to replay a stale read. */
  wrapStore?: (store: StateStore) => StateStore;
  /** Wraps the traffic target, e.g. to let another run act while a move is under way. */
  wrapTarget?: (target: TrafficTarget, store: StateStore) => TrafficTarget;
  env?: Record<string, string>;
}

export async function tick(work: Workdir, inputs: Record<string, string>, options: TickOptions = {}): Promise<TickOutcome & { log: string[] }> {
  const given: Record<string, string> = { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand, ...inputs };
  const parsed = readCanaryInputs((name) => given[name] ?? '', { workspace: work.dir, env: { PATH: process.env.PATH } }, () => new Date(T0));
  const analysis = await loadAnalysis(parsed.analysis, work.dir, {}, 'canary', true);
  const store = await openStateStore(parsed.state, undefined, work.dir, {});
  const log = recorder();
  const request = { key: parsed.environment, plan: parsed.plan, given: parsed.given, sha: options.env?.GITHUB_SHA, now: parsed.now, dryRun: parsed.dryRun };
  const target = parsed.target && options.wrapTarget ? options.wrapTarget(parsed.target, store) : parsed.target;
  const outcome = await runTick(request, { store: options.wrapStore?.(store) ?? store, target, analysis, log });
  return { ...outcome, log: log.lines };
}

export const trafficLog = async (work: Workdir): Promise<string[]> => (existsSync(work.trafficLog) ? (await readFile(work.trafficLog, 'utf8')).trim().split('\n') : []);
export const brief = (outcome: TickOutcome) => {
  const { decision, position, failure } = outcome.standing;
  return [decision, position?.previousWeight, position?.weight, position?.step, failure];
};

