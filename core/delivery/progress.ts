import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface DeliveryProgress {
  total: number;
  teams: number;
  email: number;
  pending: number;
  unconfirmed: number;
  failed: number;
  /** Failed or undeliverable recipients with the reason code, for the sender. */
  problems: Array<{ personId: string; code: string }>;
}

export async function deliveryProgress(db: Kysely<Database>, messageId: string): Promise<DeliveryProgress> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', 'channel', (eb) => eb.fn.countAll<string>().as('n')])
    .where('message_id', '=', messageId)
    .groupBy(['status', 'channel'])
    .execute();
  const p: DeliveryProgress = {
    total: 0,
    teams: 0,
    email: 0,
    pending: 0,
    unconfirmed: 0,
    failed: 0,
    problems: [],
  };
  for (const r of rows) {
    const n = Number(r.n);
    p.total += n;
    if (r.status === 'delivered') p[r.channel === 'email' ? 'email' : 'teams'] += n;
    else if (r.status === 'pending' || r.status === 'sending') p.pending += n;
    else if (r.status === 'unconfirmed') p.unconfirmed += n;
    else p.failed += n;
  }
  if (p.failed > 0) {
    const failed = await db
      .selectFrom('deliveries')
      .select(['person_id', 'last_error_code'])
      .where('message_id', '=', messageId)
      .where('status', 'in', ['failed', 'undeliverable'])
      .orderBy('person_id')
      .limit(20)
      .execute();
    p.problems = failed.map((f) => ({ personId: f.person_id, code: f.last_error_code ?? 'UNKNOWN' }));
  }
  return p;
}
