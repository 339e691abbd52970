import { caseReference } from '../../../core/delivery/create-message';
import { canRead } from '../../../core/rapid-review/access';
import { packLinksFor } from '../../../core/rapid-review/pack/links';
import { PACK_LINK_HOURS } from '../../../core/rapid-review/pack/token';
import { findReviewByReference } from '../../../core/rapid-review/store';
import { escapeHtml } from '../../../core/text/escape-html';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';

/** `rapid review pack <ref>`: links to the submission pack (HTML and Markdown) for whoever may read it. */
export const rapidReviewPack: CommandHandler = async (ctx, turn, { person, args }) => {
  const ref = (args[0] ?? '').toUpperCase();
  if (!ref) {
    await reply(turn, {
      text: 'Case reference: type it after the command, e.g. "rapid review pack RR-2026-014".',
    });
    return;
  }
  if (!caseReference.safeParse(ref).success) {
    await reply(turn, { text: 'Case reference: expected a case reference such as RR-2026-014 (no names).' });
    return;
  }
  const review = await findReviewByReference(ctx.db, ctx.partnership.id, ref);
  if (!review || !canRead(person, review)) {
    await reply(turn, {
      text: `I can't give you the submission pack for ${ref}: it does not exist, or only its chair, the business unit and the Independent Scrutineer can download it.`,
    });
    return;
  }
  const links = packLinksFor(ctx, review, person);
  if (!links) {
    await reply(turn, {
      text: 'Download links are not available: the bot has no public address configured.',
    });
    return;
  }
  const lead = `Submission pack for Rapid Review ${ref} (the links work for you only, for ${PACK_LINK_HOURS} hours):`;
  await reply(turn, {
    text: `${lead}\n\nHTML: ${links.html}\n\nMarkdown: ${links.markdown}`,
    html:
      `<p>${escapeHtml(lead)}</p><ul>` +
      `<li><a href="${escapeHtml(links.html)}">HTML</a></li>` +
      `<li><a href="${escapeHtml(links.markdown)}">Markdown</a></li></ul>`,
  });
};
