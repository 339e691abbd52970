import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';

/**
 * "help" through the Microsoft 365 Agents Playground, bot and Playground in a
 * loopback-only network namespace (the Playground probes outside addresses
 * even with telemetry off). Needs `unshare -n` (root or user namespaces),
 * redis-server and the @microsoft/m365agentsplayground devDependency.
 */

const REPO = path.resolve(__dirname, '..', '..');
const TIMEOUT_MS = 120_000;

const resultSchema = z.object({
  ok: z.boolean(),
  partnership: z.string(),
  user: z.string().optional(),
  aadObjectId: z.string().optional(),
  sent: z.string().optional(),
  reply: z
    .object({
      kind: z.enum(['adaptiveCard', 'text', 'other']),
      text: z.string(),
      contentTypes: z.array(z.string()),
    })
    .optional(),
  error: z.string().optional(),
  ms: z.number(),
});

function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['-n', 'sh', '-c', 'ip link set lo up; exec npx tsx scripts/e2e/playground-smoke.ts'],
      { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The smoke script stops its own children; if it hangs, stop its whole process group.
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, TIMEOUT_MS - 10_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test(
  'the business unit manager sends "help" in the Playground and gets the help card',
  async () => {
    const { code, stdout, stderr } = await runSmoke();
    const last = stdout.trim().split('\n').pop() ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(last);
    } catch {
      throw new Error(`no result line (exit ${code}); stdout:\n${stdout}\nstderr:\n${stderr.slice(-4000)}`);
    }
    const result = resultSchema.parse(parsed);
    if (code !== 0 || !result.ok) throw new Error(`smoke test failed (exit ${code}): ${last}`);
    expect({ code, ...result }).toMatchObject({
      code: 0,
      ok: true,
      partnership: 'wakefield',
      user: 'bu-manager',
      sent: 'help',
      reply: { kind: 'adaptiveCard', contentTypes: ['application/vnd.microsoft.card.adaptive'] },
    });
    expect(result.reply?.text).toMatch(/\bhelp\b/i);
    expect(result.error).toBeUndefined();
  },
  TIMEOUT_MS,
);
