import type { Person } from '../../config/partnership/schema';
import { buildForumReportCard } from '../../cards/forum/report';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { Services } from '../services/services';
import { canOrganiseForum } from './access';
import { createExportLink } from './export-links';
import { buildForumReport } from './report';
import type { ForumSession } from './sessions-store';

/** The report card for one viewer: download links of their own, and the reply box for organisers. */
export async function forumReportCardFor(
  s: Services,
  session: ForumSession,
  viewer: Person,
  opts: { links?: boolean } = {},
): Promise<AdaptiveCardJson> {
  const report = await buildForumReport(s, session);
  const base = opts.links === false ? undefined : s.links.publicBaseUrl;
  const link = (format: 'csv' | 'xlsx') =>
    base && session.status !== 'scheduled' && !report.withheldUntilClose
      ? createExportLink(s.db, {
          sessionId: session.id,
          personId: viewer.id,
          format,
          now: s.now(),
          baseUrl: base,
        })
      : Promise.resolve(undefined);
  return buildForumReportCard({
    ...report,
    sessionId: session.id,
    csvUrl: await link('csv'),
    xlsxUrl: await link('xlsx'),
    canReply: canOrganiseForum(viewer) && session.status === 'closed' && !session.you_said_message_id,
    youSaidSent: Boolean(session.you_said_message_id),
  });
}
