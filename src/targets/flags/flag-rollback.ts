import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import type { SourceFault } from '../../sources/source-fault.js';
import type { PlatformRollback, PlatformRollbackRequest, RollbackTarget, RollbackTargetKind } from '../rollback-target.js';
import { FLAG_INPUTS, type FlagService, type FlagServiceKind } from './flag-service.js';
import { FLAG_SERVICES, FLAG_SERVICE_KINDS } from './services.js';

/**
 * `rollback-target: flag`: the kill switch. A breach turns the flag off in
 * its environment (nothing else about it changes), which takes effect at the
 * SDKs' next poll or stream event, with no redeploy; the flag is read back
 * off. `flag-service` names the service; the other inputs are the flag
 * target's of canary-promote.
 */
export const FLAG_ROLLBACK_KIND = 'flag';
export const FLAG_SERVICE_INPUT = 'flag-service';

interface FlagRollbackConfig {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the chosen service's own config
  service: FlagServiceKind<any>;
  config: unknown;
}

const schema: z.ZodType<FlagRollbackConfig> = z
  .looseObject({ [FLAG_SERVICE_INPUT]: z.string().pipe(z.enum(FLAG_SERVICE_KINDS as [string, ...string[]], { error: `must be one of ${FLAG_SERVICE_KINDS.join(', ')}` })) })
  .transform((raw, context) => {
    const service = FLAG_SERVICES[raw[FLAG_SERVICE_INPUT]]!;
    const own = Object.fromEntries(Object.entries(raw).filter(([name]) => name !== FLAG_SERVICE_INPUT));
    const stray = Object.keys(own).filter((name) => !(service.inputs as readonly string[]).includes(name));
    for (const name of stray) context.addIssue({ code: 'custom', path: [name], message: `does not apply to flag-service ${service.kind}; remove it` });
    const parsed = service.schema.safeParse(own, { reportInput: true });
    // The service's own issues, kind and input kept, so a missing input reads "is required" as for any other.
    if (!parsed.success) for (const issue of parsed.error.issues) context.addIssue(issue as never);
    return { service, config: parsed.success ? parsed.data : null };
  });

export const flagRollbackTarget: RollbackTargetKind<FlagRollbackConfig> = {
  kind: FLAG_ROLLBACK_KIND,
  inputs: [FLAG_SERVICE_INPUT, ...FLAG_INPUTS],
  schema,
  create: ({ service, config }, context) => new FlagKillSwitch(service.create(config, context.http ?? {})),
};

class FlagKillSwitch implements RollbackTarget {
  readonly kind = FLAG_ROLLBACK_KIND;

  constructor(private readonly service: FlagService) {}

  describe(): string {
    return this.service.describe();
  }

  async rollBack(request: PlatformRollbackRequest): Promise<Result<PlatformRollback, SourceFault>> {
    const started = performance.now();
    const before = await this.service.read();
    if (!before.ok) return before;
    const restored = { id: 'flag off', url: null };
    const result = (calls: string[], verification: PlatformRollback['verification'], alreadyRestored: boolean): PlatformRollback => ({
      target: this.describe(),
      restored,
      alreadyRestored,
      dryRun: request.dryRun === true,
      calls,
      verification,
      durationMs: Math.round(performance.now() - started),
    });
    if (!before.value.enabled) return ok(result([], { passed: true, detail: `the flag is already off (${before.value.detail})` }, true));
    if (request.dryRun) return ok(result([], { passed: true, detail: `would turn the flag off (now ${before.value.detail})` }, false));
    const done = await this.service.turnOff(before.value);
    if (!done.ok) return done;
    const after = await this.service.read();
    const calls = done.value.map((call) => `${call.label} → ${call.status ?? 'no answer'}`);
    if (!after.ok) return ok(result(calls, { passed: false, detail: `could not read the flag back: ${after.error.message}` }, false));
    return ok(result(calls, { passed: !after.value.enabled, detail: `the flag reads back ${after.value.detail}` }, false));
  }
}
