import type { CommandOutputWriter } from '../../sources/command-output.js';
import { formatCommand } from '../../sources/run-command.js';
import * as log from './log.js';

/**
 * Writes each command's output to the log as it arrives: a `$ command` line,
 * then every line of stdout and stderr, each under the command's label
 * (`[smoke] …`), because gate-checks runs its checks at once and two
 * commands' lines may interleave. Not a log group of its own: commands run
 * inside the action's groups (the checks, the tick, the rollback) and the
 * runner does not nest groups. Through `log.info`, so the run's secrets are
 * masked and a line cannot issue a workflow command (`::add-mask::`,
 * `::stop-commands::`, `::error::`): a command's output is shown as text.
 */
export const writeCommandOutputToLog: CommandOutputWriter = (label, argv) => {
  const prefix = `[${label}] `;
  log.info(`${prefix}$ ${formatCommand(argv)}`);
  return { line: (text) => log.info(`${prefix}${text}`) };
};
