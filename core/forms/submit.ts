import type { Kysely } from 'kysely';
import { z } from 'zod';
import { handleCardAction } from '../actions/registry';
import type { CardActionResult } from '../actions/types';
import type { Database } from '../db/schema';
import type { Services } from '../services/services';
import { afterCommitQueues } from '../runtime/after-commit-queues';
import { fieldProblem } from '../text/field-problem';
import { cardFor } from '../actions/card-for';
import type { Person } from '../../config/partnership/schema';
import { verifyFormToken } from './token';

/** Why a link was refused; the web layer turns each into a status and a plain sentence. */
export type FormRefusal = 'malformed' | 'bad-signature' | 'unknown' | 'expired' | 'used';

export interface OpenedForm {
  ok: true;
  jti: string;
  messageId: string;
  personId: string;
  partnershipId: string;
  kind: string;
  card: Record<string, unknown>;
}

/** Verifies a link and finds its row and card. Reading never uses the token up (mail scanners open links). */
export async function openForm(
  db: Kysely<Database>,
  secret: string,
  token: string,
  now: Date = new Date(),
): Promise<OpenedForm | { ok: false; reason: FormRefusal }> {
  const check = verifyFormToken(secret, token, now);
  if (!check.ok) return check;
  const row = await db
    .selectFrom('form_tokens')
    .innerJoin('messages', 'messages.id', 'form_tokens.message_id')
    .select([
      'form_tokens.message_id',
      'form_tokens.person_id',
      'form_tokens.expires_at',
      'form_tokens.used_at',
      'messages.partnership_id',
      'messages.card',
      'messages.kind',
    ])
    .where('form_tokens.jti', '=', check.claims.jti)
    .executeTakeFirst();
  const refusal = refusalFor(row, check.claims, now);
  if (refusal || !row) return { ok: false, reason: refusal ?? 'unknown' };
  return {
    ok: true,
    jti: check.claims.jti,
    messageId: row.message_id,
    personId: row.person_id,
    partnershipId: row.partnership_id,
    kind: row.kind,
    card: row.card,
  };
}

/** The card the link's recipient should see now: the kind's view (a saved draft, a closed request), else as sent. */
export function currentFormCard(
  deps: Services,
  form: Pick<OpenedForm, 'messageId' | 'kind' | 'card'>,
  person: Person,
): Promise<Record<string, unknown>> {
  return cardFor(deps, { id: form.messageId, kind: form.kind, card: form.card }, person, 'web');
}

function refusalFor(
  row: { message_id: string; person_id: string; expires_at: Date; used_at: Date | null } | undefined,
  claims: { mid: string; pid: string },
  now: Date,
): FormRefusal | undefined {
  if (!row || row.message_id !== claims.mid || row.person_id !== claims.pid) return 'unknown';
  if (row.used_at) return 'used';
  if (row.expires_at.getTime() <= now.getTime()) return 'expired';
  return undefined;
}

/** The untrusted body the form page posts: a verb and the action's data merged with the input values. */
export const formSubmissionSchema = z.object(
  {
    verb: z.string({ message: 'expected the name of the button pressed' }).max(100, 'is too long'),
    data: z.record(z.string(), z.unknown(), { message: 'expected the values of the form' }),
  },
  { message: 'expected the button pressed and the values of the form' },
);
const SUBMISSION_FIELDS = { verb: 'Button', data: 'Form values' };

export type FormDeps = Services;

export type FormSubmitResult =
  | { kind: 'refused'; reason: FormRefusal }
  | { kind: 'not-in-directory' }
  | Extract<CardActionResult, { kind: 'card' }>
  | { kind: 'error'; status: 400 | 403 | 404 | 409; message: string };

/** Thrown inside the transaction to roll back a handler's refusal; never leaves this module. */
class Rollback extends Error {
  constructor(readonly result: FormSubmitResult) {
    super('form submission rolled back');
  }
}

/**
 * Runs a web-form submission as the same card action Teams would send, in one transaction: the token row
 * is locked, the handler runs on the transaction, and the token is used up only when the handler answers
 * with a card. Any refusal rolls everything back.
 */
export async function submitForm(
  deps: FormDeps,
  secret: string,
  token: string,
  body: unknown,
  now: Date = new Date(),
): Promise<FormSubmitResult> {
  const check = verifyFormToken(secret, token, now);
  if (!check.ok) return { kind: 'refused', reason: check.reason };
  const submission = formSubmissionSchema.safeParse(body);
  if (!submission.success)
    return { kind: 'error', status: 400, message: fieldProblem(submission.error, SUBMISSION_FIELDS, 'Form') };
  const claims = check.claims;
  const queues = afterCommitQueues(deps.queues);

  let result: FormSubmitResult;
  try {
    result = await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('form_tokens')
        .select(['message_id', 'person_id', 'expires_at', 'used_at'])
        .where('jti', '=', claims.jti)
        .forUpdate()
        .executeTakeFirst();
      const refusal = refusalFor(row, claims, now);
      if (refusal || !row) return { kind: 'refused', reason: refusal ?? 'unknown' } as const;

      const message = await trx
        .selectFrom('messages')
        .select(['partnership_id', 'card', 'form_verb', 'kind'])
        .where('id', '=', row.message_id)
        .executeTakeFirst();
      if (!message || message.partnership_id !== deps.partnership.id)
        return { kind: 'refused', reason: 'unknown' } as const;

      const person = deps.directory.person(row.person_id);
      if (!person) return { kind: 'not-in-directory' } as const;
      const shown = await currentFormCard(
        { ...deps, db: trx, queues },
        { messageId: row.message_id, kind: message.kind, card: message.card },
        person,
      );
      const verb =
        allowedVerb(message.card, message.form_verb, submission.data.verb) ??
        allowedVerb(shown, message.form_verb, submission.data.verb);
      if (!verb)
        return { kind: 'error', status: 400, message: 'This button is not part of this form.' } as const;

      const result = await handleCardAction(
        { ...deps, db: trx, queues },
        { verb, data: submission.data.data, person, boundMessageId: row.message_id, channel: 'web' },
      );
      if (result.kind === 'error') throw new Rollback(result);
      if (!result.keepLinkOpen)
        await trx.updateTable('form_tokens').set({ used_at: now }).where('jti', '=', claims.jti).execute();
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
  try {
    await queues.flush();
  } catch (e) {
    // The answer is committed; the sweeps re-queue work whose job did not reach Redis.
    deps.logger.warn({ err: e }, 'web form: jobs not queued after commit; the sweeps will pick them up');
  }
  return result;
}

/**
 * The verb a submission may run: an Action.Execute verb present in the stored card, or, for a card with
 * an Action.Submit (no verb, sent as ''), the message's form verb. Anything else is refused, so a link
 * can only press the buttons of its own card.
 */
function allowedVerb(card: unknown, formVerb: string | null, requested: string): string | undefined {
  const found = actionsIn(card);
  if (requested === '') return found.submit && formVerb ? formVerb : undefined;
  return found.verbs.has(requested) ? requested : undefined;
}

function actionsIn(node: unknown, found = { verbs: new Set<string>(), submit: false }) {
  if (Array.isArray(node)) {
    for (const item of node) actionsIn(item, found);
  } else if (typeof node === 'object' && node !== null) {
    const { type, verb } = node as { type?: unknown; verb?: unknown };
    if (type === 'Action.Execute' && typeof verb === 'string') found.verbs.add(verb);
    if (type === 'Action.Submit') found.submit = true;
    for (const value of Object.values(node)) actionsIn(value, found);
  }
  return found;
}
