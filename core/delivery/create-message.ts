import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { AppError } from '../errors';

const CASE_REFERENCE_HINT = 'expected a case reference such as RR-2026-014 (no names)';

/**
 * A case reference: a short prefix, then parts that each carry a digit or are at most three letters
 * (`RR-2026-014`, `LCSPR/2024/07`), so a name cannot be smuggled in as one (`AMY-JONES-2015`).
 */
export const caseReference = z
  .string()
  .regex(/^[A-Z]{1,6}[-/][A-Z0-9][A-Z0-9/-]{1,30}$/, CASE_REFERENCE_HINT)
  .refine(
    (ref) =>
      ref
        .split(/[-/]/)
        .slice(1)
        .every((part) => /\d/.test(part) || part.length <= 3),
    CASE_REFERENCE_HINT,
  );

export const newMessageSchema = z.strictObject({
  /** Chosen by the caller when the card must carry its own message id (e.g. in Action.Execute data). */
  id: z.uuid().optional(),
  partnershipId: z.string().min(1),
  kind: z.string().min(1).max(40),
  caseReference: caseReference.optional(),
  subject: z.string().min(1).max(160),
  summary: z.string().min(1).max(1000),
  card: z.record(z.string(), z.unknown()),
  formVerb: z.string().min(1).max(60).optional(),
  createdBy: z.string().min(1),
  recipients: z.array(z.string().min(1)).min(1).max(50_000),
});
export type NewMessage = z.input<typeof newMessageSchema>;

/**
 * Records a message and one pending delivery per distinct recipient. The
 * caller then enqueues a deliver job per delivery; the rows are the truth, so
 * a lost job is found again by the sweep.
 */
export async function createMessage(
  db: Kysely<Database>,
  input: NewMessage,
): Promise<{ messageId: string; personIds: string[] }> {
  const parsed = newMessageSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new AppError('BAD_INPUT', `${first.path.join('.') || 'message'}: ${first.message}`);
  }
  const m = parsed.data;
  if (m.caseReference && !m.subject.includes(m.caseReference)) {
    throw new AppError('BAD_INPUT', 'subject: must carry the case reference');
  }
  const messageId = m.id ?? randomUUID();
  const personIds = [...new Set(m.recipients)];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('messages')
      .values({
        id: messageId,
        partnership_id: m.partnershipId,
        kind: m.kind,
        case_reference: m.caseReference ?? null,
        subject: m.subject,
        summary: m.summary,
        card: JSON.stringify(m.card),
        form_verb: m.formVerb ?? null,
        created_by: m.createdBy,
        recipients: personIds.length,
        progress_conversation_id: null,
        progress_activity_id: null,
      })
      .execute();
    for (let i = 0; i < personIds.length; i += 1000) {
      await trx
        .insertInto('deliveries')
        .values(
          personIds.slice(i, i + 1000).map((personId) => ({
            message_id: messageId,
            partnership_id: m.partnershipId,
            person_id: personId,
            channel: null,
            last_error_code: null,
            conversation_id: null,
            activity_id: null,
            answered_at: null,
            updated_at: new Date(),
          })),
        )
        .execute();
    }
  });
  return { messageId, personIds };
}
