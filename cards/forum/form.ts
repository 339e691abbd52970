import template from './form.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { FORUM_TEXT_MAX, FORUM_VERBS } from './verbs';

export interface ForumFormCardData {
  partnership: string;
  title: string;
  reference: string;
  sessionId: string;
  sessionDate: string;
  deadline: string;
  anonymous: boolean;
  recordingUrl?: string;
  /** A reminder shows a line asking for the answer. */
  reminder?: boolean;
  /** Shown in green, e.g. "You answered on 5 Nov 2026: sending again replaces that answer." */
  notice?: string;
  /** Closed: read-only, with this sentence. */
  closedText?: string;
  /** The person's current answer, to change it. */
  answer?: { successes: string; issues: string; topics: string; usefulness: number; consent: boolean };
}

/** The opinion form a DSL answers after a forum, in Teams or in the emailed web form. */
export function buildForumFormCard(d: ForumFormCardData): AdaptiveCardJson {
  return expandCard(template, {
    partnership: d.partnership,
    title: d.title,
    reference: d.reference,
    sessionId: d.sessionId,
    sessionDate: d.sessionDate,
    deadline: d.deadline,
    privacy: d.anonymous
      ? 'Your answers are anonymous: the report shows what was said, never who said it or which school.'
      : 'Your answers are shared with the partnership with your school name.',
    consentLabel: d.anonymous
      ? 'I am happy to be contacted about the forum (only counted: your answers stay anonymous)'
      : 'I am happy to be contacted about my answers',
    recordingUrl: d.recordingUrl ?? '',
    reminder: Boolean(d.reminder),
    notice: d.notice ?? '',
    closed: d.closedText !== undefined,
    closedText: d.closedText ?? '',
    maxLength: FORUM_TEXT_MAX,
    successes: d.answer?.successes ?? '',
    issues: d.answer?.issues ?? '',
    topics: d.answer?.topics ?? '',
    usefulness: d.answer ? String(d.answer.usefulness) : '',
    consent: d.answer?.consent ? 'true' : 'false',
    buttonTitle: d.answer ? 'Send changed answer' : 'Send',
    verb: FORUM_VERBS.answer,
  });
}
