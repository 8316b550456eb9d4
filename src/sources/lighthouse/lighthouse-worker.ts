import { Worker } from 'node:worker_threads';
import { type RunFailure, runFailure } from './chrome-process.js';

/**
 * Lighthouse in a worker thread. Run in the action's own thread, Lighthouse
 * 12 could take the action down with it: when Chrome dies mid-run it leaves
 * protocol calls unawaited (wait-for-condition's checkForQuiet) whose
 * rejections nobody handles, which ends Node 20 with a stack trace, or its
 * promise never settles and the process drifts out with no verdict. In a
 * thread, any such failure is the thread's `error`, the run it was serving
 * fails with one line, and `terminate()` ends whatever Lighthouse left
 * running. A thread that served a clean run is reused (loading Lighthouse
 * takes about 2.7 s here); one that saw any failure is never reused.
 */

/** Mobile is Lighthouse's default config (as `lhci collect` without settings.preset); desktop is its desktop-config. */
export type FormFactorPreset = 'mobile' | 'desktop';

/** One run's Lighthouse: the built-in config to start from (null: the default, mobile) and the flags applied over it. */
export interface RunConfig {
  config: 'desktop' | 'perf' | 'experimental' | null;
  /** Lighthouse flags (settings), as `lighthouse(url, flags, config)` takes them; `port` and `logLevel` are the driver's. */
  flags: Record<string, unknown>;
}

/** File URLs of Lighthouse's entry module and its desktop config, imported inside the thread. */
export interface LighthouseEntries {
  lighthouse: string;
  desktopConfig: string;
}

// CommonJS evaluated by the thread (`eval: true`): no file to ship beside the bundle.
// The other built-in configs (perf, experimental) sit beside desktop-config in Lighthouse's core/config folder.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loading = Promise.all([import(workerData.lighthouse), import(workerData.desktopConfig)]);
const configEntry = (name) => workerData.desktopConfig.replace(/desktop-config(\\.[cm]?js)$/, name + '-config$1');
const describe = (error) => String((error && error.message) || error).split('\\n')[0];
loading.then(() => parentPort.postMessage({ kind: 'ready' }), (error) => parentPort.postMessage({ kind: 'load-failed', message: describe(error) }));
parentPort.on('message', async ({ url, port, config, flags }) => {
  try {
    const [lighthouse, desktop] = await loading;
    const base = config === null ? undefined : config === 'desktop' ? desktop.default : (await import(configEntry(config))).default;
    const result = await lighthouse.default(url, { ...flags, port, logLevel: 'error' }, base);
    parentPort.postMessage({ kind: 'result', lhr: result && result.lhr ? JSON.stringify(result.lhr) : null });
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', code: error && typeof error.code === 'string' ? error.code : 'LIGHTHOUSE_CRASHED', message: describe(error) });
  }
});
`;

type WorkerMessage = { kind: 'ready' } | { kind: 'load-failed'; message: string } | { kind: 'result'; lhr: string | null } | { kind: 'failed'; code: string; message: string };

interface Pending {
  resolve: (lhr: Record<string, unknown>) => void;
  reject: (failure: RunFailure) => void;
}

export class LighthouseWorker {
  /** Settles when Lighthouse is loaded in the thread; rejects with why it could not be. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private pending: Pending | null = null;
  private broken = false;

  constructor(entries: LighthouseEntries) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: entries });
    // An idle thread must never keep the action alive; a run in flight is held open by its Chrome and its deadline.
    this.worker.unref();
    let loaded: (value: void) => void = () => undefined;
    let notLoaded: (failure: RunFailure) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      notLoaded = reject;
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') loaded();
      else if (message.kind === 'load-failed') this.fail(runFailure('LIGHTHOUSE_LOAD_FAILED', message.message), notLoaded);
      else this.settle(message);
    });
    this.worker.on('error', (error) => this.fail(runFailure('LIGHTHOUSE_CRASHED', `Lighthouse failed: ${error.message.split('\n')[0]}`), notLoaded));
    this.worker.on('exit', (code) => this.fail(runFailure('LIGHTHOUSE_CRASHED', `Lighthouse's thread exited (code ${code})`), notLoaded));
  }

  /** False once anything went wrong in the thread: its Lighthouse may still hold a failed run's work. */
  get usable(): boolean {
    return !this.broken;
  }

  run(url: string, port: number, run: RunConfig): Promise<Record<string, unknown>> {
    if (this.broken || this.pending) return Promise.reject(runFailure('LIGHTHOUSE_CRASHED', 'the Lighthouse thread is not available'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ url, port, config: run.config, flags: run.flags });
    });
  }

  terminate(): void {
    this.broken = true;
    void this.worker.terminate().catch(() => undefined);
  }

  private settle(message: Extract<WorkerMessage, { kind: 'result' | 'failed' }>): void {
    const pending = this.pending;
    this.pending = null;
    if (message.kind === 'failed') {
      this.broken = true;
      pending?.reject(runFailure(message.code, message.message));
    } else if (message.lhr === null) {
      pending?.reject(runFailure('NO_RESULT', 'Lighthouse returned no result'));
    } else {
      pending?.resolve(JSON.parse(message.lhr) as Record<string, unknown>);
    }
  }

  private fail(failure: RunFailure, notLoaded: (failure: RunFailure) => void): void {
    this.broken = true;
    notLoaded(failure);
    const pending = this.pending;
    this.pending = null;
    pending?.reject(failure);
  }
}
