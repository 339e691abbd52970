import template from './sessions.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { FORUM_VERBS } from './verbs';

export interface ForumSessionsCardData {
  partnership: string;
  forumName: string;
  notice?: string;
  hasTerms: boolean;
  sessions: Array<{
    id: string;
    title: string;
    date: string;
    reference: string;
    status: string;
    statusText: string;
  }>;
}

/** The advisor's list of forum sessions: schedule one, plan the year, issue a form, open a report. */
export function buildForumSessionsCard(d: ForumSessionsCardData): AdaptiveCardJson {
  return expandCard(template, {
    partnership: d.partnership,
    forumName: d.forumName,
    notice: d.notice ?? '',
    hasTerms: d.hasTerms,
    sessions: d.sessions.map((s) => ({ ...s, canIssue: s.status === 'scheduled' })),
    issueVerb: FORUM_VERBS.issue,
    reportVerb: FORUM_VERBS.report,
    scheduleVerb: FORUM_VERBS.schedule,
    generateVerb: FORUM_VERBS.generate,
  });
}
