import { appendAudit } from '../../audit/append';
import type { Services } from '../../services/services';
import { canRead } from '../access';
import { findReview } from '../store';
import { packHtml } from './html';
import { loadSubmissionPack } from './load';
import { packMarkdown } from './markdown';
import { verifyPackToken } from './token';

export type PackFormat = 'html' | 'md';

export type PackDownload =
  | { ok: true; fileName: string; contentType: string; body: string }
  | { ok: false; status: 403 | 404 | 410; message: string };

/**
 * One download of a submission pack: the link's signature and expiry, then whether its reader may still
 * read the review (from the directory and the review, never from the link alone), then the document.
 * Every download is audited; a refused link serves nothing.
 */
export async function downloadPack(
  s: Services,
  secret: string,
  token: string,
  format: PackFormat,
  channel: string,
): Promise<PackDownload> {
  const check = verifyPackToken(secret, token, s.now());
  if (!check.ok)
    return check.reason === 'expired'
      ? {
          ok: false,
          status: 410,
          message:
            'This link has expired. Type "rapid review pack <case reference>" to the bot for a new one.',
        }
      : { ok: false, status: 404, message: 'This link is not valid.' };
  const { rid, pid } = check.claims;
  const person = s.directory.person(pid);
  const review = await findReview(s.db, s.partnership.id, rid);
  if (!person || !review || !canRead(person, review))
    return {
      ok: false,
      status: 403,
      message:
        'Only the chair of this Rapid Review, the business unit and the Independent Scrutineer can download its submission pack.',
    };
  const pack = await loadSubmissionPack(s, review, person);
  await appendAudit(s.db, {
    partnershipId: s.partnership.id,
    actor: person.id,
    action: 'rapid-review.pack.downloaded',
    subjectType: 'rapid-review',
    subjectId: review.id,
    details: { format, channel },
  });
  const base = `${review.case_reference.replace(/[^A-Za-z0-9-]/g, '-')}-submission-pack`;
  return format === 'md'
    ? {
        ok: true,
        fileName: `${base}.md`,
        contentType: 'text/markdown; charset=utf-8',
        body: packMarkdown(pack),
      }
    : { ok: true, fileName: `${base}.html`, contentType: 'text/html; charset=utf-8', body: packHtml(pack) };
}
