import { z } from 'zod';
import { ACTION_VERBS } from '../../cards/tracked-action';
import { ESCALATION_VERBS } from '../../cards/escalation';
import type {
  CardActionHandler,
  CardActionResult,
  CardActionRequest,
  CardActionDeps,
} from '../actions/types';
import { isAppError } from '../errors';
import { fieldProblem } from '../text/field-problem';
import { changeAction, parseChange, type ActionChange } from './changes';
import { createAction } from './create';
import { refreshActionCards } from './refresh';
import { escalationCard, ownerCard } from './render';
import { actionHistory, actionIdForMessage, loadAction } from './store';
import { actionView, escalationView } from './views';

const STATUS = { BAD_INPUT: 400, NOT_AUTHORISED: 403, NOT_FOUND: 404, CONFLICT: 409 } as const;

/** AppErrors become a plain answer naming the field; anything else is a bug and is thrown. */
export function asCardError(e: unknown): CardActionResult {
  if (isAppError(e) && e.code in STATUS)
    return { kind: 'error', status: STATUS[e.code as keyof typeof STATUS], message: e.message };
  throw e;
}

const target = z.object({ actionId: z.uuid(), messageId: z.union([z.uuid(), z.literal('')]).optional() });

/** The card to answer with: the message's own view for this person, else the action as a plain card. */
async function answer(
  deps: CardActionDeps,
  req: CardActionRequest,
  actionId: string,
  messageId: string | undefined,
  message: string,
  escalation: boolean,
): Promise<CardActionResult> {
  const view = escalation ? escalationView : actionView;
  const viewed = messageId
    ? await view(deps, { messageId, person: req.person, channel: req.channel, requested: true })
    : undefined;
  if (viewed) return { kind: 'card', card: viewed, message };
  const row = await loadAction(deps.db, deps.partnership.id, actionId);
  if (!row) return { kind: 'error', status: 404, message: 'This action no longer exists.' };
  const card = escalation
    ? escalationCard(deps, row, {
        messageId: messageId ?? '',
        viewer: req.person,
        history: await actionHistory(deps.db, row.id),
      })
    : ownerCard(deps, row, { messageId: messageId ?? '', viewer: req.person });
  return { kind: 'card', card, message };
}

function changeHandler(kind: ActionChange['kind'], escalation: boolean): CardActionHandler {
  return async (deps, req) => {
    const t = target.safeParse(req.data);
    if (!t.success)
      return { kind: 'error', status: 400, message: 'This card is missing its action reference.' };
    const { actionId } = t.data;
    const messageId = t.data.messageId || undefined;
    if (req.boundMessageId && (await actionIdForMessage(deps.db, req.boundMessageId)) !== actionId)
      return { kind: 'error', status: 403, message: 'This link is for a different action.' };
    // The answer shows the card of messageId: it must be a card of this action, not of another one.
    if (messageId && (await actionIdForMessage(deps.db, messageId)) !== actionId)
      return { kind: 'error', status: 403, message: 'This card is for a different action.' };
    try {
      const change = parseChange(kind, req.data);
      const outcome = await changeAction(deps, actionId, req.person, change);
      await refreshActionCards(deps, actionId, outcome.recommendationId);
      return answer(deps, req, actionId, messageId ?? req.boundMessageId, outcome.message, escalation);
    } catch (e) {
      return asCardError(e);
    }
  };
}

const newActionForm = z.record(z.string(), z.unknown(), { message: 'expected the fields of the form' });

/** A chair or the business unit creates an action from the new-action form. */
const createFromCard: CardActionHandler = async (deps, req) => {
  const data = newActionForm.safeParse(req.data);
  if (!data.success)
    return { kind: 'error', status: 400, message: fieldProblem(data.error, {}, 'New action form') };
  const pick = (k: string) => {
    const v = data.data[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  try {
    const { actionId } = await createAction(
      deps,
      {
        title: pick('title') ?? '',
        description: pick('description') ?? '',
        subgroupId: pick('subgroupId') ?? '',
        ownerId: pick('ownerId') ?? '',
        dueDate: pick('dueDate') ?? '',
        caseReference: pick('caseReference'),
        source: 'manual',
      },
      { person: req.person },
    );
    return answer(deps, req, actionId, undefined, 'Action created; the owner has been told.', false);
  } catch (e) {
    return asCardError(e);
  }
};

export const trackedActionHandlers: Record<string, CardActionHandler> = {
  [ACTION_VERBS.create]: createFromCard,
  [ACTION_VERBS.progress]: changeHandler('progress', false),
  [ACTION_VERBS.complete]: changeHandler('complete', false),
  [ESCALATION_VERBS.extend]: changeHandler('extend', true),
  [ESCALATION_VERBS.reassign]: changeHandler('reassign', true),
  [ESCALATION_VERBS.chase]: changeHandler('chase', true),
  [ESCALATION_VERBS.complete]: changeHandler('complete', true),
  [ESCALATION_VERBS.escalate]: changeHandler('escalate-now', true),
};
