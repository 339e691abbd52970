/**
 * npm run bench:fanout — one message to 5,000 people through the whole
 * delivery pipeline (real PostgreSQL and Redis, in-process workers) against a
 * local connector that enforces the Teams limits and injects 2% 429s and 1% 503s.
 * The last line is the result as JSON.
 */
import { randomUUID } from 'node:crypto';
import { buildNoticeCard, NOTICE_VERBS } from '../cards/notice';
import { sendMessage } from '../core/delivery/send-message';
import { servicesFrom } from '../core/services/from-runtime';
import { startWorkerProcess } from '../workers/start';
import { LimitedConnector } from './support/limited-connector';
import { openBenchRuntime, partnershipWithPeople, rssSampler, teamsConversationRows } from './support/setup';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 5000);
const LIMIT_RPS = Number(process.env.TEAMS_APP_RPS ?? 50);

async function main(): Promise<void> {
  const rss = rssSampler();
  const connector = new LimitedConnector({ appRps: LIMIT_RPS, inject429: 0.02, inject503: 0.01 });
  await connector.start();
  const ids = Array.from({ length: RECIPIENTS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  const file = partnershipWithPeople('wakefield', RECIPIENTS, (i) => ({
    id: ids[i],
    displayName: `Practitioner ${i}`,
    email: `${ids[i]}@bench.example`,
    agency: 'wscp',
    roles: ['practitioner'],
  }));
  const bench = await openBenchRuntime({ PARTNERSHIP: file, TEAMS_APP_RPS: String(LIMIT_RPS) });
  const { rt } = bench;
  try {
    log(`storing ${RECIPIENTS} Teams conversations`);
    const db = rt.database.db;
    for (let i = 0; i < ids.length; i += 1000) {
      await db
        .insertInto('conversation_references')
        .values(teamsConversationRows(rt.partnership.id, ids.slice(i, i + 1000), connector.url))
        .execute();
    }
    const workers = await startWorkerProcess(rt);
    const services = servicesFrom(rt, workers.queues);
    const messageId = randomUUID();
    const started = Date.now();
    await sendMessage(services, {
      id: messageId,
      partnershipId: rt.partnership.id,
      kind: 'notice',
      caseReference: 'RR-2026-900',
      subject: 'RR-2026-900: learning briefing',
      summary: 'Please read and acknowledge the learning briefing.',
      card: buildNoticeCard({
        partnership: rt.partnership.shortName,
        title: 'RR-2026-900: learning briefing',
        body: 'Please read and acknowledge the learning briefing.',
        caseReference: 'RR-2026-900',
        messageId,
      }),
      formVerb: NOTICE_VERBS.acknowledge,
      createdBy: 'bu-manager',
      recipients: ids,
    });
    log(`queued ${RECIPIENTS} deliveries in ${Date.now() - started} ms`);

    let counts: Record<string, number> = {};
    let lastLog = 0;
    for (;;) {
      const rows = await db
        .selectFrom('deliveries')
        .select(['status', db.fn.countAll<string>().as('n')])
        .where('message_id', '=', messageId)
        .groupBy('status')
        .execute();
      counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      const open = (counts.pending ?? 0) + (counts.sending ?? 0);
      const elapsed = (Date.now() - started) / 1000;
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (Date.now() - lastLog < 2000) continue;
      lastLog = Date.now();
      log(
        `${elapsed.toFixed(0)} s: delivered ${counts.delivered ?? 0}, pending ${open}, ` +
          `failed ${(counts.failed ?? 0) + (counts.undeliverable ?? 0) + (counts.unconfirmed ?? 0)}; ` +
          `connector: ${connector.stats.accepted} accepted, ${connector.stats.throttledByApp} over the app limit, ` +
          `${connector.stats.injected429} injected 429, ${connector.stats.injected503} injected 503`,
      );
    }
    const seconds = (Date.now() - started) / 1000;
    await workers.close();

    const received = connector.stats.perConversation;
    let duplicates = 0;
    for (const [conversation, n] of received)
      if (conversation !== 'a:bu-manager' && n > 1) duplicates += n - 1;
    const lost = ids.filter((id) => !received.has(`a:${id}`)).length;
    const achieved = (counts.delivered ?? 0) / seconds;
    const result = {
      recipients: RECIPIENTS,
      limit_rps: LIMIT_RPS,
      achieved_rps: round(achieved),
      ratio: round(achieved / LIMIT_RPS),
      duplicates,
      lost,
      peak_rss_mb: rss.stop(),
    };
    log(
      `done in ${seconds.toFixed(1)} s; app-limit 429s ${connector.stats.throttledByApp}, ` +
        `conversation-limit 429s ${connector.stats.throttledByConversation}`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bench.close();
    await connector.stop();
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function log(line: string): void {
  process.stderr.write(`[bench:fanout] ${line}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
