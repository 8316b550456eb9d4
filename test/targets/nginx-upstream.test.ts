import { describe, expect, it } from 'vitest';
import { canaryShare, parseUpstream, renderUpstream } from '../../src/targets/nginx-upstream.js';

const layout = { name: 'app', stableServer: '127.0.0.1:8001', canaryServer: '127.0.0.1:8002' };
const versions = { canary: 'v1.3.0', stable: 'v1.2.0' };

describe('renderUpstream', () => {
  it('writes stable and canary weights that sum to 100', () => {
    expect(renderUpstream(layout, { ...versions, canaryWeight: 5 })).toBe(
      [
        '# Written by rollout-guard at each weight change; edits here are overwritten.',
        '# canary v1.3.0 5%, stable v1.2.0 95%',
        'upstream app {',
        '    server 127.0.0.1:8001 weight=95;',
        '    server 127.0.0.1:8002 weight=5;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('marks a server with no share `down`, since nginx refuses weight=0', () => {
    const none = renderUpstream(layout, { ...versions, canaryWeight: 0 });
    expect(none).toContain('    server 127.0.0.1:8001 weight=100;\n    server 127.0.0.1:8002 down;\n');
    const all = renderUpstream(layout, { ...versions, canaryWeight: 100 });
    expect(all).toContain('    server 127.0.0.1:8001 down;\n    server 127.0.0.1:8002 weight=100;\n');
  });

  it('keeps version names from breaking out of the comment', () => {
    const text = renderUpstream(layout, { canaryWeight: 5, canary: 'x\nupstream evil { server 1.2.3.4; }', stable: 'v1' });
    expect(text.split('\n')[1]).toBe('# canary x?upstream evil { server 1.2.3.4; } 5%, stable v1 95%');
    expect(parseUpstream(text, 'evil').ok).toBe(false);
  });

  it('reads back the weight it wrote, for every whole percent', () => {
    for (let weight = 0; weight <= 100; weight++) {
      const servers = parseUpstream(renderUpstream(layout, { ...versions, canaryWeight: weight }), 'app');
      expect(servers.ok && canaryShare(servers.value, layout.canaryServer)).toBe(weight);
    }
  });
});

describe('parseUpstream', () => {
  it('reads servers with their parameters and skips other statements', () => {
    const text = `# comment { }\nupstream other { server 10.0.0.9:80; }\nupstream app {\n  zone app 64k;\n  server 10.0.0.1:80 weight=3 max_fails=2;\n  server 10.0.0.2:80; # default weight\n  server 10.0.0.3:80 backup;\n  server 10.0.0.4:80 down;\n  keepalive 16;\n}\n`;
    expect(parseUpstream(text, 'app')).toEqual({
      ok: true,
      value: [
        { address: '10.0.0.1:80', weight: 3, isDown: false, isBackup: false },
        { address: '10.0.0.2:80', weight: 1, isDown: false, isBackup: false },
        { address: '10.0.0.3:80', weight: 1, isDown: false, isBackup: true },
        { address: '10.0.0.4:80', weight: 1, isDown: true, isBackup: false },
      ],
    });
  });

  it('does not take an upstream whose name only ends with the one asked for', () => {
    expect(parseUpstream('upstream myapp { server 10.0.0.1:80; }', 'app')).toEqual({ ok: false, error: 'no `upstream app { … }` block' });
  });

  it('names what is wrong', () => {
    expect(parseUpstream('upstream app { keepalive 2; }', 'app')).toEqual({ ok: false, error: 'upstream app has no `server`' });
    expect(parseUpstream('upstream app { server 10.0.0.1 weight=0; }', 'app')).toEqual({ ok: false, error: 'upstream app: server 10.0.0.1: `weight=0` must be a whole number of 1 or more' });
  });
});

describe('canaryShare', () => {
  const server = (address: string, weight: number, flags: { isDown?: boolean; isBackup?: boolean } = {}) => ({ address, weight, isDown: false, isBackup: false, ...flags });

  it('is the canary weight over the weights in rotation', () => {
    expect(canaryShare([server('s', 3), server('c', 1)], 'c')).toBe(25);
    expect(canaryShare([server('s', 2), server('c', 1)], 'c')).toBe(33.33);
    expect(canaryShare([server('s', 1), server('c', 5, { isDown: true }), server('b', 9, { isBackup: true })], 'c')).toBe(0);
    expect(canaryShare([server('s', 1)], 'c')).toBe(0);
  });

  it('is null when nothing is in rotation', () => {
    expect(canaryShare([server('s', 1, { isDown: true })], 'c')).toBeNull();
  });
});
