import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { type Result, ok, messageOf } from '../engine/result.js';
import { type SourceFault, fault } from '../sources/source-fault.js';
import { parseArgList } from './arg-list.js';
import { replaceFile, restoreFile } from './atomic-file.js';
import { type UpstreamLayout, canaryShare, parseUpstream, renderUpstream } from './nginx-upstream.js';
import { type StepOptions, runStep, stepFailure } from './run-step.js';
import {
  type TargetContext,
  type TrafficChange,
  type TrafficFault,
  type TrafficStep,
  type TrafficTarget,
  type TrafficTargetKind,
  type WeightRequest,
  checkWeight,
  definedEnv,
} from './traffic-target.js';

/**
 * The `nginx` target: rewrites a weighted upstream file, checks the
 * whole config with `nginx -t`, and reloads. nginx's smooth weighted
 * round-robin then splits requests by those weights. Your config includes the
 * file inside `http { }` and proxies to the upstream by name:
 *
 * ```nginx
 * http {
 *     include /etc/nginx/rollout/app-upstream.conf;   # upstream-file; rollout-guard owns it
 *     server {
 *         listen 80;
 *         location / { proxy_pass http://app; }     # upstream-name: app
 *     }
 * }
 * ```
 * Do not include it through a glob that also matches `<file>.bak` (the kept
 * previous version), such as Debian's `sites-enabled/*`. When the runner's
 * user may not signal nginx, run it through sudo: `nginx-bin: sudo`,
 * `nginx-args: ["-n", "/usr/sbin/nginx"]`. A change nginx rejects is undone: the previous file is
 * put back and nothing is reloaded, so traffic stays as it was.
 */
export const NGINX_KIND = 'nginx';

export interface NginxTargetConfig extends UpstreamLayout {
  /** The file nginx includes; relative paths resolve in the workspace. */
  upstreamFile: string;
  /** The nginx program; default `nginx` on PATH. */
  nginxBin: string;
  /** Given before `-t` and `-s reload`, e.g. `["-p", "/srv/nginx", "-c", "conf/nginx.conf"]`. */
  nginxArgs: string[];
}

/** A single token, so a value cannot add a parameter or a directive to the file. */
const address = z.string().regex(/^[^\s;{}#'"\\]+$/, { error: 'must be one address such as 127.0.0.1:8001 or unix:/run/app.sock (no spaces, ;, braces, # or quotes)' });

const configSchema = z
  .strictObject({
    'upstream-file': z.string(),
    'upstream-name': z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be the upstream name your `proxy_pass http://<name>` uses (letters, digits, _ . -)' }),
    'stable-server': address,
    'canary-server': address,
    'nginx-bin': z.string().default('nginx'),
    'nginx-args': z.string().default('[]'),
  })
  .refine((raw) => raw['stable-server'] !== raw['canary-server'], { error: 'must differ from `stable-server`: each version needs its own server', path: ['canary-server'] })
  .transform((raw, context): NginxTargetConfig => {
    const nginxArgs = parseArgList(raw['nginx-args'], { allowEmpty: true });
    if (!nginxArgs.ok) {
      context.addIssue({ code: 'custom', message: nginxArgs.error, path: ['nginx-args'] });
      return z.NEVER;
    }
    return {
      upstreamFile: raw['upstream-file'],
      name: raw['upstream-name'],
      stableServer: raw['stable-server'],
      canaryServer: raw['canary-server'],
      nginxBin: raw['nginx-bin'],
      nginxArgs: nginxArgs.value,
    };
  });

export const nginxTarget: TrafficTargetKind<NginxTargetConfig> = {
  kind: NGINX_KIND,
  inputs: ['upstream-file', 'upstream-name', 'stable-server', 'canary-server', 'nginx-bin', 'nginx-args'],
  runsCommands: 'traffic-target `nginx` (`nginx -t`, `nginx -s reload`)',
  schema: configSchema,
  create: (config, timeoutMs, context) => new NginxTarget(config, timeoutMs, context),
};

/** The line of nginx's output that says what is wrong (`[emerg] host not found…`), else the step's own summary. */
function nginxProblem(step: TrafficStep, timeoutMs: number): string | null {
  const summary = stepFailure(step, timeoutMs);
  if (summary === null) return null;
  const reason = step.outcome?.tail.find((line) => /\[(emerg|alert|crit|error)\]/.test(line));
  return reason ? `${step.name} failed: ${reason.trim()}` : summary;
}

class NginxTarget implements TrafficTarget {
  readonly kind = NGINX_KIND;
  private readonly file: string;
  private readonly options: StepOptions;

  constructor(
    private readonly config: NginxTargetConfig,
    private readonly timeoutMs: number,
    context: TargetContext,
  ) {
    this.file = path.resolve(context.workspace, config.upstreamFile);
    this.options = { cwd: context.workspace, env: definedEnv(context.env), timeoutMs };
  }

  describe(): string {
    return `nginx upstream ${this.config.name} in ${this.config.upstreamFile}`;
  }

  async setWeight(request: WeightRequest): Promise<Result<TrafficChange, TrafficFault>> {
    const weight = checkWeight(request.canaryWeight);
    if (!weight.ok) return weight;
    const started = performance.now();
    const content = renderUpstream(this.config, request);
    const { nginxBin, nginxArgs } = this.config;
    const commands = { test: ['nginx -t', [nginxBin, ...nginxArgs, '-t']], reload: ['reload', [nginxBin, ...nginxArgs, '-s', 'reload']] } as const;
    const change = (steps: TrafficStep[], backup: string | null, verification: TrafficChange['verification']): TrafficChange => ({
      target: this.describe(),
      canaryWeight: request.canaryWeight,
      stableWeight: 100 - request.canaryWeight,
      dryRun: request.dryRun === true,
      steps,
      file: { path: this.file, content, backup },
      verification,
      durationMs: Math.round(performance.now() - started),
    });
    if (request.dryRun) {
      const planned = Object.values(commands).map(([name, argv]) => ({ name, argv: [...argv], outcome: null }));
      return ok(change(planned, null, null));
    }
    const written = await replaceFile(this.file, content);
    if (!written.ok) return written;
    const steps: TrafficStep[] = [];
    for (const [name, argv] of Object.values(commands)) {
      const failure = await this.runOrUndo(name, [...argv], steps, written.value.backup);
      if (failure) return { ok: false, error: failure };
    }
    return ok(change(steps, written.value.backup, await this.verify(request.canaryWeight)));
  }

  /**
   * Runs one step; when it fails, puts the previous file back so the file on
   * disk matches what nginx serves (nothing was reloaded), and returns why.
   */
  private async runOrUndo(name: string, argv: string[], steps: TrafficStep[], backup: string | null): Promise<TrafficFault | null> {
    const step = await runStep(name, argv, this.options);
    if (step.ok) steps.push(step.value);
    const problem = step.ok ? nginxProblem(step.value, this.timeoutMs) : step.error.message;
    if (problem === null) return null;
    const restored = await restoreFile(this.file, backup);
    const undone = restored.ok
      ? `${backup ? `restored the previous ${this.config.upstreamFile}` : `removed ${this.config.upstreamFile} (there was none before)`}; traffic unchanged`
      : `could not undo: ${restored.error.message}`;
    // A rejected config is the user's to fix; a reload that could not signal nginx, or a hang, is the infrastructure's.
    const kind = !step.ok ? step.error.kind : name === 'nginx -t' && !step.value.outcome?.timedOut ? 'config' : 'provider';
    return { kind, message: `${this.describe()}: ${problem}; ${undone}`, steps };
  }

  /**
   * Reads the file back. `-s reload` returns once the master is signalled;
   * the master then starts new workers and, 100 ms later (its fixed pause),
   * tells the old ones to stop accepting, so the new split holds from about
   * then. Watching for that needs the master's process tree, which a remote or
   * sudo-run nginx does not give us; the rollout's bake time is far longer.
   */
  private async verify(canaryWeight: number): Promise<TrafficChange['verification']> {
    const current = await this.currentWeight();
    const readBack = current.ok ? `${String(current.value)}%` : current.error.message;
    return {
      passed: current.ok && current.value === canaryWeight,
      detail: `nginx -t passed and reload was signalled; ${this.config.upstreamFile} reads back canary ${readBack} (expected ${canaryWeight}%)`,
    };
  }

  async currentWeight(): Promise<Result<number | null, SourceFault>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (thrown) {
      if ((thrown as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
      return fault('config', `cannot read ${this.config.upstreamFile}: ${messageOf(thrown)}`);
    }
    const servers = parseUpstream(text, this.config.name);
    if (!servers.ok) return fault('malformed', `${this.config.upstreamFile}: ${servers.error}`);
    return ok(canaryShare(servers.value, this.config.canaryServer));
  }
}
