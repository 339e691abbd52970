import type { MailSender } from '../delivery/ports';
import { classifyHttpFailure, type SendOutcome } from '../delivery/outcome';
import type { GraphClient } from './client';

/** Sends mail from the partnership mailbox with Graph `sendMail` (202 Accepted on success). */
export function graphMailSender(graph: GraphClient, mailbox: string): MailSender {
  return {
    async send({ to, subject, html }): Promise<SendOutcome> {
      const res = await graph.request(
        'POST',
        `/users/${encodeURIComponent(mailbox)}/sendMail`,
        {
          message: {
            subject,
            body: { contentType: 'HTML', content: html },
            toRecipients: [{ emailAddress: { address: to } }],
          },
          saveToSentItems: true,
        },
        { mailbox },
      );
      if (res.status === 202 || res.status === 200) return { kind: 'sent', activityId: null };
      // For mail, 403/404 mean the mailbox or permission is wrong: nothing to fall back to.
      const outcome = classifyHttpFailure(res.status, res.retryAfter);
      return outcome.kind === 'unreachable'
        ? { kind: 'permanent', status: res.status, code: `MAIL_HTTP_${res.status}` }
        : outcome;
    },
  };
}
