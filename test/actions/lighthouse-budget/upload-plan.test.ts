import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import savedReports from '@lhci/utils/src/saved-reports.js';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { loadRunConfig } from '../../../src/actions/lighthouse-budget/lhci-rc.js';
import { planUpload } from '../../../src/actions/lighthouse-budget/upload.js';
import { ConfigError } from '../../../src/engine/result.js';
import { LHCI_URL_REPLACEMENT_PATTERNS, parseUrlReplacement, replaceUrl } from '../../../src/sources/lighthouse/url-replacement.js';
import { onSecret } from '../../../src/sources/secret-registry.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/** Which server, token and options an upload uses: the inputs over the config's `ci.upload`, and the one-line refusals. */
let workspace: string;

beforeAll(async () => {
  workspace = await workspaceDir('upload-plan');
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function rc(name: string, upload: unknown, extra: Record<string, unknown> = {}): Promise<string> {
  await writeFile(path.join(workspace, name), JSON.stringify({ ci: { upload, ...extra } }));
  return name;
}

// As main.ts: the config read once, then the plan from it.
async function plan(inputs: Record<string, string>) {
  const read = readBudgetInputs((name) => ({ 'results-path': 'results', ...inputs })[name] ?? '');
  return planUpload(read, await loadRunConfig(read, workspace));
}

async function refusal(inputs: Record<string, string>): Promise<string> {
  try {
    await plan(inputs);
  } catch (thrown) {
    if (thrown instanceof ConfigError) return thrown.message;
    throw thrown;
  }
  throw new Error('expected a ConfigError');
}

/** The warnings written to the log (core.warning writes `::warning::` lines to stdout). */
function captureWarnings(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    if (String(chunk).startsWith('::warning')) lines.push(String(chunk).trim());
    return true;
  });
  return lines;
}

describe('planUpload', () => {
  it('no server anywhere: no upload', async () => {
    expect(await plan({})).toBeNull();
    expect(await plan({ config: await rc('assert-only.json', undefined, { assert: { preset: 'lighthouse:recommended' } }) })).toBeNull();
  });

  it("the config alone, through `extends`: LHCI's defaults for what it leaves out", async () => {
    await rc('base.json', { serverBaseUrl: 'https://lhci.example.com/', token: 'base-token-1234', basicAuth: { password: 'base-password' } });
    const config = await rc('child.json', { urlReplacementPatterns: ['s/pr-[0-9]+/pr-N/'] }, { extends: './base.json' });
    expect(await plan({ config })).toEqual({
      server: { baseUrl: 'https://lhci.example.com/', token: 'base-token-1234', basicAuth: { username: 'lhci', password: 'base-password' } },
      ignoreDuplicateBuildFailure: true,
      urlReplacementPatterns: ['s/pr-[0-9]+/pr-N/'],
      names: { baseUrl: '`child.json ci.upload.serverBaseUrl`', token: '`child.json ci.upload.token`', basicAuth: '`child.json ci.upload.basicAuth`' },
    });
  });

  it('inputs win over the config, key by key, and say so in the names', async () => {
    const config = await rc('both.json', { serverBaseUrl: 'https://old.example.com/', token: 'rc-token-5678', ignoreDuplicateBuildFailure: false });
    const result = await plan({ config, 'server-base-url': 'https://lhci.example.com/', 'basic-auth-username': 'ci', 'basic-auth-password': 'pw-from-secret' });
    expect(result).toMatchObject({
      server: { baseUrl: 'https://lhci.example.com/', token: 'rc-token-5678', basicAuth: { username: 'ci', password: 'pw-from-secret' } },
      ignoreDuplicateBuildFailure: false,
      names: { baseUrl: 'input `server-base-url`', token: '`both.json ci.upload.token`' },
    });
  });

  it('the secrets of the config are noted before anything can print them', async () => {
    const noted: string[] = [];
    const stop = onSecret((secret) => noted.push(secret));
    await plan({ config: await rc('secrets.json', { target: 'lhci', serverBaseUrl: 'https://u:url-password@lhci.example.com/', token: 'noted-token-9012', basicAuth: { username: 'x', password: 'noted-password' } }) });
    stop();
    expect(noted).toEqual(expect.arrayContaining(['noted-token-9012', 'noted-password', 'url-password']));
  });

  it.each([
    [{ 'server-token': 'tok-12345678' }, /^an LHCI upload needs the server: set input `server-base-url`/],
    [{ 'server-base-url': 'https://lhci.example.com/' }, /^an LHCI upload to https:\/\/lhci\.example\.com\/ needs the project's build token: set input `server-token`/],
    [{ 'server-base-url': 'lhci.example.com', 'server-token': 'tok-12345678' }, /^input `server-base-url` must be the http\(s\) URL of an LHCI server, got `lhci\.example\.com`$/],
    [{ 'server-base-url': 'https://lhci.example.com/', 'server-token': 'tok-12345678', 'basic-auth-username': 'ci' }, /^input `basic-auth-username` is set but `basic-auth-password` is empty/],
  ])('refuses %o in one line', async (inputs, message) => {
    const text = await refusal(inputs);
    expect(text).toMatch(message);
    expect(text).not.toContain('tok-12345678');
  });

  it.each([
    [{ target: 'lhci' }, /^an LHCI upload needs the server: set input `server-base-url` \(or `bad\.json ci\.upload\.serverBaseUrl`\)/],
    [{ target: 's3' }, /^bad\.json ci\.upload\.target must be one of lhci, temporary-public-storage, filesystem, got "s3" \(input `config`\)$/],
    [{ target: 'lhci', token: 12345 }, /^bad\.json ci\.upload\.token must be a string \(input `config`\)$/],
    [{ urlReplacementPatterns: ['s#ok#fine#', 'not-a-pattern'] }, /^bad\.json ci\.upload\.urlReplacementPatterns\[1\]: Invalid URL replacement pattern "not-a-pattern" \(input `config`\)$/],
    [{ urlReplacementPatterns: ['s/(/x/'] }, /^bad\.json ci\.upload\.urlReplacementPatterns\[0\]: Invalid regular expression in URL replacement pattern "s\/\(\/x\/"/],
    [{ ignoreDuplicateBuildFailure: 'yes' }, /^bad\.json ci\.upload\.ignoreDuplicateBuildFailure must be true or false/],
    [{ basicAuth: 'lhci:pw' }, /^bad\.json ci\.upload\.basicAuth must be an object with username and password/],
  ])('refuses the config key %o in one line naming it', async (upload, message) => {
    expect(await refusal({ config: await rc('bad.json', upload) })).toMatch(message);
  });

  it('a config that asks for an upload with no token anywhere (a pull request from a fork gets no secrets) is judged, not uploaded: one warning', async () => {
    const warnings = captureWarnings();
    expect(await plan({ config: await rc('fork.json', { target: 'lhci', serverBaseUrl: 'https://lhci.example.com/' }) })).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^::warning::`fork\.json ci\.upload\.target` asks for an upload to https:\/\/lhci\.example\.com\/ but no build token was given \(input `server-token`/)]);
  });

  it('temporary-public-storage is not supported: a warning naming the key, no upload; with server inputs the inputs upload', async () => {
    const config = await rc('tps.json', { target: 'temporary-public-storage' });
    const warnings = captureWarnings();
    expect(await plan({ config })).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/tps\.json ci\.upload\.target `temporary-public-storage` is not supported .*`server-base-url` and `server-token`.*upload-artifact/);
    expect(await plan({ config, 'server-base-url': 'https://lhci.example.com/', 'server-token': 'tok-12345678' })).toMatchObject({ server: { baseUrl: 'https://lhci.example.com/' } });
  });

  it('filesystem and the GitHub status options are named in warnings, not silently dropped', async () => {
    const warnings = captureWarnings();
    expect(await plan({ config: await rc('fs.json', { target: 'filesystem', outputDir: 'out', githubAppToken: 'app-token-123456' }) })).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/fs\.json ci\.upload\.target `filesystem` is not run: .*`output-dir`/), expect.stringMatching(/fs\.json ci\.upload: `githubAppToken`, `outputDir` not supported/)]);
    expect(warnings.join('\n')).not.toContain('app-token-123456');
  });
});

describe('URL replacement patterns', () => {
  const PATTERNS = [...LHCI_URL_REPLACEMENT_PATTERNS, 's/pr-[0-9]+\\./pr-N./', 's|/v[0-9]+/|/vN/|g', 's#SESSION=[^&]*#SESSION=X#i', 's/^https?:/scheme:/m', 's/a//'];
  const url = fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.constantFrom('127.0.0.1', 'localhost', 'pr-123.preview.example.com', 'shop.example'),
      fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: undefined }),
      fc.array(fc.constantFrom('v1', 'v22', 'checkout', '123e4567-e89b-12d3-a456-426614174000', 'A1B2C3D4-E5F6-4789-ABCD-0123456789AB', 'a'), { maxLength: 4 }),
      fc.constantFrom('', '?SESSION=abc&x=1', '?session=Q', '#top'),
    )
    .map(([scheme, host, port, segments, tail]) => `${scheme}://${host}${port === undefined ? '' : `:${port}`}/${segments.join('/')}${tail}`);

  it("replace as LHCI's own replaceUrlPatterns does, for any URL and any list of the patterns", () => {
    fc.assert(
      fc.property(url, fc.subarray(PATTERNS), (raw, patterns) => {
        const replacements = patterns.map((pattern) => {
          const parsed = parseUrlReplacement(pattern);
          if (!parsed.ok) throw new Error(parsed.error);
          return parsed.value;
        });
        expect(replaceUrl(raw, replacements)).toBe(savedReports.replaceUrlPatterns(raw, patterns));
      }),
      { numRuns: 300 },
    );
  });
});
