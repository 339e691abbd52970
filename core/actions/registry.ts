import { NOTICE_VERBS } from '../../cards/notice';
import { acknowledgeNotice } from './acknowledge-notice';
import { REFRESH_VERB, refreshCard } from './refresh';
import { meetingActions } from '../meetings/actions';
import { rapidReviewActions } from '../rapid-review/actions';
import { trackedActionHandlers } from '../tracked-actions/card-actions';
import { recommendationHandlers } from '../recommendations/card-actions';
import type { CardActionDeps, CardActionHandler, CardActionRequest, CardActionResult } from './types';
import { FORUM_VERBS } from '../../cards/forum/verbs';
import { answerForumForm } from '../forum/answer';
import {
  generateForumSessions,
  issueForumForm,
  scheduleForumSession,
  sendForumYouSaid,
  showForumReport,
} from '../forum/organiser-actions';

/** Every card verb and its handler; a feature adds its verbs here. */
const handlers: Record<string, CardActionHandler> = {
  [NOTICE_VERBS.acknowledge]: acknowledgeNotice,
  [REFRESH_VERB]: refreshCard,
  ...meetingActions,
  ...rapidReviewActions,
  ...trackedActionHandlers,
  ...recommendationHandlers,
  [FORUM_VERBS.answer]: answerForumForm,
  [FORUM_VERBS.schedule]: scheduleForumSession,
  [FORUM_VERBS.generate]: generateForumSessions,
  [FORUM_VERBS.issue]: issueForumForm,
  [FORUM_VERBS.report]: showForumReport,
  [FORUM_VERBS.youSaid]: sendForumYouSaid,
};

/** Dispatches a card action by verb; unknown verbs are a plain 400, never an exception. */
export async function handleCardAction(
  deps: CardActionDeps,
  req: CardActionRequest,
): Promise<CardActionResult> {
  const handler = Object.hasOwn(handlers, req.verb) ? handlers[req.verb] : undefined;
  if (!handler)
    return {
      kind: 'error',
      status: 400,
      message: 'This button is not recognised. It may be from an older card.',
    };
  return handler(deps, req);
}
