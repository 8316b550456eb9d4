/**
 * Where a running command's output goes, line by line, as it arrives: the
 * action's log (`src/actions/shared/command-log.ts` installs that writer),
 * so a failing smoke test shows all it printed, not only the tail the
 * report keeps. One writer per process, as the log is one per process, and
 * because commands are run deep inside code that has no log to hand;
 * sources must not import `@actions/core`. Until an action installs one,
 * output is only kept for the tail (library use, tests).
 */
export interface CommandOutput {
  /** One line of stdout or stderr, without its line break, in the order lines completed. */
  line(text: string): void;
}

/** Opens the output of one command: `label` names it (a check, a step), `argv` is what runs. */
export type CommandOutputWriter = (label: string, argv: readonly string[]) => CommandOutput;

const discard: CommandOutputWriter = () => ({ line: () => undefined });
let writer: CommandOutputWriter = discard;

/** Sends every command's output to `next` from now on; returns how to stop. */
export function streamCommandOutput(next: CommandOutputWriter): () => void {
  writer = next;
  return () => {
    if (writer === next) writer = discard;
  };
}

export function openCommandOutput(label: string, argv: readonly string[]): CommandOutput {
  return writer(label, argv);
}
