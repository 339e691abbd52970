import { sendHelp } from '../routes/help';
import type { CommandHandler } from './types';
import { myActions, newAction, recommend, subgroupActions } from './actions/handlers';
import { forumIssue, forumPlan, forumReport, forumSchedule, forumSessions } from './forum/handlers';

/**
 * The handler for each command name in core/commands/catalog.ts. A feature
 * adds its commands to the catalog (usage, description, roles) and here.
 */
export const commandHandlers: Record<string, CommandHandler> = {
  help: (ctx, turn) => sendHelp(ctx, turn),
  'my actions': myActions,
  actions: subgroupActions,
  'new action': newAction,
  recommend,
  'forum sessions': forumSessions,
  'forum schedule': forumSchedule,
  'forum plan': forumPlan,
  'forum issue': forumIssue,
  'forum report': forumReport,
};
