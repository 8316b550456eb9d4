import { chmod, copyFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { type Result, ok, messageOf } from '../engine/result.js';
import { type SourceFault, fault } from '../sources/source-fault.js';

/**
 * Replaces a config file so that a reader (nginx reloading, the router
 * watching) sees the old file or the new one, never half of one: the new
 * content goes to a temporary file in the same folder, then `rename` swaps it
 * in, which POSIX makes atomic within one file system. The previous file is
 * kept at `<file>.bak` so a rejected change can be undone.
 */
export const backupPathOf = (file: string): string => `${file}.bak`;
const tempPathOf = (file: string): string => `${file}.rollout-guard-${process.pid}.tmp`;

/** Writes `content` to `file`; the backup path is `null` when there was no previous file. */
export async function replaceFile(file: string, content: string): Promise<Result<{ backup: string | null }, SourceFault>> {
  const temp = tempPathOf(file);
  try {
    const previous = await stat(file).catch(() => null);
    await writeFile(temp, content, 'utf8');
    if (previous) {
      // Keep the mode the user gave the file (nginx's master may read it as another user).
      await chmod(temp, previous.mode & 0o7777);
      await copyFile(file, backupPathOf(file));
    }
    await rename(temp, file);
    return ok({ backup: previous ? backupPathOf(file) : null });
  } catch (thrown) {
    await rm(temp, { force: true }).catch(() => undefined);
    return fault('config', `cannot write ${file}: ${messageOf(thrown)}`);
  }
}

/** Puts the backup back (atomically, as above), or removes `file` when there was none before. */
export async function restoreFile(file: string, backup: string | null): Promise<Result<void, SourceFault>> {
  try {
    if (backup === null) {
      await rm(file, { force: true });
    } else {
      const temp = tempPathOf(file);
      await copyFile(backup, temp);
      await rename(temp, file);
    }
    return ok(undefined);
  } catch (thrown) {
    return fault('config', `cannot restore ${file} from ${backup ?? 'nothing'}: ${messageOf(thrown)}`);
  }
}
