/** Every forum card verb, shared by the cards and their handlers. */
export const FORUM_VERBS = {
  answer: 'forum.answer',
  schedule: 'forum.schedule',
  generate: 'forum.generate',
  issue: 'forum.issue',
  report: 'forum.report',
  youSaid: 'forum.you-said',
} as const;

/** The most a DSL may write in one answer box. */
export const FORUM_TEXT_MAX = 2000;
/** The most an advisor may write in reply to one theme. */
export const FORUM_REPLY_MAX = 1000;
