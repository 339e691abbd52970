import { packLinksFor } from '../../../core/rapid-review/pack/links';
import { PACK_LINK_HOURS } from '../../../core/rapid-review/pack/token';
import { escapeHtml } from '../../../core/text/escape-html';
import { reply } from '../../reply';
import type { CommandHandler } from '../types';
import { readableReview } from './readable-review';

/** `rapid review pack <ref>`: links to the submission pack (HTML and Markdown) for whoever may read it. */
export const rapidReviewPack: CommandHandler = async (ctx, turn, { person, args }) => {
  const review = await readableReview(ctx, turn, person, args, {
    command: 'rapid review pack',
    refusal: (ref) =>
      `I can't give you the submission pack for ${ref}: it does not exist, or only its chair, the business unit and the Independent Scrutineer can download it.`,
  });
  if (!review) return;
  const ref = review.case_reference;
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
