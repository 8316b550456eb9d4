import * as log from '../shared/log.js';
import type { CheckReport } from '../../report/model.js';

/** One log line per check; failing required checks also become error annotations on the run. */
export function logCheck(check: CheckReport): void {
  const line = `${check.status.toUpperCase().padEnd(6)} ${check.name} (${check.type}${check.level === 'advisory' ? ', advisory' : ''}): ${check.message}`;
  if (check.status === 'pass' || check.status === 'skipped') log.info(line);
  else if (check.level === 'advisory' || check.status === 'warn') log.warning(line, { title: `gate ${check.name}` });
  else log.error(line, { title: `gate ${check.name}` });
}
