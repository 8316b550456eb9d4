import { performance } from 'node:perf_hooks';
import { type Result, ok } from '../../engine/result.js';
import type { SourceFault } from '../../sources/source-fault.js';
import { type TrafficChange, type TrafficFault, type TrafficStep, type TrafficTarget, type TrafficTargetKind, type WeightRequest, checkWeight } from '../traffic-target.js';
import { type FlagCall, type FlagService, type FlagServiceKind, servedShare } from './flag-service.js';

/**
 * A flag service as canary-promote's traffic target: the step's weight is
 * the flag's percentage rollout, 100% serves everyone, 0% serves nobody.
 * Every change is read back from the service.
 */
export function flagTrafficKind<Config>(service: FlagServiceKind<Config>): TrafficTargetKind<Config> {
  return {
    kind: service.kind,
    inputs: service.inputs,
    schema: service.schema,
    create: (config, timeoutMs, context) => new FlagTrafficTarget(service.create(config, { ...context.http, timeoutMs })),
  };
}

class FlagTrafficTarget implements TrafficTarget {
  readonly kind: string;

  constructor(private readonly service: FlagService) {
    this.kind = service.kind;
  }

  describe(): string {
    return this.service.describe();
  }

  async currentWeight(): Promise<Result<number | null, SourceFault>> {
    const state = await this.service.read();
    return state.ok ? ok(servedShare(state.value)) : state;
  }

  /** Any whole percent is a share a flag can serve; the read finds an unknown flag or one with no rollout before a tick moves anything. */
  async checkSteps(): Promise<Result<void, SourceFault>> {
    const state = await this.service.read();
    return state.ok ? ok(undefined) : state;
  }

  async setWeight(request: WeightRequest): Promise<Result<TrafficChange, TrafficFault>> {
    const weight = checkWeight(request.canaryWeight);
    if (!weight.ok) return weight;
    const started = performance.now();
    const before = await this.service.read();
    if (!before.ok) return before;
    const change = (steps: TrafficStep[], verification: TrafficChange['verification']): TrafficChange => ({
      target: this.describe(),
      canaryWeight: request.canaryWeight,
      stableWeight: 100 - request.canaryWeight,
      dryRun: request.dryRun === true,
      steps,
      file: null,
      verification,
      durationMs: Math.round(performance.now() - started),
    });
    const isThere = before.value.percentage === request.canaryWeight && (request.canaryWeight === 0 || before.value.enabled);
    if (isThere) return ok(change([], { passed: true, detail: `${this.describe()} already serves ${request.canaryWeight}%: ${before.value.detail}` }));
    if (request.dryRun) return ok(change([{ name: 'set-rollout', argv: [this.describe(), `${before.value.detail} → ${request.canaryWeight}%`], outcome: null }], null));
    const done = await this.service.setPercentage(request.canaryWeight, before.value);
    if (!done.ok) return { ok: false, error: { kind: done.error.kind, message: done.error.message, steps: (done.error.calls ?? []).map(stepOf) } };
    const after = await this.service.read();
    const verification = after.ok
      ? { passed: after.value.percentage === request.canaryWeight && (request.canaryWeight === 0 || after.value.enabled), detail: `${this.describe()} reads back ${after.value.detail}; asked ${request.canaryWeight}%` }
      : { passed: false, detail: `could not read the flag back: ${after.error.message}` };
    return ok(change(done.value.map(stepOf), verification));
  }
}

/** An API call in a command's evidence format: a call that got no answer or a 4xx/5xx reads as exit 1. */
export function stepOf(call: FlagCall): TrafficStep {
  const failed = call.status === null || call.status >= 400;
  return {
    name: call.label.split(' ')[0]!.toLowerCase(),
    argv: call.label.split(' '),
    outcome: { exitCode: failed ? 1 : 0, signal: null, timedOut: false, durationMs: call.durationMs, tail: [call.status === null ? 'no answer' : `→ ${call.status}`] },
  };
}
