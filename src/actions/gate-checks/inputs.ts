import { InputReader, type GetInput } from '../shared/input-reader.js';
import { type PublishPlace, readPublishPlace } from '../shared/publish-inputs.js';

/** The inputs of `actions/gate-checks/action.yml`, typed and validated. */
export interface GateInputs {
  /** Path of the YAML policy. */
  policy: string;
  githubToken: string | undefined;
  /** Name of the check run / commit status context; defaults to the policy's `name`. */
  checkName: string | undefined;
  /** Post or update a sticky pull-request comment. */
  comment: boolean;
  /** Where to publish when the event does not say (a `workflow_run` publishing a fork's results), and what a pass does to the comment. */
  place: PublishPlace;
  /** Lifts deploy-window checks (emergency deploys); the report says so. */
  override: boolean;
  /** The clock; an ISO-8601 instant to judge a planned time, or for tests. */
  now: Date;
  reportPath: string | undefined;
  /** Fail the step on `no-go` (default), or only set outputs. */
  failOnNoGo: boolean;
}

export function readGateInputs(getInput: GetInput, clock: () => Date): GateInputs {
  const read = new InputReader(getInput);
  const nowText = read.string('now');
  let now = clock();
  if (nowText !== undefined) {
    const parsed = new Date(nowText);
    if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(nowText)) {
      read.problem(`input \`now\` must be an ISO-8601 instant such as 2026-11-24T10:30:00Z, got \`${nowText}\``);
    } else {
      now = parsed;
    }
  }
  return read.finish({
    policy: read.string('policy') ?? '.github/gates.yml',
    githubToken: read.string('github-token'),
    checkName: read.string('check-name'),
    comment: read.boolean('comment', false),
    place: readPublishPlace(read),
    override: read.boolean('override', false),
    now,
    reportPath: read.string('report-path'),
    failOnNoGo: read.boolean('fail-on-no-go', true),
  });
}
