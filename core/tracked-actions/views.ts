import type { CardView } from '../actions/types';
import { escalationCard, ownerCard } from './render';
import { actionHistory, actionIdForMessage, loadAction } from './store';
import { teamsUserIds } from '../conversations/teams-user-ids';

async function load(deps: Parameters<CardView>[0], messageId: string) {
  const actionId = await actionIdForMessage(deps.db, messageId);
  const row = actionId ? await loadAction(deps.db, deps.partnership.id, actionId) : undefined;
  if (!row) return undefined;
  const history = await actionHistory(deps.db, row.id);
  const recipients = history.find((e) => e.message_id === messageId)?.notified ?? [];
  // Teams refreshes the card for these viewers: their Teams user ids, not their Entra object ids.
  const refreshUserIds = await teamsUserIds(deps.db, deps.partnership.id, recipients);
  return { row, history, refreshUserIds };
}

/** The owner's card (assignment, reminders, chases) as it stands now, for this viewer. */
export const actionView: CardView = async (deps, { messageId, person }) => {
  const found = await load(deps, messageId);
  if (!found) return undefined;
  const latest = [...found.history].reverse().find((e) => e.kind === 'progress');
  return ownerCard(deps, found.row, {
    messageId,
    viewer: person,
    latestNote: latest?.text ?? undefined,
    refreshUserIds: found.refreshUserIds,
  });
};

/** The escalation card as it stands now: days overdue, history, and the choices if this viewer may act. */
export const escalationView: CardView = async (deps, { messageId, person }) => {
  const found = await load(deps, messageId);
  if (!found) return undefined;
  return escalationCard(deps, found.row, {
    messageId,
    viewer: person,
    history: found.history,
    refreshUserIds: found.refreshUserIds,
  });
};
