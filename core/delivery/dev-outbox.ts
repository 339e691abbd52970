import { z } from 'zod';
import type { Redis } from '../runtime/redis';
import type { MailSender } from './ports';

const KEEP = 200;

export const outboxMailSchema = z.object({
  to: z.string(),
  subject: z.string(),
  html: z.string(),
  at: z.string(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;

/**
 * Local mode without a Graph application: "sent" email is kept in Redis (the
 * last 200) instead, so that people without Teams can be tried out in
 * `npm run dev` through the emailed web-form links (shown at /dev/outbox).
 */
export class DevOutbox {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  sender(): MailSender {
    return {
      send: async ({ to, subject, html }) => {
        const mail: OutboxMail = { to, subject, html, at: new Date().toISOString() };
        await this.redis
          .multi()
          .lpush(this.key, JSON.stringify(mail))
          .ltrim(this.key, 0, KEEP - 1)
          .exec();
        return { kind: 'sent', activityId: null };
      },
    };
  }

  /** Newest first; entries that do not parse are skipped. */
  async read(): Promise<OutboxMail[]> {
    const raw = await this.redis.lrange(this.key, 0, KEEP - 1);
    return raw.flatMap((r) => {
      try {
        const parsed = outboxMailSchema.safeParse(JSON.parse(r));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  }
}

export function devOutboxKey(queuePrefix: string): string {
  return `${queuePrefix}:dev-outbox`;
}
