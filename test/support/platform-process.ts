import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../../local/poll.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PlatformProcessOptions {
  dataDir: string;
  apiPort: number;
  dynamodbPort: number;
  /** A running aws-ses-v2-local that outlives the process, so mails survive a kill -9. */
  sesEndpoint: string;
  /** `--faults <rate>`. */
  faults?: number;
  /** Load the demo networks on first start (default false: `--no-demo`). */
  demo?: boolean;
  /** More environment for the process (e.g. NOTIFICATION_LEASE_MS). */
  env?: Record<string, string>;
  /** How long to wait for "CultureBridge is running" (first start seeds the demo data). */
  readyTimeoutMs?: number;
}

export interface PlatformProcess {
  child: ChildProcess;
  apiUrl: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Ctrl-C as a terminal sends it: SIGINT to every process of the foreground group. */
  interrupt: () => void;
}

/** Runs `npm start`'s entry point (local/start.ts) as its own process and waits until it serves. */
export async function startPlatformProcess(options: PlatformProcessOptions): Promise<PlatformProcess> {
  const args = ['--import', 'tsx', 'local/start.ts', ...(options.faults ? ['--faults', String(options.faults)] : []), ...(options.demo ? [] : ['--no-demo'])];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      CULTUREBRIDGE_DATA_DIR: options.dataDir,
      // No web app build: the API alone is what these runs drive.
      CULTUREBRIDGE_WEB_ROOT: join(options.dataDir, 'no-web-build'),
      PORT: String(options.apiPort),
      DYNAMODB_PORT: String(options.dynamodbPort),
      SES_ENDPOINT: options.sesEndpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, as a terminal gives it: `interrupt()` signals the whole group.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const state = await pollUntil(
    'the platform process to report that it runs',
    async () => (gone ? 'exited' : output.includes('CultureBridge is running') ? 'running' : undefined),
    { timeoutMs: options.readyTimeoutMs ?? 180_000, intervalMs: 100 },
  );
  if (state === 'exited') throw new Error(`the platform process exited before it ran: ${output.slice(-2000)}`);
  const interrupt = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
  };
  return { child, apiUrl: `http://localhost:${options.apiPort}`, output: () => output, exited, interrupt };
}
