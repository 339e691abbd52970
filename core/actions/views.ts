import { noticeView } from './notice-view';
import { meetingViews } from '../meetings/actions';
import { rapidReviewViews } from '../rapid-review/actions';
import type { CardView } from './types';
import { actionView, escalationView } from '../tracked-actions/views';
import { recommendationView } from '../recommendations/view';
import { forumFormView } from '../forum/form-view';
import { forumReportView } from '../forum/organiser-actions';

/**
 * Per-viewer rendering by message kind (see CardView). A feature whose cards
 * change after sending, or differ by viewer, registers its kind here.
 */
export const cardViews: Record<string, CardView> = {
  notice: noticeView,
  ...meetingViews,
  ...rapidReviewViews,
  action: actionView,
  'action-escalation': escalationView,
  recommendation: recommendationView,
  'forum-form': forumFormView,
  'forum-report': forumReportView,
};
