import { sendHelp } from '../routes/help';
import type { CommandHandler } from './types';
import { bookMeetingCommand } from './meetings/book-meeting';
import { myRequestsCommand } from './rapid-review/my-requests';
import { rapidReviewNew } from './rapid-review/new';
import { rapidReviewPack } from './rapid-review/pack';
import { rapidReviewStatus } from './rapid-review/status';
import { myActions, newAction, recommend, subgroupActions } from './actions/handlers';
import { actionsSummaryCommand } from './actions/summary';
import { forumIssue, forumPlan, forumReport, forumSchedule, forumSessions } from './forum/handlers';

/**
 * The handler for each command name in core/commands/catalog.ts. A feature
 * adds its commands to the catalog (usage, description, roles) and here.
 */
export const commandHandlers: Record<string, CommandHandler> = {
  help: (ctx, turn) => sendHelp(ctx, turn),
  'book meeting': bookMeetingCommand,
  'rapid review new': rapidReviewNew,
  'rapid review status': rapidReviewStatus,
  'rapid review pack': rapidReviewPack,
  'my requests': myRequestsCommand,
  'my actions': myActions,
  actions: subgroupActions,
  'actions summary': actionsSummaryCommand,
  'new action': newAction,
  recommend,
  'forum sessions': forumSessions,
  'forum schedule': forumSchedule,
  'forum plan': forumPlan,
  'forum issue': forumIssue,
  'forum report': forumReport,
};
