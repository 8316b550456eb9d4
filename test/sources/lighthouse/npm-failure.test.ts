import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type NpmFailureKind, describeNpmFailure, readNpmFailure } from '../../../src/sources/lighthouse/npm-failure.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

/** Real npm stderr, recorded by test/fixtures/npm-errors/capture.mjs (see its ORIGIN.md). */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/npm-errors');
const NPM_VERSIONS = readdirSync(FIXTURES).filter((name) => name.startsWith('npm-'));

/** Each recorded cause: what it must be read as, and a word of what to do that the message must carry. */
const EXPECTED: Record<string, { kind: NpmFailureKind; code: string; detail: RegExp; remedy: RegExp }> = {
  econnrefused: { kind: 'network', code: 'ECONNREFUSED', detail: /^request to http:\/\/127\.0\.0\.1:\d+\/\S+\.tgz failed, reason: connect ECONNREFUSED/, remedy: /proxy \(HTTPS_PROXY, NO_PROXY/ },
  enotfound: { kind: 'network', code: 'ENOTFOUND', detail: /getaddrinfo ENOTFOUND registry\.rollout-guard\.invalid$/, remedy: /npm_config_registry, \.npmrc/ },
  etimedout: { kind: 'timeout', code: 'FETCH_ERROR', detail: /^network timeout at: http:\/\/127\.0\.0\.1:\d+\//, remedy: /did not answer npm in time.*proxy/ },
  e404: { kind: 'not-found', code: 'E404', detail: /^Not Found - GET http:\/\/127\.0\.0\.1:\d+\/\S+\.tgz/, remedy: /mirror that serves npmjs\.org's packages/ },
  e401: { kind: 'auth', code: 'E401', detail: /^Incorrect or missing password\.$/, remedy: /credentials .*\.npmrc, NODE_AUTH_TOKEN/ },
  e403: { kind: 'auth', code: 'E403', detail: /^403 Forbidden - GET /, remedy: /credentials/ },
  e503: { kind: 'registry', code: 'E503', detail: /^Service Unavailable - GET /, remedy: /re-run the job/ },
  eintegrity: { kind: 'integrity', code: 'EINTEGRITY', detail: /integrity checksum failed when using sha512: wanted sha512-\S+ but got sha512-/, remedy: /npm cache verify/ },
  enotcached: { kind: 'offline', code: 'ENOTCACHED', detail: /cache mode is 'only-if-cached' but no cached response is available/, remedy: /npm_config_offline/ },
  eacces: { kind: 'permission', code: 'EACCES', detail: /^EACCES: permission denied, mkdir '\S+\/prefix\/node_modules'$/, remedy: /writable for the runner's user/ },
  enospc: { kind: 'disk-full', code: 'ENOSPC', detail: /^ENOSPC: no space left on device, write$/, remedy: /free space on the runner/ },
  'self-signed': { kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', detail: /reason: self[- ]signed certificate$/, remedy: /NODE_EXTRA_CA_CERTS/ },
};

describe('readNpmFailure on what real npm printed', () => {
  it('has every cause recorded for each npm (both error formats)', () => {
    expect(NPM_VERSIONS.sort()).toEqual(['npm-11.19.1', 'npm-9.9.4']);
    for (const version of NPM_VERSIONS) expect(readdirSync(path.join(FIXTURES, version)).map((file) => file.replace(/\.stderr$/, '')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const version of NPM_VERSIONS) {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      it(`${version} ${name}: the cause, and what to do, in one line without npm's log-file line`, () => {
        const stderr = readFileSync(path.join(FIXTURES, version, `${name}.stderr`), 'utf8');
        // The line the old message showed: it must never be what the user reads.
        if (name !== 'enospc') expect(stderr).toMatch(/A complete log of this run can be found in/);
        const failure = readNpmFailure(stderr);
        expect(failure).toMatchObject({ kind: expected.kind, code: expected.code });
        expect(failure!.detail).toMatch(expected.detail);
        const message = describeNpmFailure(failure!, undefined);
        expect(message).toMatch(expected.remedy);
        expect(message).toContain(`npm: ${expected.code}`);
        expect(message).not.toMatch(/complete log|\n| {4}at /);
      });
    }
  }

  it('names the registry npm was told to use, its credentials masked', () => {
    const failure = readNpmFailure(readFileSync(path.join(FIXTURES, 'npm-11.19.1', 'econnrefused.stderr'), 'utf8'))!;
    expect(describeNpmFailure(failure, 'https://ci:s3cr3t-token@npm.example.internal/')).toMatch(/^npm could not reach the registry https:\/\/\*\*\*@npm\.example\.internal\/ \(npm: ECONNREFUSED: /);
    const withUrl = readNpmFailure('npm error code E404\nnpm error 404 Not Found - GET https://bot:t0ken@npm.example.internal/zod/-/zod-3.25.76.tgz\n');
    expect(withUrl?.detail).toBe('Not Found - GET https://***@npm.example.internal/zod/-/zod-3.25.76.tgz');
  });

  it('is null for a run that only warned, and says npm said nothing when it did not', () => {
    expect(readNpmFailure('npm warn EBADENGINE Unsupported engine {\nnpm warn deprecated glob@7.2.3: old\n\nadded 201 packages in 9s\n')).toBeNull();
    expect(readNpmFailure('')).toBeNull();
    const bare = readNpmFailure('npm error\nnpm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n')!;
    expect(bare).toEqual({ kind: 'other', code: null, detail: null, path: null });
    expect(describeNpmFailure(bare, undefined)).toBe('npm failed and said nothing about why');
  });

  it('reads the real error behind a code npm wraps, and codes it has no class for', () => {
    expect(readNpmFailure('npm ERR! code FETCH_ERROR\nnpm ERR! errno FETCH_ERROR\nnpm ERR! invalid json response body at https://r.example/x reason: read ECONNRESET\n')).toMatchObject({ kind: 'network', code: 'FETCH_ERROR' });
    expect(readNpmFailure('npm error code ERR_SOME_NEW_THING\nnpm error something new broke\n')).toMatchObject({ kind: 'other', code: 'ERR_SOME_NEW_THING', detail: 'something new broke' });
  });
});
