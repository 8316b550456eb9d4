import type { CheckType } from '../check-type.js';
import { axeCheck } from './axe.js';
import { bundleSizeCheck } from './bundle-size.js';
import { commandCheck } from './command.js';
import { coverageCheck } from './coverage.js';
import { deployWindowCheck } from './deploy-window.js';
import { junitCheck } from './junit.js';
import { lighthouseCheck } from './lighthouse.js';
import { metricCheck } from './metric.js';
import { npmAuditCheck } from './npm-audit.js';
import { percyCheck } from './percy.js';
import { playwrightCheck } from './playwright.js';
import { reportCheck } from './report.js';

/**
 * The only place check types are registered: adding a type is a file in
 * this folder plus one line here. Order is the README's table order.
 *
 * Every type loads with the action, since the policy reader needs each
 * type's keys, measures and defaults, so `<type>.ts` holds only that
 * description. What reads evidence (XML and JSON parsers, zod schemas, HTTP
 * clients, glob matching) is in `<type>-measure.ts`, imported when a check
 * of the type is first measured: a policy pays at start-up only for the
 * types it uses. (deploy-window has no such module: the rules engine that
 * measures it is also what checks its entry when the policy loads.)
 */
export const CHECK_TYPES: ReadonlyMap<string, CheckType> = new Map(
  [
    playwrightCheck,
    junitCheck,
    coverageCheck,
    bundleSizeCheck,
    npmAuditCheck,
    axeCheck,
    lighthouseCheck,
    percyCheck,
    deployWindowCheck,
    metricCheck,
    reportCheck,
    commandCheck,
  ].map((type) => [type.type, type]),
);
