import { redactUrl } from '../../sources/http/redact-url.js';
import { gitIn, readBuildContext } from '../../sources/lighthouse/lhci-build-context.js';
import { type UploadFailure, uploadRuns } from '../../sources/lighthouse/lhci-upload.js';
import type { LhrRun } from '../../sources/lighthouse/lhr-run.js';
import { readEventPayload } from '../shared/github-event.js';
import * as log from '../shared/log.js';
import type { BudgetInputs } from './inputs.js';
import type { UploadPlan, UploadResult } from './upload.js';

/** The upload itself, loaded by upload.ts's runUpload only when one is planned. */
export async function uploadPlanned(plan: UploadPlan, targets: readonly LhrRun[], inputs: BudgetInputs, workspace: string, env: NodeJS.ProcessEnv): Promise<UploadResult> {
  const server = redactUrl(plan.server.baseUrl);
  const lhrs = targets.filter((run) => run.failure === null && run.lhr !== null).map((run) => run.lhr as Record<string, unknown>);
  if (lhrs.length === 0) {
    const line = `LHCI upload skipped: no successful Lighthouse run to upload to ${server}`;
    log.warning(line);
    return { links: {}, note: line, failure: null };
  }
  const event = await readEventPayload(env.GITHUB_EVENT_PATH);
  const uploaded = await uploadRuns({
    server: plan.server,
    lhrs,
    urlReplacementPatterns: plan.urlReplacementPatterns,
    ignoreDuplicateBuildFailure: plan.ignoreDuplicateBuildFailure,
    contextFor: (baseBranch) => readBuildContext({ env, event, commit: inputs.place.commit, baseBranch, git: gitIn(workspace, env), now: new Date() }),
  });
  if (!uploaded.ok) {
    const line = `LHCI upload failed: ${describeFailure(uploaded.error, plan, server)}`;
    return { links: {}, note: line, failure: line };
  }
  if (uploaded.value.kind === 'duplicate-skipped') {
    const line = `LHCI upload skipped: ${uploaded.value.reason} on ${server} (ci.upload.ignoreDuplicateBuildFailure is on: a re-run of the same commit)`;
    log.warning(line);
    return { links: {}, note: line, failure: null };
  }
  const { project, buildUrl, links, runs, unknownContext } = uploaded.value;
  if (unknownContext.length > 0) {
    log.warning(`LHCI upload: git could not read the commit (a shallow checkout?), so the build has no ${unknownContext.join(', ')}; check out with \`fetch-depth: 0\`, or set LHCI_BUILD_CONTEXT__COMMIT_MESSAGE, __AUTHOR, __COMMIT_TIME`);
  }
  log.info(`LHCI upload: ${runs} run(s) of ${Object.keys(links).length} URL(s) saved to project ${project.name} on ${server}; view the build at ${buildUrl}`);
  return { links, note: `Uploaded ${runs} run(s) to the LHCI server: [build](${buildUrl}).`, failure: null };
}

function describeFailure(failure: UploadFailure, plan: UploadPlan, server: string): string {
  switch (failure.kind) {
    case 'unreachable':
      return `the LHCI server ${server} (${plan.names.baseUrl}) could not be reached: ${failure.reason}`;
    case 'refused':
      return `${server} (${plan.names.baseUrl}): ${failure.reason}`;
    case 'auth':
      return plan.server.basicAuth
        ? `${server} refused the basic-auth credentials (${plan.names.basicAuth}): ${failure.reason}`
        : `${server} is behind HTTP basic auth: set input \`basic-auth-password\` (and \`basic-auth-username\`, default \`lhci\`): ${failure.reason}`;
    case 'token':
      return `${server} refused the build token (${plan.names.token}): ${failure.reason}; use the build token \`lhci wizard\` printed for the project, and check ${plan.names.baseUrl} is the server's root`;
    case 'duplicate':
      return `${failure.reason} on ${server}: this commit was uploaded to the project before (set \`ci.upload.ignoreDuplicateBuildFailure: true\` to skip a re-upload)`;
    case 'context':
      return failure.reason;
    case 'server':
      return `${server} ${failure.reason}`;
  }
}
