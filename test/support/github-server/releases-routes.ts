import { renderUser } from './render.js';
import { type Route, type RouteContext, type RouteReply, notFound, validationFailed } from './route.js';
import { type StoredRelease, inRepo } from './state.js';

/**
 * Releases, as canary-promote's `release-tag` uses them: find one by tag,
 * create one (which creates its tag at `target_commitish`).
 * https://docs.github.com/rest/releases/releases
 */

function renderRelease(api: string, release: StoredRelease): Record<string, unknown> {
  const repoApi = `${api}/repos/${release.owner}/${release.repo}`;
  const url = `${repoApi}/releases/${release.id}`;
  return {
    url,
    html_url: `https://github.com/${release.owner}/${release.repo}/releases/tag/${encodeURIComponent(release.tagName)}`,
    assets_url: `${url}/assets`,
    upload_url: `${url}/assets{?name,label}`,
    tarball_url: `${repoApi}/tarball/${encodeURIComponent(release.tagName)}`,
    zipball_url: `${repoApi}/zipball/${encodeURIComponent(release.tagName)}`,
    id: release.id,
    node_id: `RE_${Buffer.from(String(release.id)).toString('base64')}`,
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: false,
    prerelease: false,
    created_at: release.createdAt,
    published_at: release.createdAt,
    author: renderUser(api),
    assets: [],
  };
}

function releaseByTag(context: RouteContext): RouteReply {
  const { owner = '', repo = '', tag = '' } = context.params;
  const release = context.state.releases.find((one) => inRepo(one, owner, repo) && one.tagName === tag);
  return release ? { status: 200, body: renderRelease(context.api, release) } : notFound();
}

function createRelease(context: RouteContext): RouteReply {
  const { owner = '', repo = '' } = context.params;
  const tagName = String(context.body.tag_name ?? '');
  if (context.state.releases.some((one) => inRepo(one, owner, repo) && one.tagName === tagName)) {
    // A race with another run is GitHub's ordinary answer, not a client bug: no `rejection`.
    const { rejection: _ignored, ...reply } = validationFailed('Release', 'tag_name', 'already_exists');
    return { ...reply, body: { ...(reply.body as object), errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] } };
  }
  const release: StoredRelease = {
    id: context.nextId(),
    owner,
    repo,
    tagName,
    targetCommitish: typeof context.body.target_commitish === 'string' ? context.body.target_commitish : 'main',
    name: typeof context.body.name === 'string' ? context.body.name : null,
    body: typeof context.body.body === 'string' ? context.body.body : null,
    createdAt: context.now(),
  };
  context.state.releases.push(release);
  return { status: 201, body: renderRelease(context.api, release) };
}

export const RELEASES_ROUTES: Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/releases/tags/{tag}', handle: releaseByTag },
  { method: 'POST', template: '/repos/{owner}/{repo}/releases', handle: createRelease },
];
