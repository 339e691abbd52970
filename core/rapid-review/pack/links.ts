import { formTokenSecret, loadEnv } from '../../../config/env';
import type { Person } from '../../../config/partnership/schema';
import type { Services } from '../../services/services';
import { canRead } from '../access';
import type { ReviewRow } from '../store';
import { issuePackToken } from './token';

export interface PackLinks {
  html: string;
  markdown: string;
}

/**
 * The settings links need: the bot's public address and the link secret. Services carry no environment,
 * so they come from the process configuration (the bot verifies with the same secret); without one
 * (a broken environment) there are no links.
 */
function linkSettings(): { baseUrl: string; secret: string } | undefined {
  try {
    const env = loadEnv();
    return { baseUrl: env.PUBLIC_BASE_URL.replace(/\/$/, ''), secret: formTokenSecret(env) };
  } catch {
    return undefined;
  }
}

/** The path of a pack link: `/packs/<token>`, with `?format=md` for Markdown. */
export function packPath(token: string, format: 'html' | 'md' = 'html'): string {
  return `/packs/${token}${format === 'md' ? '?format=md' : ''}`;
}

/** Signed, expiring links to the submission pack for one reader; none for anyone who may not read it. */
export function packLinksFor(
  s: Pick<Services, 'now'>,
  review: Pick<ReviewRow, 'id' | 'chair_id'>,
  person: Person,
): PackLinks | undefined {
  if (!canRead(person, review)) return undefined;
  const settings = linkSettings();
  if (!settings) return undefined;
  const token = issuePackToken(settings.secret, review.id, person.id, s.now());
  return {
    html: settings.baseUrl + packPath(token, 'html'),
    markdown: settings.baseUrl + packPath(token, 'md'),
  };
}
