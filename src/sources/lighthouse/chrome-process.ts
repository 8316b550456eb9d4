import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/**
 * One headless Chrome for one Lighthouse run, started through
 * chrome-launcher's `Launcher` so that its process is in hand from the
 * moment it is spawned. chrome-launcher's `launch()` hands the process over
 * only once the debugging port answers, and when it gives up it leaves the
 * process, its profile folder and a SIGINT listener behind; here the run can
 * watch Chrome's `exit` from the first instant (a Chrome killed mid-run
 * ends the run at once instead of leaving Lighthouse waiting on a dead
 * browser) and kill it at any point, launch included.
 */

/** chrome-launcher's `Launcher` (1.2.1): its constructor takes a `spawn` override (ModuleOverrides). */
export interface ChromeLauncher {
  launch(): Promise<void>;
  kill(): void;
  port?: number;
  /**
   * How many times launch() polls the debugging port (every 500 ms, 50 by
   * default). Set to 0 when a launch is abandoned, so its polling ends at
   * the next poll instead of keeping the process alive for 25 s.
   */
  maxConnectionRetries?: number;
}

export type LauncherClass = new (options: Record<string, unknown>, overrides: { spawn: typeof spawn }) => ChromeLauncher;

/** Why a run ended without a result: the code the collector reports and retries on. */
export type RunFailure = Error & { code: string };

export const runFailure = (code: string, message: string): RunFailure => Object.assign(new Error(message), { code });

export interface ChromeRun {
  /** Chrome's debugging port, once Chrome answers on it. */
  ready: Promise<number>;
  /** Rejects with CHROME_EXITED when Chrome exits before `stop()`; never resolves. */
  exited: Promise<never>;
  /** Kills Chrome now. chrome-launcher's own clean-up (the profile folder) waits until its launch settles. */
  stop(): void;
}

export interface ChromeOptions {
  chromePath: string;
  chromeFlags: readonly string[];
}

export function startChrome(Launcher: LauncherClass, options: ChromeOptions): ChromeRun {
  let child: ChildProcess | undefined;
  let stopped = false;
  let rejectExited: (failure: RunFailure) => void = () => undefined;
  const exited = new Promise<never>((_, reject) => {
    rejectExited = reject;
  });
  // Nobody may be listening once the run is over; the rejection is only news while a run races it.
  exited.catch(() => undefined);
  const watch = (file: string, args: readonly string[], spawnOptions: SpawnOptions): ChildProcess => {
    child = spawn(file, args, spawnOptions);
    child.once('error', (error) => rejectExited(runFailure('CHROME_FAILED_TO_START', `Chrome could not be started: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (!stopped) rejectExited(runFailure('CHROME_EXITED', `Chrome exited during the run (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
    return child;
  };
  const launcher = new Launcher({ chromePath: options.chromePath, chromeFlags: [...options.chromeFlags], logLevel: 'silent' }, { spawn: watch as typeof spawn });
  const launching = launcher.launch();
  const ready = launching.then(() => {
    if (launcher.port === undefined) throw runFailure('CHROME_FAILED_TO_START', 'Chrome started without a debugging port');
    return launcher.port;
  });
  ready.catch(() => undefined);
  const onSigint = () => {
    killGroup(child);
    process.exit(130);
  };
  // As chrome-launcher's launch() does (handleSIGINT): Chrome runs in its own process group, so a cancelled job would leave it behind.
  process.once('SIGINT', onSigint);
  return {
    ready,
    exited,
    stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('SIGINT', onSigint);
      killGroup(child);
      launcher.maxConnectionRetries = 0;
      // chrome-launcher reads its log from the profile folder when its port polling gives up, so the folder goes only after launch settles.
      const cleanUp = () => {
        try {
          launcher.kill();
        } catch {
          // A profile folder left in the temp dir is not worth failing a run over.
        }
      };
      launching.then(cleanUp, cleanUp);
    },
  };
}

/** Kills Chrome and its helpers: chrome-launcher spawns Chrome detached, as the leader of its own process group. */
function killGroup(child: ChildProcess | undefined): void {
  // The group outlives its leader (a crashed Chrome's helpers, a wrapper script's child), so it is killed even after the leader exited.
  if (!child?.pid) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
