import { NOTICE_VERBS } from '../../cards/notice';
import { acknowledgeNotice } from './acknowledge-notice';
import { REFRESH_VERB, refreshCard } from './refresh';
import type { CardActionDeps, CardActionHandler, CardActionRequest, CardActionResult } from './types';

/** Every card verb and its handler; a feature adds its verbs here. */
const handlers: Record<string, CardActionHandler> = {
  [NOTICE_VERBS.acknowledge]: acknowledgeNotice,
  [REFRESH_VERB]: refreshCard,
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
