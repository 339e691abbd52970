import { z } from 'zod';
import { resultLine, runInLoopbackNamespace } from '../support/loopback-script';

/**
 * "help" through the Microsoft 365 Agents Playground, bot and Playground in a
 * loopback-only network namespace (the Playground probes outside addresses
 * even with telemetry off). Needs `unshare -n` (root or user namespaces),
 * redis-server and the @microsoft/m365agentsplayground devDependency.
 */

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

test(
  'the business unit manager sends "help" in the Playground and gets the help card',
  async () => {
    const run = await runInLoopbackNamespace('scripts/e2e/playground-smoke.ts', TIMEOUT_MS - 10_000);
    const { code, last } = run;
    const result = resultSchema.parse(resultLine(run));
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
