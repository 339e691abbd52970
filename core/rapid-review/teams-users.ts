/** Moved to core/conversations/teams-user-ids.ts (shared by every feature whose cards refresh per viewer). */
export { teamsUserIds } from '../conversations/teams-user-ids';
