/**
 * npm run bench:card-actions — the Rapid Review answer `Action.Execute` through /api/messages (local
 * mode, real PostgreSQL and Redis, the real bot from bot/start.ts) against a bare botbuilder invoke
 * handler that returns a fixed card, in the same run, at 10 concurrent keep-alive connections, in
 * interleaved rounds (BENCH_ROUNDS, default 3) whose totals give the figures.
 *
 * One iteration is a draft save and a submit on its own open information request, so each counts as
 * two requests in both rps figures (the bare server receives the same two posts per iteration).
 * The reviews and requests are opened up front through the core (not timed), and every message is
 * marked delivered in Teams so the handler's card refreshes see what they would in production.
 * The last line is the result as JSON.
 */
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { startBareInvokeServer } from '../bot/bench/bare-invoke-server';
import { startBot } from '../bot/start';
import { RR_VERBS } from '../cards/rapid-review/verbs';
import { openRapidReview } from '../core/rapid-review/open';
import { sendOutgoing } from '../core/rapid-review/outbox';
import type { Services } from '../core/services/services';
import { openBenchRuntime, partnershipWithPeople } from './support/setup';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const LEADS = 40;
const AGENCIES = ['wyp', 'icb', 'myth', 'swypft', 'probation', 'wmdc'];

function objectId(personId: string): string {
  const h = createHash('sha1').update(`bench:${personId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Job {
  personId: string;
  messageId: string;
  requestId: string;
}

function invoke(personId: string, verb: string, data: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:${personId}`, aadObjectId: objectId(personId), name: personId },
    recipient: { id: '28:masa-bot', name: 'masa-bot' },
    conversation: { id: `a:${personId}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

const answers = {
  rr_involved: 'yes',
  rr_period: 'April 2025 to February 2026',
  rr_summary: 'Two attendances at the address; referral to children’s social care in January.',
  rr_keyEvents: '3 Jan: attendance.\n17 Jan: referral.\n2 Feb: strategy discussion.',
  rr_immediateActions: 'Information shared with the MASH.',
};

/** One iteration: a draft save, then the submit, on one request. */
function iterationBodies(j: Job): [string, string] {
  const ids = { messageId: j.messageId, requestId: j.requestId };
  return [
    invoke(j.personId, RR_VERBS.saveDraft, { ...ids, ...answers }),
    invoke(j.personId, RR_VERBS.submit, { ...ids, ...answers, rr_csprView: 'may-meet' }),
  ];
}

interface Run {
  requests: number;
  seconds: number;
  latencies: number[];
  failures: number;
}

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs the iterations over `CONNECTIONS` keep-alive connections, each connection one at a time. */
async function drive(port: number, iterations: Array<[string, string]>, label: string): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  let done = 0;
  const started = performance.now();
  const progress = setInterval(() => log(`${label}: ${done}/${iterations.length} iterations`), 2000);
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= iterations.length) return;
      for (const body of iterations[i]!) {
        const t0 = performance.now();
        const res = await post(agent, port, body);
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || !res.text.includes('application/vnd.microsoft.card.adaptive')) {
          failures++;
          if (failures <= 3) log(`${label}: unexpected answer ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  agent.destroy();
  return { requests: latencies.length, seconds, latencies, failures };
}

function total(runs: Run[]): Run {
  return {
    requests: runs.reduce((n, r) => n + r.requests, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    latencies: runs.flatMap((r) => r.latencies),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
}

/** Opens enough reviews (LEADS requests each) through the core, and marks every message delivered. */
async function prepare(s: Services, leads: string[], needed: number): Promise<Job[]> {
  const buManager = s.directory.person('bu-manager')!;
  const today = s.calendar.localDate(s.now());
  const reviews = Math.ceil(needed / leads.length);
  for (let n = 0; n < reviews; n++) {
    const opened = await openRapidReview(
      s,
      buManager,
      {
        caseReference: `RR-2026-B${String(n).padStart(4, '0')}`,
        notificationDate: today,
        category: 'death',
        agencyLeads: leads,
        chairId: 'hos-quality-learning',
      },
      'teams',
    );
    if ('kind' in opened) throw new Error(opened.message);
    if (n % 10 === 9) log(`opened ${n + 1}/${reviews} reviews`);
  }
  const rows = await s.db.selectFrom('rapid_review_messages').select('message_id').execute();
  for (const r of rows) await sendOutgoing(s, r.message_id);
  await sql`update deliveries set status = 'delivered', channel = 'teams',
    conversation_id = 'a:' || person_id, activity_id = 'bench-' || id::text, updated_at = now()`.execute(
    s.db,
  );
  log(`recorded ${rows.length} messages as delivered in Teams`);
  const requests = await s.db
    .selectFrom('rapid_review_requests as r')
    .innerJoin('rapid_review_messages as m', 'm.request_id', 'r.id')
    .select(['r.id', 'r.addressee_id', 'm.message_id'])
    .where('m.purpose', '=', 'request')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return requests.map((r) => ({ personId: r.addressee_id, messageId: r.message_id, requestId: r.id }));
}

async function main(): Promise<void> {
  const leads = Array.from({ length: LEADS }, (_, i) => `bench-lead-${String(i).padStart(2, '0')}`);
  const file = partnershipWithPeople('wakefield', LEADS, (i) => ({
    id: leads[i],
    displayName: `Agency lead ${i}`,
    email: `${leads[i]}@bench.example`,
    agency: AGENCIES[i % AGENCIES.length],
    roles: ['agency-lead'],
    entraObjectId: objectId(leads[i]!),
  }));
  const bench = await openBenchRuntime({ PARTNERSHIP: file, PORT: '0', HOST: '127.0.0.1' });
  const { rt } = bench;
  const bot = await startBot(rt);
  const bare = await startBareInvokeServer();
  try {
    const s = bot.services;
    const people = [...leads, ...rt.partnership.people.map((p) => p.id)];
    await s.db
      .insertInto('conversation_references')
      .values(
        people.map((id) => ({
          conversation_id: `a:${id}`,
          partnership_id: rt.partnership.id,
          person_id: id,
          channel_id: 'msteams',
          conversation_type: 'personal',
          service_url: 'http://127.0.0.1:9/',
          tenant_id: 'bench-tenant',
          user_aad_object_id: null,
          reference: JSON.stringify({
            bot: { id: '28:masa-bot' },
            user: { id: `29:${id}` },
            conversation: { id: `a:${id}`, conversationType: 'personal', tenantId: 'bench-tenant' },
            channelId: 'msteams',
            serviceUrl: 'http://127.0.0.1:9/',
          }),
          installed: true,
          updated_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    const jobs = await prepare(s, leads, WARMUP + ITERATIONS);
    const bodies = jobs.map(iterationBodies);
    const warm = bodies.slice(0, WARMUP);
    log(`warming up: ${warm.length} iterations on each server`);
    await drive(bare.port, warm, 'bare warm-up');
    const warmOurs = await drive(bot.port, warm, 'ours warm-up');
    if (warmOurs.failures > 0) throw new Error(`${warmOurs.failures} warm-up requests failed`);
    // Interleaved rounds, the order swapped each round, so a slow spell on the machine (another process, a
    // disk flush) falls on both servers instead of deciding the ratio. The bare server gets the same bodies:
    // it ignores them, but parses the same bytes.
    const runs = { bare: [] as Run[], ours: [] as Run[] };
    const perRound = Math.ceil(ITERATIONS / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const from = WARMUP + round * perRound;
      const chunk = bodies.slice(from, Math.min(from + perRound, WARMUP + ITERATIONS));
      const order = round % 2 === 0 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const);
      for (const side of order) {
        const port = side === 'bare' ? bare.port : bot.port;
        const profiler = process.env.BENCH_PROFILE === side ? await startProfile() : undefined;
        runs[side].push(await drive(port, chunk, `${side} round ${round + 1}/${ROUNDS}`));
        if (profiler) log(`CPU profile written to ${await profiler.stop(`${side}-${round + 1}`)}`);
      }
      const [b, o] = [runs.bare[round]!, runs.ours[round]!];
      log(`round ${round + 1}: ratio ${round2(o.requests / o.seconds / (b.requests / b.seconds))}`);
    }
    const bareRun = total(runs.bare);
    const oursRun = total(runs.ours);
    const submitted = await s.db
      .selectFrom('rapid_review_requests')
      .select(s.db.fn.countAll<string>().as('n'))
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    log(
      `bare: ${bareRun.requests} requests in ${bareRun.seconds.toFixed(2)} s; ours: ${oursRun.requests} in ` +
        `${oursRun.seconds.toFixed(2)} s, ${oursRun.failures} failed; ${submitted.n} requests submitted`,
    );
    if (oursRun.failures > 0 || bareRun.failures > 0) throw new Error('some requests failed');
    const bareRps = bareRun.requests / bareRun.seconds;
    const oursRps = oursRun.requests / oursRun.seconds;
    const result = {
      bare_rps: round2(bareRps),
      ours_rps: round2(oursRps),
      ratio: round2(oursRps / bareRps),
      ours_p99_ms: round2(p99(oursRun.latencies)),
      bare_p99_ms: round2(p99(bareRun.latencies)),
    };
    log(`counting: one iteration = draft save + submit = 2 requests, at ${CONNECTIONS} connections`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bare.close();
    await bot.close();
    await bench.close();
  }
}

/** BENCH_PROFILE=ours (or bare): a V8 CPU profile of the process during each measured round of that server. */
async function startProfile(): Promise<{ stop(label: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  const call = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await call('Profiler.enable');
  await call('Profiler.start');
  return {
    async stop(label: string) {
      const { profile } = (await call('Profiler.stop')) as { profile: unknown };
      const file = path.join(tmpdir(), `card-actions-${label}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function log(line: string): void {
  process.stderr.write(`[bench:card-actions] ${line}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
