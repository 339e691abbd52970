import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { parseEnv } from '../../config/env';
import { resolvePartnershipFile } from '../../config/partnership/load';
import { openRuntime, type Runtime } from '../../core/runtime/open';
import { createTestSchema, type TestSchema } from '../../test/support/postgres';

/** A copy of a preset with `count` extra people of one role, for load runs. */
export function partnershipWithPeople(
  preset: string,
  count: number,
  person: (i: number) => Record<string, unknown>,
): string {
  const doc = parse(readFileSync(resolvePartnershipFile(preset), 'utf8')) as { people: unknown[] };
  for (let i = 0; i < count; i++) doc.people.push(person(i));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'masa-bench-')), `${preset}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

export interface BenchRuntime {
  rt: Runtime;
  schema: TestSchema;
  close(): Promise<void>;
}

/** A runtime on the real PostgreSQL (a schema of its own, dropped at the end) and the local Redis. */
export async function openBenchRuntime(vars: Record<string, string>): Promise<BenchRuntime> {
  const schema = await createTestSchema();
  const env = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: schema.url,
    QUEUE_PREFIX: `bench-${process.pid}-${Date.now().toString(36)}`,
    ...vars,
  });
  const rt = await openRuntime(env, process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'bench');
  return {
    rt,
    schema,
    async close() {
      const keys = await rt.redis.keys(`${env.QUEUE_PREFIX}:*`);
      for (let i = 0; i < keys.length; i += 1000) await rt.redis.del(...keys.slice(i, i + 1000));
      await rt.close();
      await schema.drop();
    },
  };
}

/** Peak resident set size, sampled every 250 ms. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

/** Stored 1:1 Teams conversations for `personIds` (so delivery uses Teams), as an install would leave them. */
export function teamsConversationRows(
  partnershipId: string,
  personIds: readonly string[],
  serviceUrl: string,
) {
  return personIds.map((id) => ({
    conversation_id: `a:${id}`,
    partnership_id: partnershipId,
    person_id: id,
    channel_id: 'msteams',
    conversation_type: 'personal',
    service_url: serviceUrl,
    tenant_id: 'bench-tenant',
    user_aad_object_id: null,
    reference: JSON.stringify({
      bot: { id: '28:bot' },
      user: { id: `29:${id}` },
      conversation: { id: `a:${id}`, conversationType: 'personal', tenantId: 'bench-tenant' },
      channelId: 'msteams',
      serviceUrl,
    }),
    installed: true,
    updated_at: new Date(),
  }));
}
