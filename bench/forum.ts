/**
 * npm run bench:forum — issues a DSL forum opinion form to 450 and then 24,000 DSLs (every school in
 * England) through the whole pipeline (real PostgreSQL and Redis, in-process workers) against a local
 * Bot Connector that enforces the Teams per-app rate (429 + Retry-After when exceeded) and the
 * per-conversation windows. Every DSL has a stored Teams conversation. The last line is the 24,000 result.
 */
import type { Queue } from 'bullmq';
import { SCHOOL_PHASES, type Partnership } from '../config/partnership/schema';
import { Directory } from '../core/directory/directory';
import { issueForm } from '../core/forum/issue';
import { generateSessions } from '../core/forum/schedule';
import { servicesFrom } from '../core/services/from-runtime';
import { startWorkerProcess } from '../workers/start';
import { LimitedConnector } from './support/limited-connector';
import { openBenchRuntime, teamsConversationRows } from './support/setup';

const LIMIT_RPS = Number(process.env.TEAMS_APP_RPS ?? 50);
const SIZES = (process.env.BENCH_FORUM_SIZES ?? '450,24000').split(',').map(Number);

interface Result {
  dsls: number;
  limit_rps: number;
  seconds: number;
  bound_seconds: number;
  ratio: number;
  duplicates: number;
  lost: number;
}

/** Wakefield with `n` generated schools, each with its DSL, in memory (the file's people table stays small). */
function withSchools(base: Partnership, n: number): Partnership {
  const people = [...base.people];
  const schools = [];
  for (let i = 0; i < n; i++) {
    const id = `dsl-${String(i).padStart(5, '0')}`;
    people.push({
      id,
      displayName: `DSL, Bench School ${i}`,
      email: `${id}@bench.example`,
      agency: 'schools',
      roles: ['dsl'],
    });
    schools.push({
      id: `school-${i}`,
      name: `Bench School ${i}`,
      phase: SCHOOL_PHASES[i % SCHOOL_PHASES.length]!,
      dsl: id,
      deputies: [],
    });
  }
  return { ...base, people, schools, forum: { ...base.forum!, includeDeputies: false } };
}

async function run(n: number): Promise<Result> {
  const connector = new LimitedConnector({ appRps: LIMIT_RPS });
  await connector.start();
  const bench = await openBenchRuntime({ PARTNERSHIP: 'wakefield', TEAMS_APP_RPS: String(LIMIT_RPS) });
  try {
    const partnership = withSchools(bench.rt.partnership, n);
    const rt = { ...bench.rt, partnership, directory: new Directory(partnership) };
    const db = rt.database.db;
    const dsls = partnership.schools.map((s) => s.dsl);
    log(n, `storing ${n} people and Teams conversations`);
    for (let i = 0; i < dsls.length; i += 2000) {
      const slice = dsls.slice(i, i + 2000);
      await db
        .insertInto('people')
        .values(
          slice.map((id) => ({
            partnership_id: partnership.id,
            id,
            display_name: `DSL ${id}`,
            email: `${id}@bench.example`,
            entra_object_id: null,
            agency: 'schools',
            roles: ['dsl'],
            active: true,
            synced_at: new Date(),
          })),
        )
        .execute();
      await db
        .insertInto('conversation_references')
        .values(
          teamsConversationRows(
            partnership.id,
            [...slice, ...(i === 0 ? ['education-advisor'] : [])],
            connector.url,
          ),
        )
        .execute();
    }
    const workers = await startWorkerProcess(rt);
    const services = servicesFrom(rt, workers.queues);
    const advisor = rt.directory.person('education-advisor')!;
    const { all } = await generateSessions(services, advisor);
    const started = Date.now();
    const { session } = await issueForm(services, advisor, all[0]!.reference);
    const messageId = session.message_id!;
    log(n, `form ${session.reference} recorded and queued in ${Date.now() - started} ms`);

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
      if (open === 0 && Object.keys(counts).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (Date.now() - lastLog < 5000) continue;
      lastLog = Date.now();
      const elapsed = (Date.now() - started) / 1000;
      log(
        n,
        `${elapsed.toFixed(0)} s: delivered ${counts.delivered ?? 0}, pending ${open}, ` +
          `${(counts.delivered ?? 0) / elapsed > 0 ? ((counts.delivered ?? 0) / elapsed).toFixed(1) : '0'}/s; ` +
          `connector: ${connector.stats.accepted} accepted, ${connector.stats.throttledByApp} over the app limit, ` +
          `${connector.stats.throttledByConversation} over a conversation limit`,
      );
    }
    const seconds = (Date.now() - started) / 1000;
    await profile(n, workers.queues.queue('delivery'));
    await workers.close();
    const received = connector.stats.perConversation;
    let duplicates = 0;
    for (const [conversation, k] of received)
      if (conversation !== 'a:education-advisor' && k > 1) duplicates += k - 1;
    const lost = dsls.filter((id) => !received.has(`a:${id}`)).length;
    const bound = n / LIMIT_RPS;
    log(
      n,
      `done in ${seconds.toFixed(1)} s (bound ${bound} s); statuses ${JSON.stringify(counts)}; ` +
        `app-limit 429s ${connector.stats.throttledByApp}, conversation-limit 429s ${connector.stats.throttledByConversation}`,
    );
    return {
      dsls: n,
      limit_rps: LIMIT_RPS,
      seconds: round(seconds),
      bound_seconds: round(bound),
      ratio: round(bound / seconds),
      duplicates,
      lost,
    };
  } finally {
    await bench.close();
    await connector.stop();
  }
}

/**
 * Where the time goes, from the last 1,000 deliver jobs BullMQ kept: how long each ran (our code plus
 * the connector round trip) and how many started in each 100 ms window (the limiter's slices).
 */
async function profile(n: number, queue: Queue): Promise<void> {
  const jobs = (await queue.getCompleted(0, 999)).filter(
    (j) => j.name === 'deliver' && j.processedOn && j.finishedOn,
  );
  if (jobs.length === 0) return;
  const runMs = jobs.map((j) => j.finishedOn! - j.processedOn!).sort((a, b) => a - b);
  const pct = (p: number) => runMs[Math.min(runMs.length - 1, Math.floor((p / 100) * runMs.length))]!;
  const starts = jobs.map((j) => j.processedOn!).sort((a, b) => a - b);
  const span = (starts[starts.length - 1]! - starts[0]!) / 1000;
  const slices = new Map<number, number>();
  for (const t of starts) slices.set(Math.floor(t / 100), (slices.get(Math.floor(t / 100)) ?? 0) + 1);
  const windows = Math.ceil(span * 10);
  const busy = slices.size;
  log(
    n,
    `profile of ${jobs.length} deliver jobs: run time p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${runMs[runMs.length - 1]} ms; ` +
      `${(jobs.length / span).toFixed(1)} started/s; 100 ms windows with a start: ${busy} of ${windows} ` +
      `(${(jobs.length / busy).toFixed(2)} starts per busy window, limiter allows ${LIMIT_RPS / 10})`,
  );
}

async function main(): Promise<void> {
  let last: Result | undefined;
  for (const n of SIZES) {
    last = await run(n);
    if (n !== SIZES[SIZES.length - 1]) log(n, JSON.stringify(last));
  }
  process.stdout.write(`${JSON.stringify(last)}\n`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function log(n: number, line: string): void {
  process.stderr.write(`[bench:forum ${n}] ${line}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
