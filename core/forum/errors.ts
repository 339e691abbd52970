import type { CardActionResult } from '../actions/types';
import { isAppError } from '../errors';

const STATUS = { BAD_INPUT: 400, NOT_AUTHORISED: 403, NOT_FOUND: 404, CONFLICT: 409 } as const;

/** A domain refusal as a card-action error (a plain sentence); anything else is rethrown. */
export function refusal(e: unknown): Extract<CardActionResult, { kind: 'error' }> {
  if (isAppError(e) && e.code in STATUS)
    return { kind: 'error', status: STATUS[e.code as keyof typeof STATUS], message: e.message };
  throw e;
}
