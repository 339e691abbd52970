import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resultLine, runInLoopbackNamespace } from '../support/loopback-script';

/**
 * The product end to end in the Microsoft 365 Agents Playground (scripts/e2e/playground-journey.ts):
 * install, help, a Rapid Review opened, answered in Teams and through the emailed link, and decided, its recommendation routed, an action
 * escalated after the local clock moves on, a meeting booked and cancelled against the local fake Graph,
 * a DSL forum form issued and answered through the emailed link (local outbox), and a card button clicked
 * in the Playground's web UI.
 * Runs in a loopback-only network namespace (`unshare -n`), with the embedded database and a child
 * redis-server, like `npm run dev`.
 */

const REPO = path.resolve(__dirname, '..', '..');
const TIMEOUT_MS = 300_000;
const SCREENSHOT = path.join(REPO, 'test-results', 'playground-escalation.png');

const resultSchema = z.object({
  ok: z.boolean(),
  steps: z.array(
    z.object({ step: z.string(), ok: z.boolean(), ms: z.number(), detail: z.string().optional() }),
  ),
  error: z.string().optional(),
  screenshot: z.string().optional(),
});

test(
  'a chair runs a Rapid Review, routes its recommendation and acts on an escalation in the Playground',
  async () => {
    const run = await runInLoopbackNamespace('scripts/e2e/playground-journey.ts', TIMEOUT_MS - 10_000, {
      JOURNEY_SCREENSHOT: SCREENSHOT,
    });
    const { code, last, stderr } = run;
    const result = resultSchema.parse(resultLine(run));
    if (code !== 0 || !result.ok)
      throw new Error(`journey failed (exit ${code}): ${last}\n${stderr.slice(-6000)}`);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['install: welcome card', true],
      ['help: help card', true],
      ['open a Rapid Review', true],
      ['the agency lead receives the information request', true],
      ['the chair receives the tracker', true],
      ['the agency lead answers; the card turns read-only', true],
      ['the tracker updates itself', true],
      ['an agency lead without Teams answers through the emailed link (local outbox)', true],
      ['the chair records the decision; the recommendation is routed to ILD', true],
      ['the chair creates an action for a CSPRG member', true],
      ['the chair books a CSPRG meeting (fake Graph): offers, pick, confirmation', true],
      ['the chair cancels the meeting', true],
      ['the advisor schedules a DSL forum and issues the opinion form', true],
      ['a DSL without Teams answers through the emailed link (local outbox)', true],
      ['the advisor sees the report: one answer so far', true],
      ['a week later the overdue action escalates to the chair', true],
      ['the chair presses "Chase owner now" in the Playground web UI', true],
    ]);
    expect(existsSync(SCREENSHOT) && statSync(SCREENSHOT).size > 10_000).toBe(true);
  },
  TIMEOUT_MS,
);
