import type { Person } from '../../../config/partnership/schema';
import type { Services } from '../../services/services';
import { canRead } from '../access';
import type { ReviewRow } from '../store';
import { issuePackToken } from './token';

export interface PackLinks {
  html: string;
  markdown: string;
}

/** The path of a pack link: `/packs/<token>`, with `?format=md` for Markdown. */
export function packPath(token: string, format: 'html' | 'md' = 'html'): string {
  return `/packs/${token}${format === 'md' ? '?format=md' : ''}`;
}

/** Signed, expiring links to the submission pack for one reader; none for anyone who may not read it. */
export function packLinksFor(
  s: Pick<Services, 'now' | 'links'>,
  review: Pick<ReviewRow, 'id' | 'chair_id'>,
  person: Person,
): PackLinks | undefined {
  if (!canRead(person, review)) return undefined;
  const token = issuePackToken(s.links.secret, review.id, person.id, s.now());
  return {
    html: s.links.publicBaseUrl + packPath(token, 'html'),
    markdown: s.links.publicBaseUrl + packPath(token, 'md'),
  };
}
