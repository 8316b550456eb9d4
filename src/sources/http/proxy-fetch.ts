import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

/**
 * `fetch` that honours the proxy variables self-hosted and GHES runners set
 * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, in either case, lower case
 * first). Node's built-in fetch ignores them, so behind a proxy every call
 * would fail to resolve its host. With none set, this is the built-in fetch,
 * unchanged. undici is already in every bundle (the toolkit's HTTP client is
 * built on it), so this adds nothing to it.
 *
 * Every call of ours goes through this one rule, the GitHub client's
 * included (client.ts), so a GitHub call and a health check to one host take
 * the same way out. It is undici's `EnvHttpProxyAgent`, which differs from
 * `@actions/http-client` in three ways: it proxies loopback hosts unless
 * NO_PROXY names them (the toolkit never does), an entry `example.com`
 * matches only that host (write `.example.com` for its subdomains; the
 * toolkit matches both), and HTTPS falls back to HTTP_PROXY when
 * HTTPS_PROXY is unset (the toolkit then goes direct).
 *
 * Read at each call rather than once: tests and long-lived processes may
 * change the environment, and the agent is cheap to keep per setting.
 */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;

let cached: { key: string; agent: EnvHttpProxyAgent } | null = null;

function agentFor(env: NodeJS.ProcessEnv): EnvHttpProxyAgent | null {
  const key = PROXY_VARIABLES.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
  const hasProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => (env[name] ?? '').trim() !== '');
  if (!hasProxy) return null;
  if (cached?.key !== key) cached = { key, agent: new EnvHttpProxyAgent() };
  return cached.agent;
}

export const proxyAwareFetch: typeof fetch = (input, init) => {
  const agent = agentFor(process.env);
  if (agent === null) return fetch(input, init);
  // undici's own fetch with its own dispatcher: the built-in fetch bundles another copy of undici, and mixing the two is not supported.
  return undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
};
