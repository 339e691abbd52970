import { claimForSending, recordDelivery } from '../../core/delivery/delivery-store';
import { renderEmailHtml } from '../../core/delivery/email-html';
import type { JobHandler } from '../handler';
import { backoffMs } from '../deliver/handler';
import { openDelivery, settle } from '../delivery-outcomes';

/** The email leg: a short HTML summary and, for forms, a signed link to the web form. */
export const deliverEmail: JobHandler<'deliver-email'> = async (deps, key, job) => {
  const opened = await openDelivery(deps, key);
  if ('done' in opened) return opened.done;
  const { message } = opened.send;
  const person = deps.directory.person(key.personId)!;
  const mail = deps.delivery.mail;
  if (!mail) {
    await recordDelivery(deps.db, key, { status: 'undeliverable', code: 'NO_MAIL' });
    await settle(deps, key);
    return { status: 'undeliverable' };
  }
  const formUrl = message.form_verb ? await deps.delivery.formLink(key.messageId, key.personId) : null;
  if (!(await claimForSending(deps.db, key, 'email'))) return { skipped: 'claimed elsewhere' };
  const outcome = await mail.send({
    to: person.email,
    subject: message.subject,
    html: renderEmailHtml({
      partnershipName: deps.partnership.name,
      summary: message.summary,
      caseReference: message.case_reference,
      formUrl,
    }),
  });
  switch (outcome.kind) {
    case 'sent':
      await recordDelivery(deps.db, key, { status: 'delivered', channel: 'email', code: null });
      await settle(deps, key);
      return { status: 'delivered', channel: 'email' };
    case 'throttled':
      await recordDelivery(deps.db, key, { status: 'pending', code: 'MAIL_THROTTLED' });
      return job.retryAfter(outcome.retryAfterMs ?? backoffMs(job));
    case 'transient':
      await recordDelivery(deps.db, key, { status: 'pending', code: `MAIL_${outcome.code}` });
      if (job.attemptsMade + 1 < job.maxAttempts) throw new Error(`mail send failed: ${outcome.code}`);
      await recordDelivery(deps.db, key, { status: 'failed', code: `MAIL_${outcome.code}` });
      await settle(deps, key);
      return { status: 'failed', code: outcome.code };
    default:
      await recordDelivery(deps.db, key, { status: 'failed', code: `MAIL_${outcome.code}` });
      await settle(deps, key);
      return { status: 'failed', code: outcome.code };
  }
};
