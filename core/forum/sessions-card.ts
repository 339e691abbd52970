import { buildForumSessionsCard } from '../../cards/forum/sessions';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { Services } from '../services/services';
import { formatDay, formatMoment } from './format';
import { listSessions } from './sessions-store';

/** The advisor's sessions card, with an optional line saying what just happened. */
export async function forumSessionsCard(s: Services, notice?: string): Promise<AdaptiveCardJson> {
  const sessions = await listSessions(s.db, s.partnership.id);
  const tz = s.partnership.timeZone;
  return buildForumSessionsCard({
    partnership: s.partnership.shortName,
    forumName: s.partnership.forum?.name ?? 'DSL forum',
    notice,
    hasTerms: (s.partnership.forum?.terms.length ?? 0) > 0,
    sessions: sessions.map((x) => ({
      id: x.id,
      title: x.title,
      date: formatDay(x.session_date),
      reference: x.reference,
      status: x.status,
      statusText:
        x.status === 'scheduled'
          ? 'Not issued'
          : x.status === 'open'
            ? `Open until ${x.deadline_at ? formatMoment(x.deadline_at, tz) : '?'}`
            : `Closed ${x.closed_at ? formatMoment(x.closed_at, tz) : ''}`.trim(),
    })),
  });
}
