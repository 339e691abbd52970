import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line (the scripts print their result there as JSON). */
  last: string;
}

/**
 * Runs a TypeScript script in a loopback-only network namespace (`unshare -n`, `lo` up), as the
 * Agents Playground needs on a machine without internet. The script stops its own children; if
 * it overruns `timeoutMs`, its whole process group is stopped.
 */
export function runInLoopbackNamespace(
  script: string,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-n', 'sh', '-c', `ip link set lo up; exec npx tsx ${script}`], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, last: stdout.trim().split('\n').pop() ?? '' });
    });
  });
}

/** The script's JSON result line, or an error that shows what it printed. */
export function resultLine(run: ScriptRun): unknown {
  try {
    return JSON.parse(run.last);
  } catch {
    throw new Error(
      `no result line (exit ${run.code}); stdout:\n${run.stdout}\nstderr:\n${run.stderr.slice(-6000)}`,
    );
  }
}
