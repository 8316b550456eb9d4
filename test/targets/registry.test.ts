import { describe, expect, it } from 'vitest';
import { TRAFFIC_INPUTS, TRAFFIC_TARGET_KINDS, createTrafficTarget } from '../../src/targets/registry.js';

const context = { workspace: '/srv/app', env: {} };
const fromInputs = (inputs: Record<string, string>) => createTrafficTarget((name) => inputs[name] ?? '', context);
const nginxInputs = {
  'traffic-target': 'nginx',
  'upstream-file': 'deploy/upstream.conf',
  'upstream-name': 'app',
  'stable-server': '127.0.0.1:8001',
  'canary-server': 'unix:/run/canary.sock',
};
const configFault = (message: string) => ({ ok: false, error: { kind: 'config', message } });

describe('createTrafficTarget', () => {
  it('lists every input a target reads', () => {
    expect(TRAFFIC_TARGET_KINDS).toEqual(['command', 'nginx', 'vercel', 'flagsmith', 'posthog', 'unleash', 'launchdarkly']);
    expect(TRAFFIC_INPUTS).toEqual(['traffic-target', 'traffic-timeout', 'traffic-command', 'upstream-file', 'upstream-name', 'stable-server', 'canary-server', 'nginx-bin', 'nginx-args', 'vercel-token', 'vercel-project', 'vercel-team-id', 'vercel-api-url', 'flag', 'flag-api-token', 'flag-api-url', 'flag-environment', 'flag-project']);
  });

  it('is null when no target is configured', () => {
    expect(fromInputs({})).toEqual({ ok: true, value: null });
    expect(fromInputs({ 'traffic-command': '  ' })).toEqual({ ok: true, value: null });
  });

  it('takes traffic-command alone as the command target', () => {
    const target = fromInputs({ 'traffic-command': '["./set-weight.sh", "{weight}"]' });
    expect(target.ok && [target.value?.kind, target.value?.describe()]).toEqual(['command', 'command ./set-weight.sh {weight}']);
  });

  it('builds the nginx target from its inputs, which can read weights back', () => {
    const target = fromInputs(nginxInputs);
    expect(target.ok && [target.value?.kind, target.value?.describe(), typeof target.value?.currentWeight]).toEqual(['nginx', 'nginx upstream app in deploy/upstream.conf', 'function']);
  });

  it('names every missing nginx input at once', () => {
    expect(fromInputs({ 'traffic-target': 'nginx', 'upstream-name': 'app' })).toEqual(
      configFault('input `upstream-file` is required with traffic-target nginx; input `stable-server` is required with traffic-target nginx; input `canary-server` is required with traffic-target nginx'),
    );
  });

  it('refuses server values that would add nginx syntax', () => {
    expect(fromInputs({ ...nginxInputs, 'stable-server': '127.0.0.1:8001 backup', 'canary-server': '10.0.0.2:80;}' })).toEqual(
      configFault(
        'input `stable-server`: must be one address such as 127.0.0.1:8001 or unix:/run/app.sock (no spaces, ;, braces, # or quotes), got "127.0.0.1:8001 backup"; ' +
          'input `canary-server`: must be one address such as 127.0.0.1:8001 or unix:/run/app.sock (no spaces, ;, braces, # or quotes), got "10.0.0.2:80;}"',
      ),
    );
    expect(fromInputs({ ...nginxInputs, 'upstream-name': 'app x' })).toEqual(configFault('input `upstream-name`: must be the upstream name your `proxy_pass http://<name>` uses (letters, digits, _ . -), got "app x"'));
  });

  it('refuses the same server for both versions', () => {
    expect(fromInputs({ ...nginxInputs, 'canary-server': '127.0.0.1:8001' })).toEqual(configFault('input `canary-server`: must differ from `stable-server`: each version needs its own server'));
  });

  it('reads nginx-args as a list', () => {
    expect(fromInputs({ ...nginxInputs, 'nginx-args': '-p /srv/nginx' })).toEqual(
      configFault('input `nginx-args`: must be a list of arguments such as ["./set-weight.sh", "{weight}"], got the string "-p /srv/nginx"; commands run without a shell, so give the program and each argument as list items'),
    );
  });

  it('explains a traffic-command that is a shell line', () => {
    expect(fromInputs({ 'traffic-command': './set-weight.sh {weight}' })).toEqual(
      configFault('input `traffic-command`: must be a list of arguments such as ["./set-weight.sh", "{weight}"], got the string "./set-weight.sh {weight}"; commands run without a shell, so give the program and each argument as list items'),
    );
  });

  it('refuses an unknown placeholder', () => {
    expect(fromInputs({ 'traffic-command': '["set", "{weigth}"]' })).toEqual(configFault('input `traffic-command`: unknown placeholder `{weigth}` in item 2; accepted: {weight}, {canary-weight}, {stable-weight}, {canary}, {stable}'));
  });

  it('names an unknown traffic-target', () => {
    expect(fromInputs({ 'traffic-target': 'haproxy' })).toEqual(configFault('input `traffic-target` must be one of command, nginx, vercel, flagsmith, posthog, unleash, launchdarkly, got `haproxy`'));
  });

  it('refuses inputs of another target instead of ignoring them', () => {
    expect(fromInputs({ ...nginxInputs, 'traffic-command': '["x"]' })).toEqual(configFault('input `traffic-command` does not apply to traffic-target nginx; remove it or choose the target it belongs to'));
    expect(fromInputs({ 'traffic-command': '["x"]', 'upstream-file': 'u.conf' })).toEqual(configFault('inputs of several traffic targets are set (command, nginx); set `traffic-target` to the one to use and remove the others\' inputs'));
  });

  it('asks which service a flag is on, and refuses a flag input beside another target', () => {
    expect(fromInputs({ flag: 'new-checkout', 'flag-api-token': 'tok_123' })).toEqual(configFault("the flag inputs name no service: set `traffic-target` to the flag's service, one of flagsmith, posthog, unleash, launchdarkly"));
    expect(fromInputs({ ...nginxInputs, flag: 'new-checkout' })).toEqual(configFault('input `flag` does not apply to traffic-target nginx; remove it or choose the target it belongs to'));
    const missing = fromInputs({ 'traffic-target': 'launchdarkly', flag: 'new-checkout' });
    expect(missing.ok ? '' : missing.error.message).toMatch(/^input `flag-api-token` is required with traffic-target launchdarkly; input `flag-project` is required with traffic-target launchdarkly; input `flag-environment` is required with traffic-target launchdarkly$/);
  });

  it('checks traffic-timeout', () => {
    expect(fromInputs({ 'traffic-command': '["x"]', 'traffic-timeout': 'soon' })).toEqual(configFault('input `traffic-timeout`: got "soon"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)'));
    expect(fromInputs({ 'traffic-command': '["x"]', 'traffic-timeout': '0s' })).toEqual(configFault('input `traffic-timeout`: must be more than 0'));
  });

  it('refuses a traffic-timeout no timer can wait, rather than killing every command at once', () => {
    expect(fromInputs({ 'traffic-command': '["x"]', 'traffic-timeout': '30d' })).toEqual(configFault('input `traffic-timeout`: 30d is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms)'));
    expect(fromInputs({ 'traffic-command': '["x"]', 'traffic-timeout': '24d' }).ok).toBe(true);
  });
});
