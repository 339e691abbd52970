import type { Activity } from 'botbuilder';

/** A 1:1 chat with the bot (Teams leaves the type out of some personal-chat activities). */
export function isPersonalChat(activity: Partial<Activity>): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
}
